import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { DriftScan, type ScanTrigger } from './entities/drift-scan.entity';

/** What one batch's evaluation did, added to its scan's counters. */
export interface BatchOutcome {
  evaluated: number;
  opened: number;
  escalated: number;
  resolved: number;
}

/** The drift scans and their batches (drift_scans, drift_scan_batches): a scan's progress, one row per batch done. */
@Injectable()
export class DriftScanRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** A new scan of this many portfolios and households in this many batches; one without batches is complete at once. */
  create(manager: EntityManager, trigger: ScanTrigger, counts: { portfolios: number; households: number }, batchCount: number): Promise<DriftScan> {
    return manager.save(
      manager.create(DriftScan, {
        trigger,
        status: batchCount === 0 ? 'COMPLETED' : 'RUNNING',
        portfolioCount: counts.portfolios,
        householdCount: counts.households,
        batchCount,
        finishedAt: batchCount === 0 ? new Date() : null,
      }),
    );
  }

  findById(id: string): Promise<DriftScan | null> {
    return this.dataSource.getRepository(DriftScan).findOneBy({ id });
  }

  /** Claims the batch for the caller's transaction; false when another one already ran it. */
  async claimBatch(manager: EntityManager, scanId: string, batchNo: number): Promise<boolean> {
    const claimed = await manager.query<unknown[]>(
      'INSERT INTO drift_scan_batches (scan_id, batch_no, evaluated) VALUES ($1, $2, 0) ON CONFLICT DO NOTHING RETURNING batch_no',
      [scanId, batchNo],
    );
    return claimed.length > 0;
  }

  /** Records a claimed batch's outcome and adds it to its scan, which completes with its last batch. */
  async finishBatch(manager: EntityManager, scanId: string, batchNo: number, outcome: BatchOutcome): Promise<void> {
    await manager.query('UPDATE drift_scan_batches SET evaluated = $3 WHERE scan_id = $1 AND batch_no = $2', [scanId, batchNo, outcome.evaluated]);
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
      [scanId, outcome.evaluated, outcome.opened, outcome.escalated, outcome.resolved],
    );
  }
}
