import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

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

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
