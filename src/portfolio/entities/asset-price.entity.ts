import type Big from 'big.js';
import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { decimalTransformer } from '../../common/decimal/decimal.transformer';
import { Asset } from './asset.entity';

/** One observed price; the current price of an asset is its newest asOf. */
@Entity('asset_prices')
@Unique('UQ_asset_prices_asset_as_of', ['assetId', 'asOf'])
export class AssetPrice {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'asset_id' })
  assetId: string;

  @ManyToOne(() => Asset, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'asset_id' })
  asset?: Asset;

  @Column('numeric', { precision: 20, scale: 8, transformer: decimalTransformer })
  price: Big;

  @Column('timestamptz', { name: 'as_of' })
  asOf: Date;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
