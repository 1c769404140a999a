import { Column, CreateDateColumn, Entity, Index, OneToMany, PrimaryGeneratedColumn, type Relation, UpdateDateColumn } from 'typeorm';
import { AssetClassWeight } from './asset-class-weight.entity';

@Entity('assets')
export class Asset {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Upper case; unique across the catalogue, and the key of the list's keyset paging. */
  @Column('varchar', { length: 20, unique: true })
  symbol: string;

  @Column('varchar', { length: 200 })
  name: string;

  /** The class rebalancing groups by: a lower-case slug such as stock, bond, cash. */
  @Index()
  @Column('varchar', { name: 'asset_type', length: 50 })
  assetType: string;

  @Column('char', { length: 3 })
  currency: string;

  /**
   * A look-through fund's breakdown by class, by assetType; empty for an asset that is wholly its
   * assetType. Every read that values holdings by class loads it (the repositories' reads of
   * positions and assets); undefined only where an asset was read without it.
   */
  @OneToMany(() => AssetClassWeight, (weight) => weight.asset)
  classWeights?: Relation<AssetClassWeight>[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
