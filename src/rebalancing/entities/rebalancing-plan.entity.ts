import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Portfolio } from '../../portfolio/entities/portfolio.entity';
import type { PlanExecution, PlanOptions, PlanOrigin, PlanStatus } from '../plan-types';
import type { ShownSummary } from '../shown-suggestions';

/** A stored set of suggestions that can be executed once or cancelled. */
@Entity('rebalancing_plans')
@Index(['portfolioId', 'createdAt', 'id'])
@Index('UQ_rebalancing_plans_one_pending_automatic', ['portfolioId'], { unique: true, where: `"origin" = 'AUTOMATIC' AND "status" = 'PENDING'` })
export class RebalancingPlan {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'portfolio_id' })
  portfolioId: string;

  @ManyToOne(() => Portfolio, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'portfolio_id' })
  portfolio?: Portfolio;

  @Column('varchar', { length: 18 })
  status: PlanStatus;

  @Column('jsonb')
  options: PlanOptions;

  /** AUTOMATIC: proposed by the drift monitor for a portfolio with autoRebalance SUGGEST. */
  @Column('varchar', { length: 9, default: 'MANUAL' })
  origin: PlanOrigin;

  /** Transactions count and newest sequence when computed: any change to the history makes the plan stale. */
  @Column('varchar', { name: 'holdings_version', length: 40 })
  holdingsVersion: string;

  /** The summary as computed (decimal strings), shown as it was when the plan was made. */
  @Column('jsonb')
  summary: ShownSummary;

  @Column('jsonb')
  warnings: string[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  /** What execute recorded; null until executed. */
  @Column('jsonb', { nullable: true })
  execution: PlanExecution | null;

  @Column('timestamptz', { name: 'executed_at', nullable: true })
  executedAt: Date | null;

  @Column('timestamptz', { name: 'cancelled_at', nullable: true })
  cancelledAt: Date | null;
}
