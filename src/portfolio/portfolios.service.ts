import { Injectable } from '@nestjs/common';
import type { Principal } from '../auth/principal';
import { Big } from '../common/decimal/decimal';
import type { Keyset } from '../common/pagination/cursor';
import { type Page, type PageRequest, paginateInMemory } from '../common/pagination/paginate';
import { NotFoundProblem, AppProblem, ValidationProblem } from '../common/problem/problem';
import { CommonErrorCode } from '../common/problem/common-errors';
import { isUniqueViolation } from '../database/postgres-errors';
import { type Tx, UnitOfWork } from '../database/unit-of-work';
import { enqueueDriftRecheck } from '../jobs/drift-recheck';
import { JobQueue } from '../jobs/job-queue';
import { AssetsService } from './assets.service';
import { longTermAt, type LotMethod, type Term, termOf } from './domain/ledger';
import type { Asset } from './entities/asset.entity';
import type { Household } from './entities/household.entity';
import type { AutoRebalance, Portfolio, RebalanceOptions } from './entities/portfolio.entity';
import type { Position } from './entities/position.entity';
import type { RealizedGain } from './entities/realized-gain.entity';
import type { TaxLot } from './entities/tax-lot.entity';
import { type DisposalRange, type GainSums, HoldingsRepository } from './holdings.repository';
import { LedgerRepository, type WashSaleActivity } from './ledger.repository';
import { LedgerService } from './ledger.service';
import { PortfolioErrorCode } from './portfolio-errors';
import { type AlongsideColumn, PortfolioRepository } from './portfolio.repository';
import { HouseholdRepository } from './household.repository';
import type { AccountType } from './domain/account-types';
import { PositionRepository, type PricedPosition } from './position.repository';
import { TransactionRepository } from './transaction.repository';
import type { CurrentPrice } from './asset.repository';

// src/rebalancing imports rebalanceOptionsOf from here, may map a portfolio with toPortfolioSummary, and types
// the column it adds to findOwnedWithHoldings' statement as an AlongsideColumn.
export { rebalanceOptionsOf, toPortfolioSummary } from './portfolio.mapper';
export type { AlongsideColumn } from './portfolio.repository';

/** An account to open, with every setting decided (the mapper fills in the API's defaults). */
export interface NewPortfolio {
  name: string;
  /** Absent: the user's default household. */
  householdId?: string;
  accountType: AccountType;
  externalId: string | null;
  baseCurrency: string;
  lotMethod: LotMethod;
  autoRebalance: AutoRebalance;
  /** null: a plan request's defaults. */
  rebalanceOptions: RebalanceOptions | null;
  untargetedTolerancePercentage: Big;
}

/** The settings to change; an absent one stays as it is, an externalId of null clears it. */
export interface PortfolioChanges {
  name?: string;
  householdId?: string;
  accountType?: AccountType;
  externalId?: string | null;
  lotMethod?: LotMethod;
  autoRebalance?: AutoRebalance;
  rebalanceOptions?: RebalanceOptions;
  untargetedTolerancePercentage?: Big;
}

/** Which portfolios to list; an absent field does not filter. */
export interface PortfolioFilter {
  householdId?: string;
  externalId?: string;
}

export interface ValuedPosition {
  position: Position;
  asset: Asset;
  current: CurrentPrice | undefined;
  marketValue: Big;
}

/** A portfolio with the totals of its positions at current prices. */
export interface PortfolioTotals {
  portfolio: Portfolio;
  marketValue: Big;
  totalValue: Big;
  costBasis: Big;
  /** Over the priced positions only: an unpriced one has no gain to show. */
  unrealizedGain: Big;
  warnings: string[];
}

/** One line of the positions list: a valued position, or the cash that closes the list. */
export type PositionLine = { kind: 'position'; valued: ValuedPosition; priceStale: boolean; unrealizedGain: Big | null } | { kind: 'cash'; cash: Big };

export interface OpenLotView {
  lot: TaxLot;
  unrealizedGain: Big | null;
  term: Term;
  longTermAt: Date;
}

export interface RealizedGains {
  page: Page<RealizedGain>;
  totals: { shortTerm: GainSums; longTerm: GainSums; total: GainSums };
}

/** By symbol, which is unique, so a position added between pages cannot shift the cursor. */
const POSITION_PAGES: Keyset = { direction: 'ASC', keys: [{ column: 'symbol', type: 'text' }] };

const NO_GAINS: GainSums = { proceeds: new Big(0), costBasis: new Big(0), gain: new Big(0), washSaleDisallowed: new Big(0), reportableGain: new Big(0) };

function sumGains(...all: GainSums[]): GainSums {
  return all.reduce(
    (sum, sums) => ({
      proceeds: sum.proceeds.plus(sums.proceeds),
      costBasis: sum.costBasis.plus(sums.costBasis),
      gain: sum.gain.plus(sums.gain),
      washSaleDisallowed: sum.washSaleDisallowed.plus(sums.washSaleDisallowed),
      reportableGain: sum.reportableGain.plus(sums.reportableGain),
    }),
    NO_GAINS,
  );
}

@Injectable()
export class PortfoliosService {
  constructor(
    private readonly portfolios: PortfolioRepository,
    private readonly households: HouseholdRepository,
    private readonly positionRows: PositionRepository,
    private readonly holdings: HoldingsRepository,
    private readonly transactions: TransactionRepository,
    private readonly ledgerRows: LedgerRepository,
    private readonly unitOfWork: UnitOfWork,
    private readonly assets: AssetsService,
    private readonly ledger: LedgerService,
    private readonly jobs: JobQueue,
  ) {}

  /**
   * The ownership rule for everything under /portfolios/{id}: someone else's is a 404. Inside a
   * transaction, pass its handle (or a repository of it, as src/rebalancing does).
   */
  async findOwned(principal: Principal, id: string, tx?: Tx | { manager: Tx }): Promise<Portfolio> {
    const found = await this.portfolios.findOwned(principal.userId, id, tx && 'manager' in tx ? tx.manager : tx);
    if (!found) throw new NotFoundProblem('Portfolio');
    return found;
  }

  /** The portfolio whoever owns it, for work the system does for its owner (never for a request); null once it is gone. */
  findForSystem(id: string, tx?: Tx): Promise<Portfolio | null> {
    return this.portfolios.findById(id, tx);
  }

  /** Which history the portfolio has: any transaction added or removed changes it, so a plan computed on another is stale. */
  historyVersion(portfolioId: string, tx?: Tx): Promise<string> {
    return this.transactions.historyVersion(portfolioId, tx);
  }

  create(principal: Principal, account: NewPortfolio): Promise<Portfolio> {
    return this.externalIdUnique(account.externalId, () =>
      this.unitOfWork.run(async (tx) => {
        const household =
          account.householdId === undefined
            ? await this.households.defaultOf(principal.userId, tx)
            : await this.ownHousehold(principal, account.householdId, tx);
        return this.portfolios.insert(
          {
            userId: principal.userId,
            householdId: household.id,
            accountType: account.accountType,
            externalId: account.externalId,
            name: account.name,
            baseCurrency: account.baseCurrency,
            lotMethod: account.lotMethod,
            autoRebalance: account.autoRebalance,
            rebalanceOptions: account.rebalanceOptions,
            untargetedTolerancePercentage: account.untargetedTolerancePercentage,
            cash: new Big(0),
          },
          tx,
        );
      }),
    );
  }

  /** A household id the caller named in a body: someone else's and a missing one are the same 422, revealing nothing. */
  private async ownHousehold(principal: Principal, householdId: string, tx: Tx): Promise<Household> {
    const household = await this.households.findOwned(principal.userId, householdId, tx);
    if (!household)
      throw new ValidationProblem(
        [{ field: 'householdId', rule: 'ownHousehold', message: 'is not one of your households' }],
        CommonErrorCode.UNPROCESSABLE_FIELDS,
      );
    return household;
  }

  /** A taken externalId is the caller's to fix: 409, not the database's 500. */
  private async externalIdUnique<T>(externalId: string | null | undefined, write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (error) {
      if (externalId && isUniqueViolation(error))
        throw new AppProblem(PortfolioErrorCode.EXTERNAL_ID_TAKEN, `Another of your portfolios has externalId ${externalId}`);
      throw error;
    }
  }

  list(principal: Principal, filter: PortfolioFilter, page: PageRequest): Promise<Page<Portfolio>> {
    return this.portfolios.pageOwned(principal.userId, { ...page, householdId: filter.householdId, externalId: filter.externalId });
  }

  /**
   * Changes what the body names. Moving the account to another household, or changing its type,
   * changes the tax scope its history replays in, so the ledger is re-derived before this commits
   * (a history that becomes impossible is refused with the ledger's 422 and nothing changes).
   */
  async update(principal: Principal, id: string, changes: PortfolioChanges): Promise<Portfolio> {
    return this.externalIdUnique(changes.externalId, () =>
      this.unitOfWork.run(async (manager) => {
        // A move locks both households, in id order; anything else locks the household the account is in.
        const from =
          changes.householdId === undefined
            ? await this.ledger.lockScopeOf(manager, principal.userId, id)
            : await this.ledger.lockMove(manager, principal.userId, id, changes.householdId);
        const portfolio = await this.findOwned(principal, id, manager);
        if (changes.lotMethod !== undefined && changes.lotMethod !== portfolio.lotMethod) {
          if (await this.transactions.hasSell(id, manager)) {
            throw new AppProblem(
              PortfolioErrorCode.LOT_METHOD_LOCKED,
              'The lot method cannot change once the portfolio has a SELL: past sales keep the lots they relieved',
            );
          }
          portfolio.lotMethod = changes.lotMethod;
        }
        let rederive = false;
        if (changes.householdId !== undefined && changes.householdId !== portfolio.householdId) {
          portfolio.householdId = (await this.ownHousehold(principal, changes.householdId, manager)).id;
          rederive = true;
        }
        if (changes.accountType !== undefined && changes.accountType !== portfolio.accountType) {
          portfolio.accountType = changes.accountType;
          rederive = true;
        }
        if (changes.externalId !== undefined) portfolio.externalId = changes.externalId;
        if (changes.name !== undefined) portfolio.name = changes.name;
        if (changes.autoRebalance !== undefined) portfolio.autoRebalance = changes.autoRebalance;
        if (changes.rebalanceOptions !== undefined) portfolio.rebalanceOptions = changes.rebalanceOptions;
        if (changes.untargetedTolerancePercentage !== undefined) {
          const band = changes.untargetedTolerancePercentage;
          // A new band can move the drift status, so the alert is re-evaluated once this commits.
          if (!band.eq(portfolio.untargetedTolerancePercentage)) await enqueueDriftRecheck(this.jobs, manager, [portfolio.id]);
          portfolio.untargetedTolerancePercentage = band;
        }
        const saved = await this.portfolios.save(portfolio, manager);
        if (rederive) {
          // Both households: the one the account left loses its history, the one it joined gains it.
          for (const householdId of new Set([from ?? portfolio.householdId, portfolio.householdId])) await this.ledger.rederive(manager, householdId);
          // The household it left is judged without it now; the one it joined follows from the portfolio.
          await enqueueDriftRecheck(this.jobs, manager, [portfolio.id], from && from !== portfolio.householdId ? [from] : []);
        }
        return saved;
      }),
    );
  }

  /** Deletes the portfolio and all its data; the other accounts of its household are re-derived (wash sales may have linked them). */
  async remove(principal: Principal, id: string): Promise<void> {
    await this.unitOfWork.run(async (manager) => {
      await this.ledger.lockScopeOf(manager, principal.userId, id);
      const portfolio = await this.findOwned(principal, id, manager);
      await this.portfolios.delete(portfolio.id, manager);
      await this.ledger.rederive(manager, portfolio.householdId);
      // Its household, if it has targets, is judged without the account now.
      await enqueueDriftRecheck(this.jobs, manager, [], [portfolio.householdId]);
    });
  }

  async detail(principal: Principal, id: string): Promise<PortfolioTotals> {
    const portfolio = await this.findOwned(principal, id);
    const { valued, warnings } = await this.valuePositions(portfolio.id);
    const priced = valued.filter((entry) => entry.current);
    const marketValue = valued.reduce((sum, entry) => sum.plus(entry.marketValue), new Big(0));
    const costBasis = valued.reduce((sum, entry) => sum.plus(entry.position.costBasis), new Big(0));
    const pricedBasis = priced.reduce((sum, entry) => sum.plus(entry.position.costBasis), new Big(0));
    return {
      portfolio,
      marketValue,
      totalValue: marketValue.plus(portfolio.cash),
      costBasis,
      unrealizedGain: priced.reduce((sum, entry) => sum.plus(entry.marketValue), new Big(0)).minus(pricedBasis),
      warnings,
    };
  }

  async positions(principal: Principal, id: string, request: PageRequest): Promise<{ page: Page<PositionLine>; total: Big; warnings: string[] }> {
    const portfolio = await this.findOwned(principal, id);
    const { valued, warnings } = await this.valuePositions(portfolio.id);
    const total = valued.reduce((sum, entry) => sum.plus(entry.marketValue), new Big(0)).plus(portfolio.cash);
    // Weights need every position valued, so the page is cut from the whole list.
    const lines: PositionLine[] = valued.map((entry) => ({
      kind: 'position',
      valued: entry,
      priceStale: entry.current ? this.assets.isStale(entry.current.asOf) : false,
      unrealizedGain: entry.current ? entry.marketValue.minus(entry.position.costBasis) : null,
    }));
    // The cash line has no symbol: it closes the last page.
    const page = paginateInMemory<PositionLine>([...lines, { kind: 'cash', cash: portfolio.cash }], POSITION_PAGES, request, (line) =>
      line.kind === 'cash' ? null : [line.valued.asset.symbol],
    );
    return { page, total, warnings };
  }

  async lots(principal: Principal, id: string, request: PageRequest): Promise<Page<OpenLotView>> {
    const portfolio = await this.findOwned(principal, id);
    const { rows: lots, nextCursor } = await this.holdings.lotPage(principal.userId, portfolio.id, request);
    const prices = await this.assets.currentPrices([...new Set(lots.map((lot) => lot.assetId))]);
    const now = new Date();
    return {
      rows: lots.map((lot) => {
        const current = prices.get(lot.assetId);
        return {
          lot,
          unrealizedGain: current ? lot.quantity.times(current.price).minus(lot.costBasis) : null,
          term: termOf(lot.holdingPeriodStart, now),
          longTermAt: longTermAt(lot.holdingPeriodStart),
        };
      }),
      nextCursor,
    };
  }

  async realizedGains(principal: Principal, id: string, range: DisposalRange, request: PageRequest): Promise<RealizedGains> {
    const portfolio = await this.findOwned(principal, id);
    const page = await this.holdings.gainPage(principal.userId, portfolio.id, range, request);
    // Totals cover the whole range, not the page.
    const sums = await this.holdings.gainSumsByTerm(principal.userId, portfolio.id, range);
    const shortTerm = sums.get('SHORT') ?? NO_GAINS;
    const longTerm = sums.get('LONG') ?? NO_GAINS;
    return { page, totals: { shortTerm, longTerm, total: sumGains(shortTerm, longTerm) } };
  }

  /** The portfolio's open lots, oldest first. */
  openLots(portfolioId: string): Promise<TaxLot[]> {
    return this.holdings.openLots(portfolioId);
  }

  /**
   * The purchases and loss-realizing sales since `since` in every account of the household of the
   * user's portfolio: what the wash-sale rule looks back on.
   */
  recentActivity(userId: string, portfolioId: string, since: Date): Promise<WashSaleActivity[]> {
    return this.ledgerRows.washSaleActivity(userId, portfolioId, since);
  }

  /** Each position with its asset and newest price, by symbol; warnings name missing and stale prices. */
  async valuePositions(portfolioId: string, manager?: Tx): Promise<{ valued: ValuedPosition[]; warnings: string[] }> {
    return this.valued(await this.positionRows.valueWithNewestPrices(portfolioId, manager));
  }

  /**
   * The user's portfolio with its positions valued as valuePositions does, its open lots and the
   * purchases and loss sales since `washSaleSince` of the same taxpayer, read in one statement; 404
   * when not the user's. What suggestions and what-if start from; `alongside` is the caller's own
   * column over the portfolio (rebalancing's targets), read in the same statement.
   */
  async findOwnedWithHoldings<T>(
    userId: string,
    id: string,
    washSaleSince: Date,
    alongside: AlongsideColumn<T>,
  ): Promise<PortfolioHoldings & { alongside: T }> {
    const found = await this.portfolios.findOwnedWithHoldings(userId, id, washSaleSince, alongside);
    if (!found) throw new NotFoundProblem('Portfolio');
    return {
      portfolio: found.portfolio,
      ...this.valued(found.positions),
      lots: found.lots,
      recentActivity: found.recentActivity,
      alongside: found.alongside,
    };
  }

  private valued(rows: PricedPosition[]): { valued: ValuedPosition[]; warnings: string[] } {
    const warnings: string[] = [];
    const valued = rows.map(({ position, asset, current }) => {
      if (!current) warnings.push(`No price for ${asset.symbol}: valued at 0`);
      else if (this.assets.isStale(current.asOf)) warnings.push(`The price of ${asset.symbol} is stale (as of ${current.asOf.toISOString()})`);
      return { position, asset, current, marketValue: current ? position.quantity.times(current.price) : new Big(0) };
    });
    return { valued, warnings };
  }
}

/** A portfolio as rebalancing computes on it: valued positions, open lots, the taxpayer's recent wash-sale activity. */
export interface PortfolioHoldings {
  portfolio: Portfolio;
  valued: ValuedPosition[];
  warnings: string[];
  lots: TaxLot[];
  recentActivity: WashSaleActivity[];
}
