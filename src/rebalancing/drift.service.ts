import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { Principal } from '../auth/principal';
import { Big, toDecimalString, toMoneyEstimate } from '../common/decimal/decimal';
import { decodeCursor, DEFAULT_PAGE_SIZE, encodeCursor, isUuid } from '../common/http/pagination';
import { ProblemException } from '../common/problem/problem';
import type { Portfolio } from '../portfolio/entities/portfolio.entity';
import { PortfoliosService } from '../portfolio/portfolios.service';
import { computeDrift, type DriftReport, type TargetBand } from './domain/drift';
import { classValues, type Holding } from './domain/what-if';
import type { DriftHistoryDto, DriftHistoryQueryDto, DriftReportDto } from './dto/drift.dto';
import { PortfolioDrift } from './entities/portfolio-drift.entity';
import type { TargetAllocation } from './entities/target-allocation.entity';
import { TargetsService, toTargetBand } from './targets.service';

/** Shown percentages are rounded half-even to 4 decimals; levels were decided on exact values before. */
const PERCENT_SCALE = 4;

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

export interface PortfolioSnapshot {
  portfolio: Portfolio;
  targets: TargetAllocation[];
  bands: TargetBand[];
  holdings: Holding[];
  warnings: string[];
}

type DriftFacts = Pick<PortfolioDrift, 'assetType' | 'currentValue' | 'targetPercentage' | 'tolerancePercentage'>;

/** Percentages follow from these, so equal facts mean an equal result. */
function sameResult(previous: DriftFacts[], report: DriftReport): boolean {
  const facts = (rows: DriftFacts[]) =>
    rows
      .map((row) => [row.assetType, row.currentValue.toFixed(), row.targetPercentage.toFixed(), row.tolerancePercentage.toFixed()].join('|'))
      .sort()
      .join(';');
  return previous.length > 0 && facts(previous) === facts(report.items);
}

@Injectable()
export class DriftService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly portfolios: PortfoliosService,
    private readonly targets: TargetsService,
  ) {}

  /** The owned portfolio with its targets and priced holdings; 409 without targets. */
  async snapshot(principal: Principal, portfolioId: string): Promise<PortfolioSnapshot> {
    const portfolio = await this.portfolios.findOwned(principal, portfolioId);
    const targets = await this.targets.targetsOf(portfolio.id);
    if (targets.length === 0) {
      throw new ProblemException(HttpStatus.CONFLICT, 'TARGETS_NOT_SET', 'The portfolio has no target allocation: PUT /portfolios/{id}/targets first');
    }
    const { valued, warnings } = await this.portfolios.valuePositions(portfolio.id);
    const holdings = valued.map(({ position, asset, current }) => ({
      assetId: asset.id,
      assetType: asset.assetType,
      quantity: position.quantity,
      price: current?.price ?? null,
    }));
    return { portfolio, targets, bands: targets.map(toTargetBand), holdings, warnings };
  }

  async drift(principal: Principal, portfolioId: string): Promise<DriftReportDto> {
    const snapshot = await this.snapshot(principal, portfolioId);
    const report = computeDrift(classValues(snapshot.holdings, snapshot.portfolio.cash), snapshot.bands);
    const calculatedAt = new Date();
    await this.record(snapshot.portfolio.id, report, calculatedAt);
    return toDriftResponse(snapshot.portfolio.id, report, calculatedAt, snapshot.warnings);
  }

  async history(principal: Principal, portfolioId: string, query: DriftHistoryQueryDto): Promise<DriftHistoryDto> {
    const portfolio = await this.portfolios.findOwned(principal, portfolioId);
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const after = decodeCursor(query.cursor, 1, ([id]) => isUuid(id));
    const builder = this.dataSource
      .getRepository(PortfolioDrift)
      .createQueryBuilder('point')
      .where('point.portfolio_id = :portfolioId', { portfolioId: portfolio.id })
      .orderBy('point.calculated_at', 'ASC')
      .addOrderBy('point.asset_type', 'ASC')
      .addOrderBy('point.id', 'ASC')
      .take(limit + 1);
    if (query.assetType) builder.andWhere('point.asset_type = :assetType', { assetType: query.assetType });
    if (query.from) builder.andWhere('point.calculated_at >= :from', { from: query.from });
    if (query.to) builder.andWhere('point.calculated_at <= :to', { to: query.to });
    // History rows are never changed or deleted, so the cursor can name the last row and take its exact (microsecond) time from it.
    if (after) {
      builder.andWhere(
        '(point.calculated_at, point.asset_type, point.id) > (SELECT d.calculated_at, d.asset_type, d.id FROM portfolio_drifts d WHERE d.id = :after AND d.portfolio_id = :portfolioId)',
        { after: after[0] },
      );
    }
    const found = await builder.getMany();
    const rows = found.slice(0, limit);
    return {
      portfolioId: portfolio.id,
      nextCursor: found.length > limit ? encodeCursor([rows[rows.length - 1].id]) : null,
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
   * advisory lock and checks again under it, so two concurrent calculations store one snapshot.
   */
  private async record(portfolioId: string, report: DriftReport, calculatedAt: Date): Promise<void> {
    if (sameResult(await this.latestFacts(this.dataSource.manager, portfolioId), report)) return;
    await this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`drift:${portfolioId}`]);
      if (sameResult(await this.latestFacts(manager, portfolioId), report)) return;
      await manager.insert(
        PortfolioDrift,
        report.items.map((item) => ({
          portfolioId,
          calculatedAt,
          assetType: item.assetType,
          currentValue: item.currentValue,
          currentPercentage: item.currentPercentage,
          targetPercentage: item.targetPercentage,
          tolerancePercentage: item.tolerancePercentage,
          driftPercentage: item.driftPercentage,
          driftLevel: item.driftLevel,
        })),
      );
    });
  }

  /** The facts of the latest stored calculation, in one statement. */
  private async latestFacts(manager: EntityManager, portfolioId: string): Promise<DriftFacts[]> {
    const rows = await manager.query<Array<{ asset_type: string; current_value: string; target_percentage: string; tolerance_percentage: string }>>(
      `SELECT asset_type, current_value::text, target_percentage::text, tolerance_percentage::text FROM portfolio_drifts
       WHERE portfolio_id = $1 AND calculated_at = (SELECT max(calculated_at) FROM portfolio_drifts WHERE portfolio_id = $1)`,
      [portfolioId],
    );
    return rows.map((row) => ({
      assetType: row.asset_type,
      currentValue: new Big(row.current_value),
      targetPercentage: new Big(row.target_percentage),
      tolerancePercentage: new Big(row.tolerance_percentage),
    }));
  }

}
