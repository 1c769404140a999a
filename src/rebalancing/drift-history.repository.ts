import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { Big } from '../common/decimal/decimal';
import type { Keyset } from '../common/pagination/cursor';
import { paginate, type Page, type PageRequest } from '../common/pagination/paginate';
import type { DriftReport } from './domain/drift';
import { HouseholdDrift } from './entities/household-drift.entity';
import { PortfolioDrift } from './entities/portfolio-drift.entity';

/** What a stored calculation follows from: percentages derive from these, so equal facts mean an equal result. */
export interface DriftFacts {
  assetType: string;
  currentValue: Big;
  targetPercentage: Big;
  tolerancePercentage: Big;
}

export interface DriftCalculation {
  portfolioId: string;
  report: DriftReport;
}

export interface HouseholdDriftCalculation {
  householdId: string;
  report: DriftReport;
}

/** Where one kind of subject keeps its history: the same columns under a portfolio or a household. */
interface HistoryTable {
  table: 'portfolio_drifts' | 'household_drifts';
  column: 'portfolio_id' | 'household_id';
  entity: typeof PortfolioDrift | typeof HouseholdDrift;
  field: 'portfolioId' | 'householdId';
  /** Prefix of the advisory lock key, so a portfolio's and a household's lock never share a key. */
  lock: string;
}

const PORTFOLIO_HISTORY: HistoryTable = { table: 'portfolio_drifts', column: 'portfolio_id', entity: PortfolioDrift, field: 'portfolioId', lock: 'drift:' };
const HOUSEHOLD_HISTORY: HistoryTable = {
  table: 'household_drifts',
  column: 'household_id',
  entity: HouseholdDrift,
  field: 'householdId',
  lock: 'household-drift:',
};

/** Which points of a portfolio's history to page through. */
export interface HistoryFilter {
  assetType?: string;
  from?: Date;
  to?: Date;
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

/** Whether the report repeats the latest stored calculation (none stored: it does not). */
export function repeatsLatest(latest: DriftFacts[] | undefined, report: DriftReport): boolean {
  const facts = (rows: DriftFacts[]) =>
    rows
      .map((row) => [row.assetType, row.currentValue.toFixed(), row.targetPercentage.toFixed(), row.tolerancePercentage.toFixed()].join('|'))
      .sort()
      .join(';');
  return latest !== undefined && latest.length > 0 && facts(latest) === facts(report.items);
}

/**
 * The drift history (portfolio_drifts, and household_drifts for household targets): the series the
 * dashboard draws. A calculation is stored only when it differs from its subject's latest one, so
 * the series has a point per change.
 */
@Injectable()
export class DriftHistoryRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** A page of the user's portfolio's history, oldest first. */
  pageOwned(userId: string, portfolioId: string, filter: HistoryFilter, query: PageRequest): Promise<Page<PortfolioDrift>> {
    const builder = this.dataSource
      .getRepository(PortfolioDrift)
      .createQueryBuilder('point')
      .innerJoin('point.portfolio', 'portfolio')
      .where('point.portfolio_id = :portfolioId AND portfolio.user_id = :userId', { portfolioId, userId });
    if (filter.assetType) builder.andWhere('point.asset_type = :assetType', { assetType: filter.assetType });
    if (filter.from) builder.andWhere('point.calculated_at >= :from', { from: filter.from });
    if (filter.to) builder.andWhere('point.calculated_at <= :to', { to: filter.to });
    return paginate(builder, HISTORY_PAGES, query);
  }

  /** A page of the user's household's history, oldest first. */
  pageOwnedOfHousehold(userId: string, householdId: string, filter: HistoryFilter, query: PageRequest): Promise<Page<HouseholdDrift>> {
    const builder = this.dataSource
      .getRepository(HouseholdDrift)
      .createQueryBuilder('point')
      .innerJoin('point.household', 'household')
      .where('point.household_id = :householdId AND household.user_id = :userId', { householdId, userId });
    if (filter.assetType) builder.andWhere('point.asset_type = :assetType', { assetType: filter.assetType });
    if (filter.from) builder.andWhere('point.calculated_at >= :from', { from: filter.from });
    if (filter.to) builder.andWhere('point.calculated_at <= :to', { to: filter.to });
    return paginate(builder, HISTORY_PAGES, query);
  }

  /** The facts of each portfolio's latest stored calculation, read outside any transaction. */
  latestFactsNow(portfolioIds: readonly string[]): Promise<Map<string, DriftFacts[]>> {
    return this.latestFacts(this.dataSource.manager, portfolioIds);
  }

  /** The facts of each portfolio's latest stored calculation, in one statement (one index probe per portfolio). */
  latestFacts(manager: EntityManager, portfolioIds: readonly string[]): Promise<Map<string, DriftFacts[]>> {
    return this.latestIn(manager, PORTFOLIO_HISTORY, portfolioIds);
  }

  /** The facts of each household's latest stored calculation, as latestFacts reads a portfolio's. */
  latestHouseholdFacts(householdIds: readonly string[], manager: EntityManager = this.dataSource.manager): Promise<Map<string, DriftFacts[]>> {
    return this.latestIn(manager, HOUSEHOLD_HISTORY, householdIds);
  }

  /**
   * Stores each calculation that differs from its portfolio's latest stored one; returns how many
   * were stored. See recordIn for the locking.
   */
  recordChanged(manager: EntityManager, calculations: readonly DriftCalculation[], calculatedAt: Date): Promise<number> {
    return this.recordIn(
      manager,
      PORTFOLIO_HISTORY,
      calculations.map(({ portfolioId, report }) => ({ id: portfolioId, report })),
      calculatedAt,
    );
  }

  /** Stores each household calculation that differs from its household's latest stored one, as recordChanged does. */
  recordHouseholdChanged(manager: EntityManager, calculations: readonly HouseholdDriftCalculation[], calculatedAt: Date): Promise<number> {
    return this.recordIn(
      manager,
      HOUSEHOLD_HISTORY,
      calculations.map(({ householdId, report }) => ({ id: householdId, report })),
      calculatedAt,
    );
  }

  private async latestIn(manager: EntityManager, history: HistoryTable, ids: readonly string[]): Promise<Map<string, DriftFacts[]>> {
    const rows = await manager.query<
      Array<{ subject_id: string; asset_type: string; current_value: string; target_percentage: string; tolerance_percentage: string }>
    >(
      `SELECT d.${history.column} AS subject_id, d.asset_type, d.current_value::text, d.target_percentage::text, d.tolerance_percentage::text
       FROM unnest($1::uuid[]) AS s(id)
       CROSS JOIN LATERAL (SELECT max(calculated_at) AS at FROM ${history.table} WHERE ${history.column} = s.id) latest
       JOIN ${history.table} d ON d.${history.column} = s.id AND d.calculated_at = latest.at`,
      [ids],
    );
    const facts = new Map<string, DriftFacts[]>();
    for (const row of rows) {
      const list = facts.get(row.subject_id) ?? [];
      list.push({
        assetType: row.asset_type,
        currentValue: new Big(row.current_value),
        targetPercentage: new Big(row.target_percentage),
        tolerancePercentage: new Big(row.tolerance_percentage),
      });
      facts.set(row.subject_id, list);
    }
    return facts;
  }

  /**
   * Stores, in the caller's transaction, each calculation that differs from its subject's latest
   * stored one; returns how many were stored. The subjects' history is locked until the
   * transaction ends, so two concurrent calculations of one subject store one point. Locks are
   * taken in id order, so two callers locking several subjects never wait on each other in a cycle.
   */
  private async recordIn(
    manager: EntityManager,
    history: HistoryTable,
    calculations: ReadonlyArray<{ id: string; report: DriftReport }>,
    calculatedAt: Date,
  ): Promise<number> {
    if (calculations.length === 0) return 0;
    const ids = [...new Set(calculations.map((calculation) => calculation.id))].sort();
    await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($2 || id, 0)) FROM (SELECT unnest($1::text[]) AS id ORDER BY 1) ids`, [
      ids,
      history.lock,
    ]);
    const latest = await this.latestIn(manager, history, ids);
    const changed = calculations.filter(({ id, report }) => !repeatsLatest(latest.get(id), report));
    const points = changed.flatMap(({ id, report }) =>
      report.items.map((item) => ({
        [history.field]: id,
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
    // In slices, so a re-check of thousands of portfolios stays under PostgreSQL's bind-parameter limit.
    for (let start = 0; start < points.length; start += INSERT_SLICE) await manager.insert(history.entity, points.slice(start, start + INSERT_SLICE));
    return changed.length;
  }
}

/** Rows per INSERT: 9 parameters each, well under PostgreSQL's 65,535. */
const INSERT_SLICE = 5_000;
