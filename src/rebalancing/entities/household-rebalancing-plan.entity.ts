import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Household } from '../../portfolio/entities/household.entity';
import type { HouseholdPlanExecution, HouseholdPlanOptions, HouseholdPlanStatus, PlanAccount, ShownHouseholdReport } from '../household-plan-types';
import type { PlanOrigin } from '../plan-types';

/** A household's solved trades across its accounts, stored to be executed once. */
@Entity('household_rebalancing_plans')
@Index(['householdId', 'createdAt', 'id'])
@Index('UQ_household_rebalancing_plans_one_pending_automatic', ['householdId'], { unique: true, where: `"origin" = 'AUTOMATIC' AND "status" = 'PENDING'` })
export class HouseholdRebalancingPlan {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'household_id' })
  householdId: string;

  @ManyToOne(() => Household, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'household_id' })
  household?: Household;

  @Column('varchar', { length: 9 })
  status: HouseholdPlanStatus;

  @Column('jsonb')
  options: HouseholdPlanOptions;

  /** AUTOMATIC: proposed by the drift monitor for a household with autoRebalance SUGGEST. */
  @Column('varchar', { length: 9, default: 'MANUAL' })
  origin: PlanOrigin;

  /** The household's history when solved (LedgerService.householdHistoryVersion): any change makes the plan stale. */
  @Column('varchar', { name: 'holdings_version', length: 32 })
  holdingsVersion: string;

  /** assetId → the price (decimal string) of every asset the plan was solved with: a newer different price makes it stale. */
  @Column('jsonb')
  prices: Record<string, string>;

  /** The household's accounts when the plan was made (id, name, account type), as its items are shown under them. */
  @Column('jsonb')
  accounts: PlanAccount[];

  /** The solver's report, the naive baseline and the verification, as shown when the plan was made. */
  @Column('jsonb')
  report: ShownHouseholdReport;

  @Column('jsonb')
  warnings: string[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  /** What execute recorded; null until executed. */
  @Column('jsonb', { nullable: true })
  execution: HouseholdPlanExecution | null;

  @Column('timestamptz', { name: 'executed_at', nullable: true })
  executedAt: Date | null;

  @Column('timestamptz', { name: 'cancelled_at', nullable: true })
  cancelledAt: Date | null;
}
