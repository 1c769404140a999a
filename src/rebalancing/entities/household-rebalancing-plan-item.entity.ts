import type Big from 'big.js';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { decimalTransformer } from '../../common/decimal/decimal.transformer';
import { Portfolio } from '../../portfolio/entities/portfolio.entity';
import type { HouseholdPlanItemStatus } from '../household-plan-types';
import { HouseholdRebalancingPlan } from './household-rebalancing-plan.entity';

/** One trade of a household plan: a SELL from one lot, or a BUY, in one account. */
@Entity('household_rebalancing_plan_items')
@Index(['planId', 'ordinal'])
export class HouseholdRebalancingPlanItem {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'plan_id' })
  planId: string;

  @ManyToOne(() => HouseholdRebalancingPlan, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'plan_id' })
  plan?: HouseholdRebalancingPlan;

  /** The order execute records them in: per account, SELLs then BUYs. */
  @Column('int')
  ordinal: number;

  /** The account the trade is made in. */
  @Column('uuid', { name: 'portfolio_id' })
  portfolioId: string;

  @ManyToOne(() => Portfolio, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'portfolio_id' })
  portfolio?: Portfolio;

  @Column('uuid', { name: 'asset_id' })
  assetId: string;

  @Column('varchar', { length: 20 })
  symbol: string;

  @Column('varchar', { length: 4 })
  side: 'BUY' | 'SELL';

  @Column('numeric', { precision: 20, scale: 8, transformer: decimalTransformer })
  quantity: Big;

  /** The price the plan was solved at; execute records the trade at it (the stale guard makes sure it is still the newest). */
  @Column('numeric', { precision: 20, scale: 8, transformer: decimalTransformer })
  price: Big;

  /** For a SELL, the lot it relieves; null for a BUY. */
  @Column('uuid', { name: 'lot_id', nullable: true })
  lotId: string | null;

  @Column('varchar', { length: 1000 })
  reason: string;

  @Column('varchar', { length: 9 })
  status: HouseholdPlanItemStatus;

  @Column('timestamptz', { name: 'executed_at', nullable: true })
  executedAt: Date | null;

  @Column('uuid', { name: 'transaction_id', nullable: true })
  transactionId: string | null;
}
