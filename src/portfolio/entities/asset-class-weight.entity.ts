import type Big from 'big.js';
import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { decimalTransformer } from '../../common/decimal/decimal.transformer';
import { Asset } from './asset.entity';

/**
 * One class's share of a look-through fund (a 60/40 fund: stock 60, bond 40). An asset's rows sum
 * to exactly 100; an asset with none is wholly its assetType. Drift counts the fund's value in each
 * class by these shares.
 */
@Entity('asset_class_weights')
export class AssetClassWeight {
  @PrimaryColumn('uuid', { name: 'asset_id' })
  assetId: string;

  @ManyToOne(() => Asset, (asset) => asset.classWeights, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'asset_id' })
  // Relation<>: Asset refers back to this class, and a plain type here would be read while Asset is still loading.
  asset?: Relation<Asset>;

  @PrimaryColumn('varchar', { name: 'asset_type', length: 50 })
  assetType: string;

  /** > 0 and at most 100, up to 4 decimals. */
  @Column('numeric', { precision: 7, scale: 4, transformer: decimalTransformer })
  percentage: Big;
}
