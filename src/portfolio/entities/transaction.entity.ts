import type Big from 'big.js';
import { Column, CreateDateColumn, Entity, Generated, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { decimalTransformer } from '../../common/decimal/decimal.transformer';
import type { TransactionType } from '../domain/ledger';
import { Asset } from './asset.entity';
import { Portfolio } from './portfolio.entity';

export interface StoredLotSelection {
  lotId: string;
  quantity: string;
}

/** The source of truth: positions, cash, lots and realized gains are replays of these rows. */
@Entity('transactions')
@Index(['portfolioId', 'executedAt', 'sequence'])
export class Transaction {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Insertion order, breaking ties between equal executedAt. */
  @Column('bigint', { unique: true })
  @Generated('increment')
  sequence: string;

  @Column('uuid', { name: 'portfolio_id' })
  portfolioId: string;

  @ManyToOne(() => Portfolio, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'portfolio_id' })
  portfolio?: Portfolio;

  @Column('varchar', { length: 11 })
  type: TransactionType;

  @Column('timestamptz', { name: 'executed_at' })
  executedAt: Date;

  @Column('numeric', { precision: 22, scale: 8, nullable: true, transformer: decimalTransformer })
  amount: Big | null;

  @Column('uuid', { name: 'asset_id', nullable: true })
  assetId: string | null;

  @ManyToOne(() => Asset, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'asset_id' })
  asset?: Asset;

  @Column('numeric', { precision: 20, scale: 8, nullable: true, transformer: decimalTransformer })
  quantity: Big | null;

  @Column('numeric', { precision: 20, scale: 8, nullable: true, transformer: decimalTransformer })
  price: Big | null;

  @Column('numeric', { precision: 20, scale: 8, nullable: true, transformer: decimalTransformer })
  fee: Big | null;

  @Column('numeric', { name: 'cost_per_unit', precision: 20, scale: 8, nullable: true, transformer: decimalTransformer })
  costPerUnit: Big | null;

  @Column('timestamptz', { name: 'acquired_at', nullable: true })
  acquiredAt: Date | null;

  /** SPECIFIC_ID sells: which lots, how much of each (decimal strings). */
  @Column('jsonb', { nullable: true })
  lots: StoredLotSelection[] | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
