import type Big from 'big.js';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { decimalTransformer } from '../../common/decimal/decimal.transformer';
import { Household } from '../../portfolio/entities/household.entity';
import type { DriftLevel } from '../domain/drift';

/**
 * One class of one household drift calculation, stored only when the result changed: the columns of
 * portfolio_drifts under a household. A table of its own, so the portfolio scan's reads of
 * portfolio_drifts by portfolio_id stay as they are and each history is read by its own index.
 */
@Entity('household_drifts')
@Index(['householdId', 'calculatedAt', 'assetType', 'id'])
export class HouseholdDrift {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'household_id' })
  householdId: string;

  @ManyToOne(() => Household, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'household_id' })
  household?: Household;

  @Column('timestamptz', { name: 'calculated_at' })
  calculatedAt: Date;

  @Column('varchar', { name: 'asset_type', length: 50 })
  assetType: string;

  @Column('numeric', { name: 'current_value', transformer: decimalTransformer })
  currentValue: Big;

  @Column('numeric', { name: 'current_percentage', transformer: decimalTransformer })
  currentPercentage: Big;

  @Column('numeric', { name: 'target_percentage', transformer: decimalTransformer })
  targetPercentage: Big;

  @Column('numeric', { name: 'tolerance_percentage', transformer: decimalTransformer })
  tolerancePercentage: Big;

  @Column('numeric', { name: 'drift_percentage', transformer: decimalTransformer })
  driftPercentage: Big;

  @Column('varchar', { name: 'drift_level', length: 16 })
  driftLevel: DriftLevel;
}
