import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { Principal } from '../auth/principal';
import { PERCENT_SCALE, toDecimalString, toMoneyEstimate } from '../common/decimal/decimal';
import type { Keyset } from '../common/pagination/cursor';
import { paginate } from '../common/pagination/paginate';
import { ProblemException } from '../common/problem/problem';
import { Portfolio } from '../portfolio/entities/portfolio.entity';
import { PortfoliosService, type ValuedPosition } from '../portfolio/portfolios.service';
import { computeDrift, type DriftReport, type TargetBand } from './domain/drift';
import { classValues, type Holding } from './domain/what-if';
import type { DriftHistoryDto, DriftHistoryQueryDto, DriftReportDto } from './dto/drift.dto';
import { DriftHistoryRepository, repeatsLatest } from './drift-history.repository';
import { PortfolioDrift } from './entities/portfolio-drift.entity';
import type { TargetAllocation } from './entities/target-allocation.entity';
import { TargetsService, toTargetBand } from './targets.service';

export function toDriftResponse(portfolioId: string, report: DriftReport, calculatedAt: Date, warnings: string[]): DriftReportDto {
  return {
    portfolioId,
    totalValue: toMoneyEstimate(report.totalValue),
    calculatedAt: calculatedAt.toISOString(),
    status: report.status,
    totalDrift: toDecimalString(report.totalDrift, PERCENT_SCALE),
    items: report.items.map((item) => ({
      assetType: item.assetType,
      currentValue: toMoneyEstimate(item.currentValue),
      currentPercentage: toDecimalString(item.currentPercentage, PERCENT_SCALE),
      targetPercentage: toDecimalString(item.targetPercentage, PERCENT_SCALE),
      tolerancePercentage: toDecimalString(item.tolerancePercentage, PERCENT_SCALE),
      driftPercentage: toDecimalString(item.driftPercentage, PERCENT_SCALE),
      driftLevel: item.driftLevel,
    })),
    warnings,
  };
}

function toHolding({ position, asset, current }: ValuedPosition): Holding {
  return { assetId: asset.id, assetType: asset.assetType, quantity: position.quantity, price: current?.price ?? null };
}

export interface PortfolioSnapshot {
  portfolio: Portfolio;
  targets: TargetAllocation[];
  bands: TargetBand[];
  holdings: Holding[];
  warnings: string[];
}

/** Oldest first, the classes of one calculation together. */
const HISTORY_PAGES: Keyset = {
  direction: 'ASC',
  keys: [
    { column: 'point.calculated_at', type: 'timestamptz' },
    { column: 'point.asset_type', type: 'text' },
    { column: 'point.id', type: 'uuid' },
  ],
};

@Injectable()
export class DriftService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly portfolios: PortfoliosService,
    private readonly targets: TargetsService,
    private readonly driftHistory: DriftHistoryRepository,
  ) {}

  /** The owned portfolio with its targets and priced holdings; 409 without targets. */
  async snapshot(principal: Principal, portfolioId: string): Promise<PortfolioSnapshot> {
    const portfolio = await this.portfolios.findOwned(principal, portfolioId);
    const targets = await this.targets.targetsOf(portfolio.id);
    if (targets.length === 0) {
      throw new ProblemException(HttpStatus.CONFLICT, 'TARGETS_NOT_SET', 'The portfolio has no target allocation: PUT /portfolios/{id}/targets first');
    }
    const { valued, warnings } = await this.portfolios.valuePositions(portfolio.id);
    return { portfolio, targets, bands: targets.map(toTargetBand), holdings: valued.map(toHolding), warnings };
  }

  /**
   * The portfolio's drift as the caller's transaction sees it, stored in its history: what an
   * executed plan measures once its trades are recorded, before they commit.
   */
  async measureIn(manager: EntityManager, portfolioId: string, calculatedAt: Date): Promise<DriftReportDto> {
    const portfolio = await manager.findOneByOrFail(Portfolio, { id: portfolioId });
    const bands = (await this.targets.targetsOf(portfolioId, manager)).map(toTargetBand);
    const { valued, warnings } = await this.portfolios.valuePositions(portfolioId, manager);
    const report = computeDrift(classValues(valued.map(toHolding), portfolio.cash), bands, portfolio.untargetedTolerancePercentage);
    await this.driftHistory.recordChanged(manager, [{ portfolioId, report }], calculatedAt);
    return toDriftResponse(portfolioId, report, calculatedAt, warnings);
  }

  async drift(principal: Principal, portfolioId: string): Promise<DriftReportDto> {
    const snapshot = await this.snapshot(principal, portfolioId);
    const report = computeDrift(classValues(snapshot.holdings, snapshot.portfolio.cash), snapshot.bands, snapshot.portfolio.untargetedTolerancePercentage);
    const calculatedAt = new Date();
    await this.record(snapshot.portfolio.id, report, calculatedAt);
    return toDriftResponse(snapshot.portfolio.id, report, calculatedAt, snapshot.warnings);
  }

  async history(principal: Principal, portfolioId: string, query: DriftHistoryQueryDto): Promise<DriftHistoryDto> {
    const portfolio = await this.portfolios.findOwned(principal, portfolioId);
    const builder = this.dataSource
      .getRepository(PortfolioDrift)
      .createQueryBuilder('point')
      .where('point.portfolio_id = :portfolioId', { portfolioId: portfolio.id });
    if (query.assetType) builder.andWhere('point.asset_type = :assetType', { assetType: query.assetType });
    if (query.from) builder.andWhere('point.calculated_at >= :from', { from: query.from });
    if (query.to) builder.andWhere('point.calculated_at <= :to', { to: query.to });
    const { rows, nextCursor } = await paginate(builder, HISTORY_PAGES, query);
    return {
      portfolioId: portfolio.id,
      nextCursor,
      items: rows.map((row) => ({
        calculatedAt: row.calculatedAt.toISOString(),
        assetType: row.assetType,
        currentValue: toMoneyEstimate(row.currentValue),
        currentPercentage: toDecimalString(row.currentPercentage, PERCENT_SCALE),
        targetPercentage: toDecimalString(row.targetPercentage, PERCENT_SCALE),
        tolerancePercentage: toDecimalString(row.tolerancePercentage, PERCENT_SCALE),
        driftPercentage: toDecimalString(row.driftPercentage, PERCENT_SCALE),
        driftLevel: row.driftLevel,
      })),
    };
  }

  /**
   * Stores the calculation when it differs from the latest stored one. Most calculations repeat the
   * last one, so that is checked first with one read and no transaction; only a change takes the
   * lock and checks again under it.
   */
  private async record(portfolioId: string, report: DriftReport, calculatedAt: Date): Promise<void> {
    const latest = await this.driftHistory.latestFacts(this.dataSource.manager, [portfolioId]);
    if (repeatsLatest(latest.get(portfolioId), report)) return;
    await this.dataSource.transaction((manager) => this.driftHistory.recordChanged(manager, [{ portfolioId, report }], calculatedAt));
  }
}
