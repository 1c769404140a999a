import type Big from 'big.js';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';
import { User } from '../../auth/entities/user.entity';
import { decimalTransformer } from '../../common/decimal/decimal.transformer';
import { ACCOUNT_TYPES, type AccountType } from '../domain/account-types';
import type { LotMethod } from '../domain/ledger';
import { Household } from './household.entity';

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
@Index('IDX_portfolios_household', ['householdId'])
@Unique('UQ_portfolios_user_external_id', ['userId', 'externalId'])
@Check('CHK_portfolios_account_type', `"account_type" IN (${ACCOUNT_TYPES.map((type) => `'${type}'`).join(', ')})`)
export class Portfolio {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'user_id' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  /**
   * The taxpayer this account belongs to, always a household of the same user. NO ACTION rather
   * than RESTRICT: deleting a user cascades to both tables, and the check waits for the statement's end.
   */
  @Column('uuid', { name: 'household_id' })
  householdId: string;

  @ManyToOne(() => Household, { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'household_id' })
  household?: Household;

  @Column('varchar', { length: 100 })
  name: string;

  @Column('varchar', { name: 'account_type', length: 12, default: 'TAXABLE' })
  accountType: AccountType;

  /** A partner's own id for the account, unique per owner. */
  @Column('varchar', { name: 'external_id', length: 100, nullable: true })
  externalId: string | null;

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
