import type Big from 'big.js';
import { Column, CreateDateColumn, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { decimalTransformer } from '../../common/decimal/decimal.transformer';
import { Asset } from '../../portfolio/entities/asset.entity';

/**
 * The columns of one class's share of a target mix, whoever owns the mix: a portfolio's
 * TargetAllocation and a household's HouseholdTargetAllocation are the same band under a different
 * owner, read by the same drift rules, so they are declared once.
 */
export abstract class TargetAllocationColumns {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('varchar', { name: 'asset_type', length: 50 })
  assetType: string;

  @Column('numeric', { name: 'target_percentage', precision: 5, scale: 2, transformer: decimalTransformer })
  targetPercentage: Big;

  /** Absolute band in percentage points. */
  @Column('numeric', { name: 'tolerance_percentage', precision: 5, scale: 2, transformer: decimalTransformer })
  tolerancePercentage: Big;

  /** Band relative to the target (the 5/25 rule); the effective band is the smaller one. */
  @Column('numeric', { name: 'relative_tolerance_percentage', precision: 5, scale: 2, nullable: true, transformer: decimalTransformer })
  relativeTolerancePercentage: Big | null;

  @Column('uuid', { name: 'preferred_asset_id', nullable: true })
  preferredAssetId: string | null;

  @ManyToOne(() => Asset, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'preferred_asset_id' })
  preferredAsset?: Asset;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
