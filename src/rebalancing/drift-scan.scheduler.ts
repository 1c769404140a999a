import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import type { DriftRecheckJob } from '../jobs/drift-recheck';
import { JobQueue } from '../jobs/job-queue';
import { QUEUES } from '../jobs/queues';
import { DriftMonitorService } from './drift-monitor.service';
import { DriftQueries } from './drift-queries.repository';
import { DriftScanRepository } from './drift-scan.repository';
import type { DriftScan, ScanTrigger } from './entities/drift-scan.entity';
import { UnitOfWork } from '../database/unit-of-work';

interface ScanBatchJob {
  scanId: string;
  batchNo: number;
  afterId: string | null;
  throughId: string;
  /** A range of households with targets rather than of portfolios; absent in older jobs. */
  households?: boolean;
}

/** Consecutive id ranges of at most `size` ids each, the first open below. */
function idRanges(ids: string[], size: number): Array<{ afterId: string | null; throughId: string }> {
  const ranges: Array<{ afterId: string | null; throughId: string }> = [];
  for (let start = 0; start < ids.length; start += size) {
    ranges.push({ afterId: start === 0 ? null : ids[start - 1], throughId: ids[Math.min(start + size, ids.length) - 1] });
  }
  return ranges;
}

/** The schedule as cron: minutes dividing 60, or whole hours dividing 24 (checked in config). */
export function scanCron(intervalMinutes: number): string {
  if (intervalMinutes < 60) return `*/${intervalMinutes} * * * *`;
  const hours = intervalMinutes / 60;
  return hours === 24 ? '0 0 * * *' : `0 */${hours} * * *`;
}

/**
 * When the drift monitor runs: the scheduled (or admin-triggered) scan of portfolios and households
 * with targets split into batch jobs, and the re-checks that writes enqueue. Each job is one transaction around DriftMonitorService.evaluate.
 */
@Injectable()
export class DriftScanScheduler implements OnApplicationBootstrap {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly jobs: JobQueue,
    private readonly monitor: DriftMonitorService,
    private readonly queries: DriftQueries,
    private readonly scans: DriftScanRepository,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.jobs.work(QUEUES.driftScan, async () => {
      await this.startScan('SCHEDULED');
    });
    await this.jobs.work<ScanBatchJob>(QUEUES.driftScanBatch, (job) => this.runBatch(job), { concurrency: this.config.driftScan.concurrency });
    await this.jobs.work<DriftRecheckJob>(
      QUEUES.driftRecheck,
      async ({ portfolioIds, householdIds = [] }) => {
        await this.unitOfWork.run((manager) => this.monitor.recheck(manager, portfolioIds, householdIds));
      },
      { concurrency: 2 },
    );
    if (this.jobs.workers) await this.jobs.schedule(QUEUES.driftScan, scanCron(this.config.driftScan.intervalMinutes));
  }

  /**
   * Splits the portfolios with targets, then the households with targets, into id ranges and
   * enqueues one job per range, with the scan row, atomically.
   */
  async startScan(trigger: ScanTrigger): Promise<DriftScan> {
    const scan = await this.unitOfWork.run(async (manager) => {
      const ids = await this.queries.portfoliosWithTargets(manager);
      const householdIds = await this.queries.householdsWithTargets(manager);
      const size = this.config.driftScan.batchSize;
      const batches: Array<{ afterId: string | null; throughId: string; households?: boolean }> = [
        ...idRanges(ids, size),
        ...idRanges(householdIds, size).map((range) => ({ ...range, households: true })),
      ];
      const scan = await this.scans.create(manager, trigger, { portfolios: ids.length, households: householdIds.length }, batches.length);
      await this.jobs.sendMany(
        QUEUES.driftScanBatch,
        batches.map((batch, batchNo) => ({ scanId: scan.id, batchNo, ...batch })),
        { manager },
      );
      return scan;
    });
    this.jobs.wake(QUEUES.driftScanBatch);
    return scan;
  }

  /** At most once per batch: the batch row is claimed in the same transaction as the evaluation. */
  private async runBatch(job: ScanBatchJob): Promise<void> {
    await this.unitOfWork.run(async (manager) => {
      if (!(await this.scans.claimBatch(manager, job.scanId, job.batchNo))) return;
      const range = { range: { afterId: job.afterId, throughId: job.throughId } };
      const outcome = job.households ? await this.monitor.evaluateHouseholds(manager, range) : await this.monitor.evaluate(manager, range);
      await this.scans.finishBatch(manager, job.scanId, job.batchNo, outcome);
    });
  }
}
