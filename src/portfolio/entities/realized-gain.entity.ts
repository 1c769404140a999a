import type Big from 'big.js';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { decimalTransformer } from '../../common/decimal/decimal.transformer';
import type { Term } from '../domain/ledger';
import { Asset } from './asset.entity';
import { Portfolio } from './portfolio.entity';
import { Transaction } from './transaction.entity';

/** Derived: one lot relieved by one SELL. */
@Entity('realized_gains')
@Index(['portfolioId', 'disposedAt', 'sellTransactionId', 'acquiredAt', 'id'])
export class RealizedGain {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'portfolio_id' })
  portfolioId: string;

  @ManyToOne(() => Portfolio, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'portfolio_id' })
  portfolio?: Portfolio;

  @Column('uuid', { name: 'sell_transaction_id' })
  sellTransactionId: string;

  @ManyToOne(() => Transaction, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'sell_transaction_id' })
  sellTransaction?: Transaction;

  @Column('uuid', { name: 'lot_id' })
  lotId: string;

  @Column('uuid', { name: 'asset_id' })
  assetId: string;

  @ManyToOne(() => Asset, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'asset_id' })
  asset?: Asset;

  @Column('numeric', { transformer: decimalTransformer })
  quantity: Big;

  @Column('numeric', { transformer: decimalTransformer })
  proceeds: Big;

  @Column('numeric', { name: 'cost_basis', transformer: decimalTransformer })
  costBasis: Big;

  @Column('numeric', { transformer: decimalTransformer })
  gain: Big;

  @Column('numeric', { name: 'wash_sale_disallowed', transformer: decimalTransformer })
  washSaleDisallowed: Big;

  /** The part of washSaleDisallowed replaced in a tax-advantaged account: added to no basis, never deductible. */
  @Column('numeric', { name: 'wash_sale_lost_for_good', default: 0, transformer: decimalTransformer })
  washSaleLostForGood: Big;

  @Column('numeric', { name: 'reportable_gain', transformer: decimalTransformer })
  reportableGain: Big;

  @Column('timestamptz', { name: 'acquired_at' })
  acquiredAt: Date;

  @Column('timestamptz', { name: 'disposed_at' })
  disposedAt: Date;

  @Column('varchar', { length: 5 })
  term: Term;

  /** False for a sale inside a tax-deferred or tax-exempt account: kept for the record, left out of tax totals. */
  @Column('boolean', { default: true })
  taxable: boolean;
}
