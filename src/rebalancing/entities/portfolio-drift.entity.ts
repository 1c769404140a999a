import type Big from 'big.js';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { decimalTransformer } from '../../common/decimal/decimal.transformer';
import { Portfolio } from '../../portfolio/entities/portfolio.entity';
import type { DriftLevel } from '../domain/drift';

/** One class of one drift calculation: the series the dashboard draws. Stored only when the result changed. */
@Entity('portfolio_drifts')
@Index(['portfolioId', 'calculatedAt', 'assetType', 'id'])
export class PortfolioDrift {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'portfolio_id' })
  portfolioId: string;

  @ManyToOne(() => Portfolio, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'portfolio_id' })
  portfolio?: Portfolio;

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
