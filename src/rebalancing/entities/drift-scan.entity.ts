import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

export type ScanTrigger = 'SCHEDULED' | 'MANUAL';
export type ScanStatus = 'RUNNING' | 'COMPLETED';

/** One evaluation of every portfolio with targets, split into batches that any instance may run. */
@Entity('drift_scans')
export class DriftScan {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('varchar', { length: 9 })
  trigger: ScanTrigger;

  @Column('varchar', { length: 9 })
  status: ScanStatus;

  @Column('int', { name: 'portfolio_count' })
  portfolioCount: number;

  /** Households with targets when the scan started, evaluated in batches of their own after the portfolios' ids. */
  @Column('int', { name: 'household_count', default: 0 })
  householdCount: number;

  @Column('int', { name: 'batch_count' })
  batchCount: number;

  @Column('int', { name: 'batches_done', default: 0 })
  batchesDone: number;

  @Column('int', { name: 'evaluated_count', default: 0 })
  evaluatedCount: number;

  @Column('int', { name: 'alerts_opened', default: 0 })
  alertsOpened: number;

  @Column('int', { name: 'alerts_escalated', default: 0 })
  alertsEscalated: number;

  @Column('int', { name: 'alerts_resolved', default: 0 })
  alertsResolved: number;

  @CreateDateColumn({ name: 'started_at', type: 'timestamptz' })
  startedAt: Date;

  @Column('timestamptz', { name: 'finished_at', nullable: true })
  finishedAt: Date | null;
}

/** A batch that has been evaluated: a retried job finds its row and does not evaluate twice. */
@Entity('drift_scan_batches')
export class DriftScanBatch {
  @PrimaryColumn('uuid', { name: 'scan_id' })
  scanId: string;

  @ManyToOne(() => DriftScan, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'scan_id' })
  scan?: DriftScan;

  @PrimaryColumn('int', { name: 'batch_no' })
  batchNo: number;

  @Column('int')
  evaluated: number;

  @CreateDateColumn({ name: 'finished_at', type: 'timestamptz' })
  finishedAt: Date;
}
