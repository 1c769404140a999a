import type Big from 'big.js';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { User } from '../../auth/entities/user.entity';
import { decimalTransformer } from '../../common/decimal/decimal.transformer';
import type { LotMethod } from '../domain/ledger';

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

  /** Derived: the replay of the transaction history, kept for fast reads. */
  @Column('numeric', { default: 0, transformer: decimalTransformer })
  cash: Big;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
