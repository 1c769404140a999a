import type Big from 'big.js';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { User } from '../../auth/entities/user.entity';
import { decimalTransformer } from '../../common/decimal/decimal.transformer';
import type { LotMethod } from '../domain/ledger';

export type AutoRebalance = 'OFF' | 'SUGGEST';

/** Saved options for automatic plans, with the meaning they have in a plan request. */
export interface RebalanceOptions {
  strategy: 'TO_TARGET' | 'TO_BAND';
  allowSells: boolean;
  minTradeValue: string;
  fractional: boolean;
  taxAware: boolean;
}

@Entity('portfolios')
@Index(['userId', 'createdAt', 'id'])
export class Portfolio {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'user_id' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  @Column('varchar', { length: 100 })
  name: string;

  @Column('char', { name: 'base_currency', length: 3, default: 'USD' })
  baseCurrency: string;

  @Column('varchar', { name: 'lot_method', length: 11, default: 'FIFO' })
  lotMethod: LotMethod;

  /** SUGGEST: an opened or escalated drift alert proposes a PENDING plan with rebalanceOptions; nothing is executed. */
  @Column('varchar', { name: 'auto_rebalance', length: 7, default: 'OFF' })
  autoRebalance: AutoRebalance;

  /** The plan options automatic plans use; null means the defaults of a plan request. */
  @Column('jsonb', { name: 'rebalance_options', nullable: true })
  rebalanceOptions: RebalanceOptions | null;

  /**
   * The drift band, in percentage points, of a class held without a target (target 0): a small
   * untargeted holding stays visible without shouting. 0 makes any such holding CRITICAL.
   */
  @Column('numeric', { name: 'untargeted_tolerance_percentage', precision: 5, scale: 2, default: 2, transformer: decimalTransformer })
  untargetedTolerancePercentage: Big;

  /** Derived: the replay of the transaction history, kept for fast reads. */
  @Column('numeric', { default: 0, transformer: decimalTransformer })
  cash: Big;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
