import { Injectable } from '@nestjs/common';
import type { Principal } from '../auth/principal';
import type { Page, PageRequest } from '../common/pagination/paginate';
import { AppProblem } from '../common/problem/problem';
import type { Portfolio } from '../portfolio/entities/portfolio.entity';
import type { TaxLot } from '../portfolio/entities/tax-lot.entity';
import type { WashSaleActivity } from '../portfolio/ledger.repository';
import { AssetsService } from '../portfolio/assets.service';
import { HouseholdsService } from '../portfolio/households.service';
import { sumOf } from '../common/decimal/decimal';
import { PortfoliosService, type ValuedPosition } from '../portfolio/portfolios.service';
import { computeDrift, type DriftReport, type TargetBand } from './domain/drift';
import { classValues, type Holding } from './domain/what-if';
import { DriftHistoryRepository, type HistoryFilter, repeatsLatest } from './drift-history.repository';
import { DriftQueries, type PricedPosition } from './drift-queries.repository';
import type { HouseholdDrift } from './entities/household-drift.entity';
import type { PortfolioDrift } from './entities/portfolio-drift.entity';
import type { TargetAllocation } from './entities/target-allocation.entity';
import { TARGETS_ALONGSIDE_PORTFOLIO, TargetRepository } from './target.repository';
import { toTargetBand } from './targets.service';
import { RebalancingErrorCode } from './rebalancing-errors';
import { type Tx, UnitOfWork } from '../database/unit-of-work';

function toHolding({ position, asset, current }: Pick<ValuedPosition, 'position' | 'asset' | 'current'>): Holding {
  return { assetId: asset.id, assetType: asset.assetType, quantity: position.quantity, price: current?.price ?? null, classWeights: asset.classWeights ?? [] };
}

function targetsNotSet(): AppProblem {
  return new AppProblem(RebalancingErrorCode.TARGETS_NOT_SET, 'The portfolio has no target allocation: PUT /portfolios/{id}/targets first');
}

function householdTargetsNotSet(): AppProblem {
  return new AppProblem(RebalancingErrorCode.TARGETS_NOT_SET, 'The household has no target allocation: PUT /households/{id}/targets first');
}

export interface PortfolioSnapshot {
  portfolio: Portfolio;
  targets: TargetAllocation[];
  bands: TargetBand[];
  holdings: Holding[];
  warnings: string[];
}

/** A snapshot with what trades are computed on: the positions with their assets, the open lots, recent wash-sale activity. */
export interface PlanningSnapshot extends PortfolioSnapshot {
  valued: ValuedPosition[];
  lots: TaxLot[];
  recentActivity: WashSaleActivity[];
}

/** A drift calculation with what it was calculated on. */
export interface MeasuredDrift {
  portfolioId: string;
  report: DriftReport;
  calculatedAt: Date;
  warnings: string[];
}

/** A household's drift: its targets over the sum of its accounts' holdings and cash. */
export interface MeasuredHouseholdDrift {
  householdId: string;
  report: DriftReport;
  calculatedAt: Date;
  warnings: string[];
}

@Injectable()
export class DriftService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly portfolios: PortfoliosService,
    private readonly targets: TargetRepository,
    private readonly driftHistory: DriftHistoryRepository,
    private readonly queries: DriftQueries,
    private readonly assets: AssetsService,
    private readonly households: HouseholdsService,
  ) {}

  /** The owned portfolio with its targets and priced holdings; 409 without targets. */
  async snapshot(principal: Principal, portfolioId: string): Promise<PortfolioSnapshot> {
    return this.snapshotOf(await this.portfolios.findOwned(principal, portfolioId));
  }

  /** The portfolio's targets and priced holdings, for a portfolio whose ownership was checked (or the system's work); 409 without targets. */
  async snapshotOf(portfolio: Portfolio): Promise<PortfolioSnapshot> {
    const targets = await this.targets.ofPortfolio(portfolio.id);
    if (targets.length === 0) throw targetsNotSet();
    const { valued, warnings } = await this.portfolios.valuePositions(portfolio.id);
    return { portfolio, targets, bands: targets.map(toTargetBand), holdings: valued.map(toHolding), warnings };
  }

  /**
   * The user's portfolio as suggestions and what-if compute on it: the snapshot (targets, priced
   * holdings, warnings) with the valued positions, open lots and the taxpayer's purchases and loss
   * sales since `washSaleSince`, all from one statement (the targets as a column of it). 404 when
   * not the user's, 409 without targets.
   */
  async planningSnapshot(userId: string, portfolioId: string, washSaleSince: Date): Promise<PlanningSnapshot> {
    const read = await this.portfolios.findOwnedWithHoldings(userId, portfolioId, washSaleSince, TARGETS_ALONGSIDE_PORTFOLIO);
    const { portfolio, valued, warnings, lots, recentActivity, alongside: targets } = read;
    if (targets.length === 0) throw targetsNotSet();
    return { portfolio, targets, bands: targets.map(toTargetBand), holdings: valued.map(toHolding), warnings, valued, lots, recentActivity };
  }

  /**
   * The portfolio's drift as the caller's transaction sees it, stored in its history: what an
   * executed plan measures once its trades are recorded, before they commit.
   */
  async measureIn(manager: Tx, portfolioId: string, calculatedAt: Date): Promise<MeasuredDrift> {
    const portfolio = await this.portfolios.findForSystem(portfolioId, manager);
    if (!portfolio) throw new Error(`portfolio ${portfolioId} vanished inside its own transaction`);
    const bands = (await this.targets.ofPortfolio(portfolioId, manager)).map(toTargetBand);
    const { valued, warnings } = await this.portfolios.valuePositions(portfolioId, manager);
    const report = computeDrift(classValues(valued.map(toHolding), portfolio.cash), bands, portfolio.untargetedTolerancePercentage);
    await this.driftHistory.recordChanged(manager, [{ portfolioId, report }], calculatedAt);
    return { portfolioId, report, calculatedAt, warnings };
  }

  /**
   * The drift GET: ownership, targets, positions at their newest prices and the latest stored
   * calculation come from one statement, and a calculation that repeats the latest is not stored
   * again, so the usual read is one round trip.
   */
  async drift(principal: Principal, portfolioId: string): Promise<MeasuredDrift> {
    const read = await this.queries.forDrift(this.unitOfWork.autocommit, principal.userId, portfolioId);
    // Not the caller's, or without targets: snapshot refuses as every rebalancing read does (404, 409).
    if (!read || read.bands.length === 0) return this.measure(await this.snapshot(principal, portfolioId));
    const positions = [...read.positions].sort((a, b) => a.symbol.localeCompare(b.symbol));
    const holdings = positions.map(({ assetId, assetType, quantity, price, classWeights }) => ({ assetId, assetType, quantity, price, classWeights }));
    const report = computeDrift(classValues(holdings, read.cash), read.bands, read.untargetedBand);
    const calculatedAt = new Date();
    if (!repeatsLatest(read.latest, report)) {
      await this.unitOfWork.run((manager) => this.driftHistory.recordChanged(manager, [{ portfolioId: read.portfolioId, report }], calculatedAt));
    }
    return { portfolioId: read.portfolioId, report, calculatedAt, warnings: this.priceWarnings(positions) };
  }

  /**
   * The household's drift: every account's positions at their newest prices and every account's
   * cash, summed by class (a look-through fund split by its weights), against the household's
   * targets. A household has no untargeted band of its own, so a class held without a target is
   * judged against 0, as a portfolio's is when its untargetedTolerancePercentage is unset.
   * 404 when not the user's, 409 without household targets.
   */
  async householdDrift(principal: Principal, householdId: string): Promise<MeasuredHouseholdDrift> {
    const household = await this.households.findOwned(principal, householdId);
    const targets = await this.targets.ofHousehold(household.id);
    if (targets.length === 0) throw householdTargetsNotSet();
    const { accounts, priced, warnings } = await this.households.holdingsOf(household.id);
    const holdings = [...priced].sort((a, b) => a.asset.symbol.localeCompare(b.asset.symbol)).map(toHolding);
    const cash = sumOf(accounts.map((account) => account.cash));
    const report = computeDrift(classValues(holdings, cash), targets.map(toTargetBand));
    const calculatedAt = new Date();
    // As a portfolio's: checked against the latest point without a transaction, stored under the lock only on a change.
    const latest = await this.driftHistory.latestHouseholdFacts([household.id]);
    if (!repeatsLatest(latest.get(household.id), report)) {
      await this.unitOfWork.run((manager) => this.driftHistory.recordHouseholdChanged(manager, [{ householdId: household.id, report }], calculatedAt));
    }
    return { householdId: household.id, report, calculatedAt, warnings };
  }

  async householdHistory(
    principal: Principal,
    householdId: string,
    filter: HistoryFilter,
    request: PageRequest,
  ): Promise<{ householdId: string; page: Page<HouseholdDrift> }> {
    const household = await this.households.findOwned(principal, householdId);
    const page = await this.driftHistory.pageOwnedOfHousehold(principal.userId, household.id, filter, request);
    return { householdId: household.id, page };
  }

  /** The warnings valuePositions gives, for the positions in the same (symbol) order. */
  private priceWarnings(positions: PricedPosition[]): string[] {
    return positions.flatMap(({ symbol, price, asOf }) => {
      if (price === null || asOf === null) return [`No price for ${symbol}: valued at 0`];
      return this.assets.isStale(asOf) ? [`The price of ${symbol} is stale (as of ${asOf.toISOString()})`] : [];
    });
  }

  private async measure(snapshot: PortfolioSnapshot): Promise<MeasuredDrift> {
    const report = computeDrift(classValues(snapshot.holdings, snapshot.portfolio.cash), snapshot.bands, snapshot.portfolio.untargetedTolerancePercentage);
    const calculatedAt = new Date();
    await this.record(snapshot.portfolio.id, report, calculatedAt);
    return { portfolioId: snapshot.portfolio.id, report, calculatedAt, warnings: snapshot.warnings };
  }

  async history(
    principal: Principal,
    portfolioId: string,
    filter: HistoryFilter,
    request: PageRequest,
  ): Promise<{ portfolioId: string; page: Page<PortfolioDrift> }> {
    const portfolio = await this.portfolios.findOwned(principal, portfolioId);
    const page = await this.driftHistory.pageOwned(principal.userId, portfolio.id, filter, request);
    return { portfolioId: portfolio.id, page };
  }

  /**
   * Stores the calculation when it differs from the latest stored one. Most calculations repeat the
   * last one, so that is checked first with one read and no transaction; only a change takes the
   * lock and checks again under it.
   */
  private async record(portfolioId: string, report: DriftReport, calculatedAt: Date): Promise<void> {
    const latest = await this.driftHistory.latestFactsNow([portfolioId]);
    if (repeatsLatest(latest.get(portfolioId), report)) return;
    await this.unitOfWork.run((manager) => this.driftHistory.recordChanged(manager, [{ portfolioId, report }], calculatedAt));
  }
}
