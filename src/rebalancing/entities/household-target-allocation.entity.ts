import type Big from 'big.js';
import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';
import { decimalTransformer } from '../../common/decimal/decimal.transformer';
import { Asset } from '../../portfolio/entities/asset.entity';
import { Household } from '../../portfolio/entities/household.entity';

/**
 * One class's share of a household's target mix, judged over the sum of its accounts. The same
 * columns and rules as a portfolio's TargetAllocation; a table of its own, so that the drift scan's
 * joins on target_allocations.portfolio_id never meet a row without a portfolio.
 */
@Entity('household_target_allocations')
@Unique('UQ_household_target_allocations_household_asset_type', ['householdId', 'assetType'])
export class HouseholdTargetAllocation {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'household_id' })
  householdId: string;

  @ManyToOne(() => Household, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'household_id' })
  household?: Household;

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
