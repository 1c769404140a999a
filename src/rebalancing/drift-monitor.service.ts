import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { Big, sumOf } from '../common/decimal/decimal';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { JobQueue } from '../jobs/job-queue';
import { NEWEST_PRICE_OF_POSITION } from '../portfolio/assets.service';
import { QUEUES } from '../jobs/queues';
import { computeDrift, type ClassValue, type DriftReport, type DriftStatus, type TargetBand } from './domain/drift';
import { type AlertChange, alertChange, type AlertLevel } from './domain/alert-lifecycle';
import { CASH_CLASS } from './domain/what-if';
import { toDriftAlertDto } from './drift-alerts.mapper';
import { DriftHistoryRepository } from './drift-history.repository';
import { toDriftResponse } from './drift.service';
import type { DriftScanDto } from './dto/drift-alerts.dto';
import { DriftAlert, type DriftAlertItem } from './entities/drift-alert.entity';
import { DriftScan, type ScanTrigger } from './entities/drift-scan.entity';
import { cancelPendingAutomaticPlans } from './plans.service';
import { WebhooksService } from './webhooks.service';

/** Which portfolios an evaluation covers: an id range of a scan batch, or the ones a write touched. */
export type PortfolioFilter = { range: { afterId: string | null; throughId: string } } | { ids: string[] };

export interface EvaluationOutcome {
  evaluated: number;
  opened: number;
  escalated: number;
  resolved: number;
}

/** A target as the evaluation reads it: class, target, tolerance, relative tolerance, all as text. */
type BandRow = [string, string, string, string | null];

interface PortfolioState {
  portfolio: { id: string; userId: string; autoRebalance: string; alertId: string | null };
  report: DriftReport;
  change: AlertChange;
}

interface ScanBatchJob {
  scanId: string;
  batchNo: number;
  afterId: string | null;
  throughId: string;
}

export function toDriftScanDto(scan: DriftScan): DriftScanDto {
  return {
    id: scan.id,
    trigger: scan.trigger,
    status: scan.status,
    portfolioCount: scan.portfolioCount,
    batchCount: scan.batchCount,
    batchesDone: scan.batchesDone,
    evaluatedCount: scan.evaluatedCount,
    alertsOpened: scan.alertsOpened,
    alertsEscalated: scan.alertsEscalated,
    alertsResolved: scan.alertsResolved,
    startedAt: scan.startedAt.toISOString(),
    finishedAt: scan.finishedAt?.toISOString() ?? null,
  };
}

/** The schedule as cron: minutes dividing 60, or whole hours dividing 24 (checked in config). */
export function scanCron(intervalMinutes: number): string {
  if (intervalMinutes < 60) return `*/${intervalMinutes} * * * *`;
  const hours = intervalMinutes / 60;
  return hours === 24 ? '0 0 * * *' : `0 */${hours} * * *`;
}

/**
 * Watches every portfolio with targets. Values come from one SQL aggregate per
 * batch (no ORM loading per portfolio); drift is the same pure computeDrift
 * the API uses; alerts change under row locks on the portfolios, so two
 * evaluations of one portfolio never interleave.
 */
@Injectable()
export class DriftMonitorService implements OnApplicationBootstrap {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly jobs: JobQueue,
    private readonly webhooks: WebhooksService,
    private readonly driftHistory: DriftHistoryRepository,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.jobs.work(QUEUES.driftScan, async () => {
      await this.startScan('SCHEDULED');
    });
    await this.jobs.work<ScanBatchJob>(QUEUES.driftScanBatch, (job) => this.runBatch(job), { concurrency: this.config.driftScan.concurrency });
    await this.jobs.work<{ portfolioIds: string[] }>(
      QUEUES.driftRecheck,
      async ({ portfolioIds }) => {
        await this.dataSource.transaction((manager) => this.evaluate(manager, { ids: portfolioIds }));
      },
      { concurrency: 2 },
    );
    if (this.jobs.workers) await this.jobs.schedule(QUEUES.driftScan, scanCron(this.config.driftScan.intervalMinutes));
  }

  /** Splits the portfolios with targets into id ranges and enqueues one job per range, with the scan row, atomically. */
  async startScan(trigger: ScanTrigger): Promise<DriftScanDto> {
    const scan = await this.dataSource.transaction(async (manager) => {
      const rows = await manager.query<Array<{ id: string }>>(
        'SELECT p.id FROM portfolios p WHERE EXISTS (SELECT 1 FROM target_allocations t WHERE t.portfolio_id = p.id) ORDER BY p.id',
      );
      const size = this.config.driftScan.batchSize;
      const batches: Array<{ afterId: string | null; throughId: string }> = [];
      for (let start = 0; start < rows.length; start += size) {
        batches.push({ afterId: start === 0 ? null : rows[start - 1].id, throughId: rows[Math.min(start + size, rows.length) - 1].id });
      }
      const scan = await manager.save(
        manager.create(DriftScan, {
          trigger,
          status: batches.length === 0 ? 'COMPLETED' : 'RUNNING',
          portfolioCount: rows.length,
          batchCount: batches.length,
          finishedAt: batches.length === 0 ? new Date() : null,
        }),
      );
      await this.jobs.sendMany(
        QUEUES.driftScanBatch,
        batches.map((batch, batchNo) => ({ scanId: scan.id, batchNo, ...batch })),
        { manager },
      );
      return toDriftScanDto(scan);
    });
    this.jobs.wake(QUEUES.driftScanBatch);
    return scan;
  }

  /** At most once per batch: the batch row is claimed in the same transaction as the evaluation. */
  private async runBatch(job: ScanBatchJob): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const claimed = await manager.query<unknown[]>(
        'INSERT INTO drift_scan_batches (scan_id, batch_no, evaluated) VALUES ($1, $2, 0) ON CONFLICT DO NOTHING RETURNING batch_no',
        [job.scanId, job.batchNo],
      );
      if (claimed.length === 0) return;
      const outcome = await this.evaluate(manager, { range: { afterId: job.afterId, throughId: job.throughId } });
      await manager.query('UPDATE drift_scan_batches SET evaluated = $3 WHERE scan_id = $1 AND batch_no = $2', [job.scanId, job.batchNo, outcome.evaluated]);
      await manager.query(
        `UPDATE drift_scans SET
           batches_done = batches_done + 1,
           evaluated_count = evaluated_count + $2,
           alerts_opened = alerts_opened + $3,
           alerts_escalated = alerts_escalated + $4,
           alerts_resolved = alerts_resolved + $5,
           status = CASE WHEN batches_done + 1 = batch_count THEN 'COMPLETED' ELSE status END,
           finished_at = CASE WHEN batches_done + 1 = batch_count THEN now() ELSE finished_at END
         WHERE id = $1`,
        [job.scanId, outcome.evaluated, outcome.opened, outcome.escalated, outcome.resolved],
      );
    });
  }

  /**
   * Evaluates the filtered portfolios that have targets and moves their alerts; runs in the caller's
   * transaction. Most portfolios keep their level from one evaluation to the next, so each one's
   * status is first decided in SQL, without locks; only those whose alert would move are locked and
   * read again in full, and the change is decided on that reading, which no other evaluation can
   * interleave with.
   */
  async evaluate(manager: EntityManager, filter: PortfolioFilter): Promise<EvaluationOutcome> {
    const first = await this.statuses(manager, filter);
    const outcome: EvaluationOutcome = { evaluated: first.length, opened: 0, escalated: 0, resolved: 0 };
    const judged = first.filter((row) => row.status !== null);
    const moving = new Set(judged.filter((row) => alertChange(row.alertLevel, row.status as DriftStatus).kind !== 'NONE').map((row) => row.id));
    // The drift history gets a point whenever the facts may have changed: a re-check follows every
    // write that moves a portfolio's values, targets or bands, so it records all its portfolios. A
    // scan records those whose alert moves and those with no point yet, so every portfolio with
    // targets has a series without the steady-state scan reading each one in full.
    const recorded = 'ids' in filter ? judged.map((row) => row.id) : judged.filter((row) => moving.has(row.id) || !row.hasHistory).map((row) => row.id);
    if (recorded.length === 0) return outcome;

    // NO KEY UPDATE: serializes evaluations of a portfolio without blocking inserts that reference it.
    // The second reading is a statement of its own, so it sees what an evaluation it waited for wrote.
    if (moving.size > 0) await manager.query('SELECT p.id FROM portfolios p WHERE p.id = ANY($1::uuid[]) ORDER BY p.id FOR NO KEY UPDATE OF p', [[...moving]]);
    const now = new Date();
    const states = await this.states(manager, [...new Set([...moving, ...recorded])]);
    await this.driftHistory.recordChanged(
      manager,
      states.map(({ portfolio, report }) => ({ portfolioId: portfolio.id, report })),
      now,
    );
    for (const { portfolio, report, change } of states) {
      // Only a locked portfolio's alert may change: the others were read for their history alone.
      if (change.kind === 'NONE' || !moving.has(portfolio.id)) continue;
      const alert = portfolio.alertId === null ? null : await manager.findOneByOrFail(DriftAlert, { id: portfolio.alertId });
      const suggest = portfolio.autoRebalance === 'SUGGEST';
      switch (change.kind) {
        case 'OPEN': {
          const opened = await manager.save(
            manager.create(DriftAlert, {
              portfolioId: portfolio.id,
              status: 'OPEN',
              level: change.level,
              ...this.facts(portfolio.id, report, now),
              levelChangedAt: now,
              acknowledgedAt: null,
              resolvedAt: null,
              planId: null,
            }),
          );
          outcome.opened++;
          await this.webhooks.emit(manager, portfolio.userId, 'drift.alert.opened', toDriftAlertDto(opened));
          if (suggest) await this.jobs.send(QUEUES.autoPlan, { alertId: opened.id }, { manager });
          break;
        }
        case 'ESCALATE':
        case 'DEESCALATE': {
          const changed = alert as DriftAlert;
          changed.level = change.level as AlertLevel;
          Object.assign(changed, this.facts(portfolio.id, report, now));
          changed.levelChangedAt = now;
          if (change.kind === 'ESCALATE') {
            // Worse than what was acknowledged: it needs attention again.
            changed.status = 'OPEN';
            changed.acknowledgedAt = null;
          }
          const saved = await manager.save(changed);
          if (change.kind === 'ESCALATE') {
            outcome.escalated++;
            await this.webhooks.emit(manager, portfolio.userId, 'drift.alert.escalated', toDriftAlertDto(saved));
            if (suggest) await this.jobs.send(QUEUES.autoPlan, { alertId: saved.id }, { manager });
          }
          break;
        }
        case 'RESOLVE': {
          const resolved = alert as DriftAlert;
          resolved.status = 'RESOLVED';
          resolved.resolvedAt = now;
          const saved = await manager.save(resolved);
          outcome.resolved++;
          // Back within tolerance: an automatic proposal nobody executed has nothing left to do.
          await cancelPendingAutomaticPlans(manager, portfolio.id);
          await this.webhooks.emit(manager, portfolio.userId, 'drift.alert.resolved', toDriftAlertDto(saved));
          break;
        }
      }
    }
    return outcome;
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
  async statuses(
    manager: EntityManager,
    filter: PortfolioFilter,
  ): Promise<Array<{ id: string; status: DriftStatus | null; alertLevel: AlertLevel | null; hasHistory: boolean }>> {
    // The filter on every table read, so each is read by index for the batch alone.
    const [where, params]: [(column: string) => string, unknown[]] =
      'ids' in filter
        ? [(column) => `${column} = ANY($1::uuid[])`, [filter.ids]]
        : filter.range.afterId === null
          ? [(column) => `${column} <= $1`, [filter.range.throughId]]
          : [(column) => `${column} > $1 AND ${column} <= $2`, [filter.range.afterId, filter.range.throughId]];
    const rows = await manager.query<Array<{ id: string; status: DriftStatus | null; alert_level: AlertLevel | null; has_history: boolean }>>(
      `WITH held AS (
         SELECT portfolio_id, asset_type, sum(value) AS value
         FROM (SELECT pos.portfolio_id, a.asset_type, pos.quantity * coalesce(pr.price, 0) AS value
               FROM positions pos
               JOIN assets a ON a.id = pos.asset_id
               ${NEWEST_PRICE_OF_POSITION}
               WHERE ${where('pos.portfolio_id')}
               UNION ALL
               SELECT p.id, '${CASH_CLASS}', p.cash FROM portfolios p WHERE ${where('p.id')}) v
         GROUP BY portfolio_id, asset_type
       ), totals AS (
         -- With each portfolio's untargeted band: joined once per portfolio here, as a subquery per
         -- untargeted class made the planner loop over the batch for every one of them.
         SELECT h.portfolio_id, sum(h.value) AS total, p.untargeted_tolerance_percentage AS untargeted_band
         FROM held h JOIN portfolios p ON p.id = h.portfolio_id
         WHERE ${where('p.id')}
         GROUP BY h.portfolio_id, p.untargeted_tolerance_percentage
       ), bands AS (
         SELECT portfolio_id, asset_type, target_percentage,
                CASE WHEN relative_tolerance_percentage IS NULL THEN tolerance_percentage
                     ELSE least(tolerance_percentage, target_percentage * relative_tolerance_percentage * 0.01) END AS band
         FROM target_allocations WHERE ${where('portfolio_id')}
       ), levels AS (
         SELECT c.portfolio_id,
                max(CASE WHEN abs(c.value * 100 - c.target * t.total) <= coalesce(c.band, t.untargeted_band) * t.total THEN 0
                         WHEN abs(c.value * 100 - c.target * t.total) <= 2 * coalesce(c.band, t.untargeted_band) * t.total THEN 1
                         ELSE 2 END) AS severity
         FROM (SELECT coalesce(b.portfolio_id, h.portfolio_id) AS portfolio_id, coalesce(h.value, 0) AS value,
                      -- band is null for a class held without a target: it takes the portfolio's untargeted band.
                      coalesce(b.target_percentage, 0) AS target, b.band
               FROM bands b FULL JOIN held h ON h.portfolio_id = b.portfolio_id AND h.asset_type = b.asset_type
               WHERE b.portfolio_id IS NOT NULL OR h.value <> 0) c
         JOIN totals t ON t.portfolio_id = c.portfolio_id
         GROUP BY c.portfolio_id
       )
       SELECT p.id,
              CASE WHEN t.total < 0 THEN NULL WHEN t.total = 0 THEN 'EMPTY'
                   ELSE (ARRAY['WITHIN_TOLERANCE', 'WARNING', 'CRITICAL'])[l.severity + 1] END AS status,
              a.level AS alert_level,
              EXISTS (SELECT 1 FROM portfolio_drifts d WHERE d.portfolio_id = p.id) AS has_history
       FROM portfolios p
       JOIN totals t ON t.portfolio_id = p.id
       JOIN levels l ON l.portfolio_id = p.id
       LEFT JOIN drift_alerts a ON a.portfolio_id = p.id AND a.status <> 'RESOLVED' AND ${where('a.portfolio_id')}
       WHERE ${where('p.id')} AND EXISTS (SELECT 1 FROM bands b WHERE b.portfolio_id = p.id)
       ORDER BY p.id`,
      params,
    );
    return rows.map((row) => ({ id: row.id, status: row.status, alertLevel: row.alert_level, hasHistory: row.has_history }));
  }

  /** The given portfolios with targets in full: their drift report and the alert change it calls for. */
  private async states(manager: EntityManager, ids: string[]): Promise<PortfolioState[]> {
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
                 FROM (SELECT a.asset_type, sum(pos.quantity * coalesce(pr.price, 0)) AS value
                       FROM positions pos
                       JOIN assets a ON a.id = pos.asset_id
                       ${NEWEST_PRICE_OF_POSITION}
                       WHERE pos.portfolio_id = p.id
                       GROUP BY a.asset_type) per_class) AS classes,
              a.id AS alert_id, a.level AS alert_level
       FROM portfolios p
       LEFT JOIN drift_alerts a ON a.portfolio_id = p.id AND a.status <> 'RESOLVED'
       WHERE p.id = ANY($1::uuid[]) AND EXISTS (SELECT 1 FROM target_allocations t WHERE t.portfolio_id = p.id)
       ORDER BY p.id`,
      [ids],
    );
    const states: PortfolioState[] = [];
    for (const row of rows) {
      const values: ClassValue[] = (row.classes ?? []).map(([assetType, value]) => ({ assetType, value: new Big(value) }));
      values.push({ assetType: CASH_CLASS, value: new Big(row.cash) });
      if (sumOf(values.map((entry) => entry.value)).lt(0)) continue;
      const bands: TargetBand[] = row.targets.map(([assetType, target, tolerance, relative]) => ({
        assetType,
        targetPercentage: new Big(target),
        tolerancePercentage: new Big(tolerance),
        relativeTolerancePercentage: relative === null ? null : new Big(relative),
      }));
      const report = computeDrift(values, bands, new Big(row.untargeted_band));
      states.push({
        portfolio: { id: row.id, userId: row.user_id, autoRebalance: row.auto_rebalance, alertId: row.alert_id },
        report,
        change: alertChange(row.alert_level, report.status),
      });
    }
    return states;
  }

  private facts(portfolioId: string, report: DriftReport, now: Date): { totalValue: Big; totalDrift: Big; items: DriftAlertItem[] } {
    const shown = toDriftResponse(portfolioId, report, now, []);
    return {
      totalValue: report.totalValue,
      totalDrift: report.totalDrift,
      items: shown.items.filter((item) => item.driftLevel !== 'WITHIN_TOLERANCE') as DriftAlertItem[],
    };
  }
}
