import type Big from 'big.js';
import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';
import { decimalTransformer } from '../../common/decimal/decimal.transformer';
import { Asset } from '../../portfolio/entities/asset.entity';
import { Portfolio } from '../../portfolio/entities/portfolio.entity';

/** One class's share of a portfolio's target mix. A portfolio's set sums to exactly 100. */
@Entity('target_allocations')
@Unique('UQ_target_allocations_portfolio_asset_type', ['portfolioId', 'assetType'])
export class TargetAllocation {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'portfolio_id' })
  portfolioId: string;

  @ManyToOne(() => Portfolio, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'portfolio_id' })
  portfolio?: Portfolio;

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
