import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, In, Not } from 'typeorm';
import { Big } from '../common/decimal/decimal';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { JobQueue } from '../jobs/job-queue';
import { QUEUES } from '../jobs/queues';
import { computeDrift, type ClassValue, type DriftReport, type TargetBand } from './domain/drift';
import { alertChange, type AlertLevel } from './domain/drift-alerts';
import { CASH_CLASS } from './domain/what-if';
import { toDriftAlertDto } from './drift-alerts';
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
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.jobs.work(QUEUES.driftScan, async () => {
      await this.startScan('SCHEDULED');
    });
    await this.jobs.work<ScanBatchJob>(QUEUES.driftScanBatch, (job) => this.runBatch(job), { concurrency: 2 });
    await this.jobs.work<{ portfolioIds: string[] }>(QUEUES.driftRecheck, async ({ portfolioIds }) => {
      await this.dataSource.transaction((manager) => this.evaluate(manager, { ids: portfolioIds }));
    }, { concurrency: 2 });
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

  /** Evaluates the filtered portfolios that have targets and moves their alerts; runs in the caller's transaction. */
  async evaluate(manager: EntityManager, filter: PortfolioFilter): Promise<EvaluationOutcome> {
    const [where, params] =
      'ids' in filter
        ? ['p.id = ANY($1::uuid[])', [filter.ids]]
        : filter.range.afterId === null
          ? ['p.id <= $1', [filter.range.throughId]]
          : ['p.id > $1 AND p.id <= $2', [filter.range.afterId, filter.range.throughId]];
    // NO KEY UPDATE: serializes evaluations of a portfolio without blocking inserts that reference it.
    const portfolios = await manager.query<Array<{ id: string; user_id: string; cash: string; auto_rebalance: string }>>(
      `SELECT p.id, p.user_id, p.cash::text AS cash, p.auto_rebalance FROM portfolios p
       WHERE ${where} AND EXISTS (SELECT 1 FROM target_allocations t WHERE t.portfolio_id = p.id)
       ORDER BY p.id FOR NO KEY UPDATE OF p`,
      params,
    );
    const outcome: EvaluationOutcome = { evaluated: portfolios.length, opened: 0, escalated: 0, resolved: 0 };
    if (portfolios.length === 0) return outcome;
    const ids = portfolios.map((portfolio) => portfolio.id);

    const valueRows = await manager.query<Array<{ portfolio_id: string; asset_type: string; value: string }>>(
      `SELECT pos.portfolio_id, a.asset_type, sum(pos.quantity * coalesce(pr.price, 0))::text AS value
       FROM positions pos
       JOIN assets a ON a.id = pos.asset_id
       LEFT JOIN LATERAL (SELECT ap.price FROM asset_prices ap WHERE ap.asset_id = pos.asset_id ORDER BY ap.as_of DESC LIMIT 1) pr ON true
       WHERE pos.portfolio_id = ANY($1::uuid[])
       GROUP BY pos.portfolio_id, a.asset_type`,
      [ids],
    );
    // Raw rows, not TargetAllocation entities and toTargetBand: hydrating them cost the 10,000-portfolio scan about 40 %.
    const targetRows = await manager.query<
      Array<{ portfolio_id: string; asset_type: string; target_percentage: string; tolerance_percentage: string; relative_tolerance_percentage: string | null }>
    >(
      `SELECT portfolio_id, asset_type, target_percentage::text, tolerance_percentage::text, relative_tolerance_percentage::text
       FROM target_allocations WHERE portfolio_id = ANY($1::uuid[])`,
      [ids],
    );
    const unresolved = await manager.find(DriftAlert, { where: { portfolioId: In(ids), status: Not('RESOLVED' as const) } });

    const valuesOf = groupBy(valueRows, (row) => row.portfolio_id);
    const bandsOf = groupBy(targetRows, (row) => row.portfolio_id);
    const alertOf = new Map(unresolved.map((alert) => [alert.portfolioId, alert]));
    const now = new Date();

    for (const portfolio of portfolios) {
      const values: ClassValue[] = (valuesOf.get(portfolio.id) ?? []).map((row) => ({ assetType: row.asset_type, value: new Big(row.value) }));
      values.push({ assetType: CASH_CLASS, value: new Big(portfolio.cash) });
      const bands: TargetBand[] = (bandsOf.get(portfolio.id) ?? []).map((row) => ({
        assetType: row.asset_type,
        targetPercentage: new Big(row.target_percentage),
        tolerancePercentage: new Big(row.tolerance_percentage),
        relativeTolerancePercentage: row.relative_tolerance_percentage === null ? null : new Big(row.relative_tolerance_percentage),
      }));
      // An overdrawn portfolio has no meaningful allocation; it is left as it is rather than failing the batch.
      const total = values.reduce((sum, entry) => sum.plus(entry.value), new Big(0));
      if (total.lt(0)) continue;
      const report = computeDrift(values, bands);
      const alert = alertOf.get(portfolio.id) ?? null;
      const change = alertChange(alert?.level ?? null, report.status);
      const suggest = portfolio.auto_rebalance === 'SUGGEST';
      switch (change.kind) {
        case 'NONE':
          break;
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
          await this.webhooks.emit(manager, portfolio.user_id, 'drift.alert.opened', toDriftAlertDto(opened));
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
            await this.webhooks.emit(manager, portfolio.user_id, 'drift.alert.escalated', toDriftAlertDto(saved));
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
          await this.webhooks.emit(manager, portfolio.user_id, 'drift.alert.resolved', toDriftAlertDto(saved));
          break;
        }
      }
    }
    return outcome;
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

function groupBy<T>(rows: T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const group = groups.get(k);
    if (group) group.push(row);
    else groups.set(k, [row]);
  }
  return groups;
}
