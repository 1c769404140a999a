import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Big } from '../common/decimal/decimal';
import { queryPrepared } from '../database/prepared-statement';
import { CLASS_WEIGHTS_OF_ASSET, NEWEST_PRICE_OF_POSITION } from '../portfolio/assets.service';
import type { ClassValue, DriftStatus, TargetBand } from './domain/drift';
import type { AlertLevel } from './domain/alert-lifecycle';
import { CASH_CLASS, type ClassShare } from './domain/what-if';

/** Which portfolios an evaluation covers: an id range of a scan batch, or the ones a write touched. */
export type PortfolioFilter = { range: { afterId: string | null; throughId: string } } | { ids: string[] };

/** Which households an evaluation covers: an id range of a scan batch, or the ones a write touched. */
export type HouseholdFilter = PortfolioFilter;

/** A portfolio's (or household's) status as the batch query decides it; null for an overdrawn one. */
export interface BatchStatus {
  id: string;
  status: DriftStatus | null;
  alertLevel: AlertLevel | null;
  hasHistory: boolean;
}

/** A portfolio with targets read in full: what computeDrift needs, and its unresolved alert. */
export interface DriftReading {
  portfolio: { id: string; userId: string; autoRebalance: string; alertId: string | null };
  values: ClassValue[];
  bands: TargetBand[];
  untargetedBand: Big;
  alertLevel: AlertLevel | null;
}

/** A household with targets read in full: its accounts' class values and cash summed, its bands and its unresolved alert. */
export interface HouseholdDriftReading {
  household: { id: string; userId: string; autoRebalance: string; alertId: string | null };
  values: ClassValue[];
  bands: TargetBand[];
  alertLevel: AlertLevel | null;
}

/** A holding as the drift read returns it: priced at its newest price, if any. */
export interface PricedPosition {
  assetId: string;
  symbol: string;
  assetType: string;
  quantity: Big;
  price: Big | null;
  asOf: Date | null;
  /** A look-through fund's breakdown by class; [] when the asset is wholly its assetType. */
  classWeights: ClassShare[];
}

/** What GET …/drift needs of an owned portfolio, read in one statement. */
export interface DriftRead {
  portfolioId: string;
  cash: Big;
  untargetedBand: Big;
  bands: TargetBand[];
  positions: PricedPosition[];
  /** The facts of its latest stored calculation; empty when none is stored. */
  latest: Array<{ assetType: string; currentValue: Big; targetPercentage: Big; tolerancePercentage: Big }>;
}

/**
 * The look-through split of the class statements below, for `positions` aliased `pos` joined to
 * `assets` aliased `a` and priced by NEWEST_PRICE_OF_POSITION: a fund with class weights gives a
 * row per class, worth value × percentage × 0.01 (exact in NUMERIC, so the parts add up to the
 * whole, as classValues splits it); an asset without any gives one row, 100 % its asset_type.
 */
const CLASS_WEIGHTS_JOIN = 'LEFT JOIN asset_class_weights w ON w.asset_id = a.id';
const CLASS_OF_HOLDING = 'coalesce(w.asset_type, a.asset_type)';
const VALUE_IN_CLASS =
  'CASE WHEN w.asset_id IS NULL THEN pos.quantity * coalesce(pr.price, 0) ELSE pos.quantity * coalesce(pr.price, 0) * w.percentage * 0.01 END';

/** A target as the full reading returns it: class, target, tolerance, relative tolerance, all as text. */
type BandRow = [string, string, string, string | null];

function bandsOf(rows: BandRow[]): TargetBand[] {
  return rows.map(([assetType, target, tolerance, relative]) => ({
    assetType,
    targetPercentage: new Big(target),
    tolerancePercentage: new Big(tolerance),
    relativeTolerancePercentage: relative === null ? null : new Big(relative),
  }));
}

/** The filter on a column, as SQL and its parameters, so each table a batch reads is read by index for the batch alone. */
function filterSql(filter: PortfolioFilter): [(column: string) => string, unknown[]] {
  return 'ids' in filter
    ? [(column) => `${column} = ANY($1::uuid[])`, [filter.ids]]
    : filter.range.afterId === null
      ? [(column) => `${column} <= $1`, [filter.range.throughId]]
      : [(column) => `${column} > $1 AND ${column} <= $2`, [filter.range.afterId, filter.range.throughId]];
}

/** What a portfolio's status query and a household's differ in; statusSql writes the status rule itself once, for both. */
interface StatusQuery {
  owners: 'portfolios' | 'households';
  /** The column that keys an owner in every table read but its own. */
  key: 'portfolio_id' | 'household_id';
  targets: 'target_allocations' | 'household_target_allocations';
  drifts: 'portfolio_drifts' | 'household_drifts';
  /** The body of the CTE `held` (key, asset_type, value): each filtered owner's value per class, cash included. */
  held: string;
  /** The body of the CTE `totals` (key, total, and any column untargetedBand reads): each owner's total value. */
  totals: string;
  /** The band of a class held without a target, as SQL over `t`, the owner's row of totals. */
  untargetedBand: string;
  /** The owners' filter, applied to every table read so each is read by index for the filtered owners alone. */
  where: (column: string) => string;
}

/**
 * The drift status of each filtered owner with targets, in one statement: computeDrift's rules
 * (classes targeted or held, the narrower of the absolute and relative band, levels compared
 * cross-multiplied by the total) on NUMERIC, which multiplies exactly; null for an overdrawn owner.
 */
function statusSql({ owners, key, targets, drifts, held, totals, untargetedBand, where }: StatusQuery): string {
  return `WITH held AS (
         ${held}
       ), totals AS (
         ${totals}
       ), bands AS (
         SELECT ${key}, asset_type, target_percentage,
                CASE WHEN relative_tolerance_percentage IS NULL THEN tolerance_percentage
                     ELSE least(tolerance_percentage, target_percentage * relative_tolerance_percentage * 0.01) END AS band
         FROM ${targets} WHERE ${where(key)}
       ), levels AS (
         SELECT c.${key},
                max(CASE WHEN abs(c.value * 100 - c.target * t.total) <= coalesce(c.band, ${untargetedBand}) * t.total THEN 0
                         WHEN abs(c.value * 100 - c.target * t.total) <= 2 * coalesce(c.band, ${untargetedBand}) * t.total THEN 1
                         ELSE 2 END) AS severity
         FROM (SELECT coalesce(b.${key}, h.${key}) AS ${key}, coalesce(h.value, 0) AS value,
                      -- band is null for a class held without a target: it takes the untargeted band.
                      coalesce(b.target_percentage, 0) AS target, b.band
               FROM bands b FULL JOIN held h ON h.${key} = b.${key} AND h.asset_type = b.asset_type
               WHERE b.${key} IS NOT NULL OR h.value <> 0) c
         JOIN totals t ON t.${key} = c.${key}
         GROUP BY c.${key}
       )
       SELECT o.id,
              CASE WHEN t.total < 0 THEN NULL WHEN t.total = 0 THEN 'EMPTY'
                   ELSE (ARRAY['WITHIN_TOLERANCE', 'WARNING', 'CRITICAL'])[l.severity + 1] END AS status,
              a.level AS alert_level,
              EXISTS (SELECT 1 FROM ${drifts} d WHERE d.${key} = o.id) AS has_history
       FROM ${owners} o
       JOIN totals t ON t.${key} = o.id
       JOIN levels l ON l.${key} = o.id
       LEFT JOIN drift_alerts a ON a.${key} = o.id AND a.status <> 'RESOLVED' AND ${where(`a.${key}`)}
       WHERE ${where('o.id')} AND EXISTS (SELECT 1 FROM bands b WHERE b.${key} = o.id)
       ORDER BY o.id`;
}

async function statuses(manager: EntityManager, query: StatusQuery, params: unknown[]): Promise<BatchStatus[]> {
  const rows = await manager.query<Array<{ id: string; status: DriftStatus | null; alert_level: AlertLevel | null; has_history: boolean }>>(
    statusSql(query),
    params,
  );
  return rows.map((row) => ({ id: row.id, status: row.status, alertLevel: row.alert_level, hasHistory: row.has_history }));
}

/**
 * The drift monitor's reads over many portfolios at once, in set-based SQL (no ORM loading per
 * portfolio). System reads: the monitor acts for every owner, so nothing here filters by one.
 */
@Injectable()
export class DriftQueries {
  /**
   * The user's portfolio with its targets (by class), its positions at their newest prices and the
   * facts of its latest stored drift, in one statement: the drift read's round trips were most of
   * its time. null when the portfolio is not the user's.
   */
  async forDrift(manager: EntityManager, userId: string, portfolioId: string): Promise<DriftRead | null> {
    const rows = await queryPrepared<{
      id: string;
      cash: string;
      untargeted_band: string;
      targets: BandRow[] | null;
      positions: Array<[string, string, string, string, string | null, string | null, Array<[string, string]> | null]> | null;
      latest: Array<[string, string, string, string]> | null;
    }>(
      manager,
      'drift-read',
      `SELECT p.id, p.cash::text AS cash, p.untargeted_tolerance_percentage::text AS untargeted_band,
              (SELECT json_agg(json_build_array(t.asset_type, t.target_percentage::text, t.tolerance_percentage::text, t.relative_tolerance_percentage::text)
                               ORDER BY t.asset_type)
                 FROM target_allocations t WHERE t.portfolio_id = p.id) AS targets,
              -- as_of in whole milliseconds since the epoch, as the driver's Date holds it.
              (SELECT json_agg(json_build_array(a.id, a.symbol, a.asset_type, pos.quantity::text, pr.price::text,
                                                floor(extract(epoch FROM pr.as_of) * 1000)::bigint::text, ${CLASS_WEIGHTS_OF_ASSET}))
                 FROM positions pos
                 JOIN assets a ON a.id = pos.asset_id
                 ${NEWEST_PRICE_OF_POSITION}
                 WHERE pos.portfolio_id = p.id) AS positions,
              (SELECT json_agg(json_build_array(d.asset_type, d.current_value::text, d.target_percentage::text, d.tolerance_percentage::text))
                 FROM portfolio_drifts d
                 WHERE d.portfolio_id = p.id AND d.calculated_at = (SELECT max(calculated_at) FROM portfolio_drifts WHERE portfolio_id = p.id)) AS latest
       FROM portfolios p
       WHERE p.id = $1 AND p.user_id = $2`,
      [portfolioId, userId],
    );
    if (rows.length === 0) return null;
    const [row] = rows;
    return {
      portfolioId: row.id,
      cash: new Big(row.cash),
      untargetedBand: new Big(row.untargeted_band),
      bands: (row.targets ?? []).map(([assetType, target, tolerance, relative]) => ({
        assetType,
        targetPercentage: new Big(target),
        tolerancePercentage: new Big(tolerance),
        relativeTolerancePercentage: relative === null ? null : new Big(relative),
      })),
      positions: (row.positions ?? []).map(([assetId, symbol, assetType, quantity, price, asOf, classWeights]) => ({
        assetId,
        symbol,
        assetType,
        quantity: new Big(quantity),
        price: price === null ? null : new Big(price),
        asOf: asOf === null ? null : new Date(Number(asOf)),
        classWeights: (classWeights ?? []).map(([weightType, percentage]) => ({ assetType: weightType, percentage: new Big(percentage) })),
      })),
      latest: (row.latest ?? []).map(([assetType, currentValue, targetPercentage, tolerancePercentage]) => ({
        assetType,
        currentValue: new Big(currentValue),
        targetPercentage: new Big(targetPercentage),
        tolerancePercentage: new Big(tolerancePercentage),
      })),
    };
  }

  /** The ids of every portfolio with targets, in id order: what a scan splits into batches. */
  async portfoliosWithTargets(manager: EntityManager): Promise<string[]> {
    const rows = await manager.query<Array<{ id: string }>>(
      'SELECT p.id FROM portfolios p WHERE EXISTS (SELECT 1 FROM target_allocations t WHERE t.portfolio_id = p.id) ORDER BY p.id',
    );
    return rows.map((row) => row.id);
  }

  /**
   * The drift status of each filtered portfolio with targets, decided in the database: the same
   * rules as computeDrift's status (classes targeted or held, the narrower of the absolute and relative
   * band, the portfolio's untargeted band for a class held without a target, levels compared cross-multiplied by the total), on NUMERIC, which multiplies exactly. A
   * test holds the two to the same answers. null for an overdrawn portfolio, which has no
   * meaningful allocation and is left as it is. Set-based, so a scan batch costs about its share
   * of the one aggregate that values every portfolio, rather than shipping every class and target
   * to be decided here.
   */
  async statusesForBatch(manager: EntityManager, filter: PortfolioFilter): Promise<BatchStatus[]> {
    // The filter on every table read, so each is read by index for the batch alone.
    const [where, params] = filterSql(filter);
    return statuses(
      manager,
      {
        owners: 'portfolios',
        key: 'portfolio_id',
        targets: 'target_allocations',
        drifts: 'portfolio_drifts',
        held: `SELECT portfolio_id, asset_type, sum(value) AS value
         FROM (SELECT pos.portfolio_id, ${CLASS_OF_HOLDING} AS asset_type, ${VALUE_IN_CLASS} AS value
               FROM positions pos
               JOIN assets a ON a.id = pos.asset_id
               ${CLASS_WEIGHTS_JOIN}
               ${NEWEST_PRICE_OF_POSITION}
               WHERE ${where('pos.portfolio_id')}
               UNION ALL
               SELECT p.id, '${CASH_CLASS}', p.cash FROM portfolios p WHERE ${where('p.id')}) v
         GROUP BY portfolio_id, asset_type`,
        // With each portfolio's untargeted band: joined once per portfolio here, as a subquery per
        // untargeted class made the planner loop over the batch for every one of them.
        totals: `SELECT h.portfolio_id, sum(h.value) AS total, p.untargeted_tolerance_percentage AS untargeted_band
         FROM held h JOIN portfolios p ON p.id = h.portfolio_id
         WHERE ${where('p.id')}
         GROUP BY h.portfolio_id, p.untargeted_tolerance_percentage`,
        untargetedBand: 't.untargeted_band',
        where,
      },
      params,
    );
  }

  /**
   * Locks the portfolios until the caller's transaction ends, in id order. NO KEY UPDATE: serializes
   * evaluations of a portfolio without blocking inserts that reference it.
   */
  async lockForEvaluation(manager: EntityManager, portfolioIds: readonly string[]): Promise<void> {
    if (portfolioIds.length === 0) return;
    await manager.query('SELECT p.id FROM portfolios p WHERE p.id = ANY($1::uuid[]) ORDER BY p.id FOR NO KEY UPDATE OF p', [portfolioIds]);
  }

  /** The given portfolios with targets in full, in id order: their class values, bands and unresolved alert. */
  async readings(manager: EntityManager, portfolioIds: readonly string[]): Promise<DriftReading[]> {
    const rows = await manager.query<
      Array<{
        id: string;
        user_id: string;
        cash: string;
        auto_rebalance: string;
        untargeted_band: string;
        targets: BandRow[];
        classes: Array<[string, string]> | null;
        alert_id: string | null;
        alert_level: AlertLevel | null;
      }>
    >(
      `SELECT p.id, p.user_id, p.cash::text AS cash, p.auto_rebalance, p.untargeted_tolerance_percentage::text AS untargeted_band,
              (SELECT json_agg(json_build_array(t.asset_type, t.target_percentage::text, t.tolerance_percentage::text, t.relative_tolerance_percentage::text))
                 FROM target_allocations t WHERE t.portfolio_id = p.id) AS targets,
              (SELECT json_agg(json_build_array(per_class.asset_type, per_class.value::text))
                 FROM (SELECT ${CLASS_OF_HOLDING} AS asset_type, sum(${VALUE_IN_CLASS}) AS value
                       FROM positions pos
                       JOIN assets a ON a.id = pos.asset_id
                       ${CLASS_WEIGHTS_JOIN}
                       ${NEWEST_PRICE_OF_POSITION}
                       WHERE pos.portfolio_id = p.id
                       GROUP BY 1) per_class) AS classes,
              a.id AS alert_id, a.level AS alert_level
       FROM portfolios p
       LEFT JOIN drift_alerts a ON a.portfolio_id = p.id AND a.status <> 'RESOLVED'
       WHERE p.id = ANY($1::uuid[]) AND EXISTS (SELECT 1 FROM target_allocations t WHERE t.portfolio_id = p.id)
       ORDER BY p.id`,
      [portfolioIds],
    );
    return rows.map((row) => ({
      portfolio: { id: row.id, userId: row.user_id, autoRebalance: row.auto_rebalance, alertId: row.alert_id },
      values: [...(row.classes ?? []).map(([assetType, value]) => ({ assetType, value: new Big(value) })), { assetType: CASH_CLASS, value: new Big(row.cash) }],
      bands: bandsOf(row.targets),
      untargetedBand: new Big(row.untargeted_band),
      alertLevel: row.alert_level,
    }));
  }

  /** The ids of every household with targets of its own, in id order: what a scan splits into household batches. */
  async householdsWithTargets(manager: EntityManager): Promise<string[]> {
    const rows = await manager.query<Array<{ id: string }>>(
      'SELECT h.id FROM households h WHERE EXISTS (SELECT 1 FROM household_target_allocations t WHERE t.household_id = h.id) ORDER BY h.id',
    );
    return rows.map((row) => row.id);
  }

  /** The households with targets that hold any of these portfolios, in id order: the ones a write to the portfolios may move. */
  async householdsWithTargetsOf(manager: EntityManager, portfolioIds: readonly string[]): Promise<string[]> {
    if (portfolioIds.length === 0) return [];
    const rows = await manager.query<Array<{ household_id: string }>>(
      `SELECT DISTINCT p.household_id FROM portfolios p
       WHERE p.id = ANY($1::uuid[]) AND EXISTS (SELECT 1 FROM household_target_allocations t WHERE t.household_id = p.household_id)
       ORDER BY p.household_id`,
      [portfolioIds],
    );
    return rows.map((row) => row.household_id);
  }

  /**
   * The drift status of each filtered household with targets, decided in the database as
   * statusesForBatch decides a portfolio's, over the sum of the household's accounts: every
   * account's positions at their newest prices (a look-through fund split by weight) and every
   * account's cash, against the household's bands, a class held without a target judged against 0
   * (DriftService.householdDrift's rule). A test holds it to computeDrift's answers. null for an
   * overdrawn household. Each table is read by index for the filtered households alone.
   */
  async householdStatuses(manager: EntityManager, filter: HouseholdFilter): Promise<BatchStatus[]> {
    const [where, params] = filterSql(filter);
    return statuses(
      manager,
      {
        owners: 'households',
        key: 'household_id',
        targets: 'household_target_allocations',
        drifts: 'household_drifts',
        held: `SELECT household_id, asset_type, sum(value) AS value
         FROM (SELECT p.household_id, ${CLASS_OF_HOLDING} AS asset_type, ${VALUE_IN_CLASS} AS value
               FROM portfolios p
               JOIN positions pos ON pos.portfolio_id = p.id
               JOIN assets a ON a.id = pos.asset_id
               ${CLASS_WEIGHTS_JOIN}
               ${NEWEST_PRICE_OF_POSITION}
               WHERE ${where('p.household_id')}
               UNION ALL
               SELECT p.household_id, '${CASH_CLASS}', p.cash FROM portfolios p WHERE ${where('p.household_id')}
               UNION ALL
               -- A household without accounts is worth 0, so it has a total (and is EMPTY) like any other.
               SELECT h.id, '${CASH_CLASS}', 0 FROM households h WHERE ${where('h.id')}) v
         GROUP BY household_id, asset_type`,
        totals: 'SELECT household_id, sum(value) AS total FROM held GROUP BY household_id',
        // DriftService.householdDrift's rule: a household judges a class held without a target against 0.
        untargetedBand: '0',
        where,
      },
      params,
    );
  }

  /**
   * Serializes evaluations of these households until the caller's transaction ends, in id order.
   * An advisory lock, not the households row: the ledger locks that row for its writes, and an
   * evaluation need not wait for one, nor a write for an evaluation.
   */
  async lockHouseholdsForEvaluation(manager: EntityManager, householdIds: readonly string[]): Promise<void> {
    if (householdIds.length === 0) return;
    await manager.query("SELECT pg_advisory_xact_lock(hashtextextended('household-alert:' || id, 0)) FROM (SELECT unnest($1::text[]) AS id ORDER BY 1) ids", [
      householdIds,
    ]);
  }

  /** The given households with targets in full, in id order: their accounts' class values and cash summed, bands and unresolved alert. */
  async householdReadings(manager: EntityManager, householdIds: readonly string[]): Promise<HouseholdDriftReading[]> {
    const rows = await manager.query<
      Array<{
        id: string;
        user_id: string;
        auto_rebalance: string;
        cash: string;
        targets: BandRow[];
        classes: Array<[string, string]> | null;
        alert_id: string | null;
        alert_level: AlertLevel | null;
      }>
    >(
      `SELECT h.id, h.user_id, h.auto_rebalance,
              (SELECT coalesce(sum(p.cash), 0)::text FROM portfolios p WHERE p.household_id = h.id) AS cash,
              (SELECT json_agg(json_build_array(t.asset_type, t.target_percentage::text, t.tolerance_percentage::text, t.relative_tolerance_percentage::text))
                 FROM household_target_allocations t WHERE t.household_id = h.id) AS targets,
              (SELECT json_agg(json_build_array(per_class.asset_type, per_class.value::text))
                 FROM (SELECT ${CLASS_OF_HOLDING} AS asset_type, sum(${VALUE_IN_CLASS}) AS value
                       FROM portfolios p
                       JOIN positions pos ON pos.portfolio_id = p.id
                       JOIN assets a ON a.id = pos.asset_id
                       ${CLASS_WEIGHTS_JOIN}
                       ${NEWEST_PRICE_OF_POSITION}
                       WHERE p.household_id = h.id
                       GROUP BY 1) per_class) AS classes,
              a.id AS alert_id, a.level AS alert_level
       FROM households h
       LEFT JOIN drift_alerts a ON a.household_id = h.id AND a.status <> 'RESOLVED'
       WHERE h.id = ANY($1::uuid[]) AND EXISTS (SELECT 1 FROM household_target_allocations t WHERE t.household_id = h.id)
       ORDER BY h.id`,
      [householdIds],
    );
    return rows.map((row) => ({
      household: { id: row.id, userId: row.user_id, autoRebalance: row.auto_rebalance, alertId: row.alert_id },
      values: [...(row.classes ?? []).map(([assetType, value]) => ({ assetType, value: new Big(value) })), { assetType: CASH_CLASS, value: new Big(row.cash) }],
      bands: bandsOf(row.targets),
      alertLevel: row.alert_level,
    }));
  }
}
