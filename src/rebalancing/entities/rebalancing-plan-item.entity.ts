import type Big from 'big.js';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { decimalTransformer } from '../../common/decimal/decimal.transformer';
import type { PlanItemStatus } from '../plan-types';
import type { ShownSuggestion } from '../shown-suggestions';
import { RebalancingPlan } from './rebalancing-plan.entity';

/** One suggestion of a plan; the trade figures are columns, the explanation (lots, reason) is kept as computed. */
@Entity('rebalancing_plan_items')
@Index(['planId', 'ordinal'])
export class RebalancingPlanItem {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'plan_id' })
  planId: string;

  @ManyToOne(() => RebalancingPlan, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'plan_id' })
  plan?: RebalancingPlan;

  @Column('int')
  ordinal: number;

  @Column('uuid', { name: 'asset_id', nullable: true })
  assetId: string | null;

  @Column('varchar', { name: 'asset_type', length: 50 })
  assetType: string;

  @Column('varchar', { length: 4 })
  action: 'BUY' | 'SELL';

  @Column('numeric', { nullable: true, transformer: decimalTransformer })
  quantity: Big | null;

  /** The price the plan was computed at; execution uses it unless a fill price is given. */
  @Column('numeric', { nullable: true, transformer: decimalTransformer })
  price: Big | null;

  @Column('numeric', { name: 'estimated_value', transformer: decimalTransformer })
  estimatedValue: Big;

  @Column('jsonb')
  suggestion: ShownSuggestion;

  @Column('varchar', { length: 9 })
  status: PlanItemStatus;

  @Column('timestamptz', { name: 'executed_at', nullable: true })
  executedAt: Date | null;

  @Column('uuid', { name: 'transaction_id', nullable: true })
  transactionId: string | null;
}
