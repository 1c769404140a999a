import type Big from 'big.js';
import { Column, PrimaryGeneratedColumn } from 'typeorm';
import { decimalTransformer } from '../../common/decimal/decimal.transformer';
import type { DriftLevel } from '../domain/drift';

/**
 * The columns of one class of one stored drift calculation, whoever was judged: a portfolio's
 * PortfolioDrift and a household's HouseholdDrift record the same computeDrift result under a
 * different owner, so they are declared once.
 */
export abstract class DriftColumns {
  @PrimaryGeneratedColumn('uuid')
  id: string;

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
