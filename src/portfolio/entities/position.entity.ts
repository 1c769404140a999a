import type Big from 'big.js';
import { Column, Index, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { decimalTransformer } from '../../common/decimal/decimal.transformer';
import { Asset } from './asset.entity';
import { Portfolio } from './portfolio.entity';

/** Derived: the sum of a portfolio's open lots in one asset. */
@Entity('positions')
// A price update re-checks the portfolios holding the asset.
@Index('IDX_positions_asset', ['assetId'])
export class Position {
  @PrimaryColumn('uuid', { name: 'portfolio_id' })
  portfolioId: string;

  @ManyToOne(() => Portfolio, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'portfolio_id' })
  portfolio?: Portfolio;

  @PrimaryColumn('uuid', { name: 'asset_id' })
  assetId: string;

  @ManyToOne(() => Asset, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'asset_id' })
  asset?: Asset;

  @Column('numeric', { transformer: decimalTransformer })
  quantity: Big;

  @Column('numeric', { name: 'cost_basis', transformer: decimalTransformer })
  costBasis: Big;
}
