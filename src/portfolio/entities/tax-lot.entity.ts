import type Big from 'big.js';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { decimalTransformer } from '../../common/decimal/decimal.transformer';
import { Asset } from './asset.entity';
import { Portfolio } from './portfolio.entity';

/** Derived: an open lot as the replay leaves it. Its id is the opening transaction's (or derived from it on a split). */
@Entity('tax_lots')
@Index(['portfolioId', 'assetId'])
@Index(['portfolioId', 'acquiredAt', 'id'])
export class TaxLot {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'portfolio_id' })
  portfolioId: string;

  @ManyToOne(() => Portfolio, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'portfolio_id' })
  portfolio?: Portfolio;

  @Column('uuid', { name: 'asset_id' })
  assetId: string;

  @ManyToOne(() => Asset, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'asset_id' })
  asset?: Asset;

  @Column('numeric', { transformer: decimalTransformer })
  quantity: Big;

  /** Total basis of the open quantity, wash-sale adjustments included; unrounded. */
  @Column('numeric', { name: 'cost_basis', transformer: decimalTransformer })
  costBasis: Big;

  @Column('timestamptz', { name: 'acquired_at' })
  acquiredAt: Date;

  /** acquiredAt moved earlier by a wash sale's tacked holding period; terms count from here. */
  @Column('timestamptz', { name: 'holding_period_start' })
  holdingPeriodStart: Date;

  @Column('numeric', { name: 'wash_sale_adjustment', transformer: decimalTransformer })
  washSaleAdjustment: Big;
}
