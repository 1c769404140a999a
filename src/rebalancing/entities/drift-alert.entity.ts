import type Big from 'big.js';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { decimalTransformer } from '../../common/decimal/decimal.transformer';
import { Household } from '../../portfolio/entities/household.entity';
import { Portfolio } from '../../portfolio/entities/portfolio.entity';
import type { AlertLevel, AlertStatus } from '../domain/alert-lifecycle';
import { HouseholdRebalancingPlan } from './household-rebalancing-plan.entity';
import { RebalancingPlan } from './rebalancing-plan.entity';

/** The out-of-band classes, as shown when the alert last changed level. */
export interface DriftAlertItem {
  assetType: string;
  currentValue: string;
  currentPercentage: string;
  targetPercentage: string;
  tolerancePercentage: string;
  driftPercentage: string;
  driftLevel: 'WARNING' | 'CRITICAL';
}

/**
 * A portfolio, or a household judged against its own targets, out of its band, from the moment it
 * left until it is back within tolerance. One table for both, so the alert list pages through both
 * kinds with one keyset.
 */
@Entity('drift_alerts')
@Index(['portfolioId', 'openedAt', 'id'])
@Index(['householdId', 'openedAt', 'id'])
// At most one alert that is not resolved per portfolio (and per household), whatever races the scans run.
@Index('UQ_drift_alerts_one_open_per_portfolio', ['portfolioId'], { unique: true, where: `"status" <> 'RESOLVED'` })
@Index('UQ_drift_alerts_one_open_per_household', ['householdId'], { unique: true, where: `"status" <> 'RESOLVED'` })
@Check('CHK_drift_alerts_portfolio_or_household', '("portfolio_id" IS NULL) <> ("household_id" IS NULL)')
// A portfolio's alert links a portfolio plan, a household's alert a household plan.
@Check(
  'CHK_drift_alerts_plan_fits_subject',
  '("plan_id" IS NULL OR "portfolio_id" IS NOT NULL) AND ("household_plan_id" IS NULL OR "household_id" IS NOT NULL)',
)
export class DriftAlert {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** The portfolio out of its band; null for a household's alert. */
  @Column('uuid', { name: 'portfolio_id', nullable: true })
  portfolioId: string | null;

  @ManyToOne(() => Portfolio, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'portfolio_id' })
  portfolio?: Portfolio;

  /** The household out of its household targets' band; null for a portfolio's alert. */
  @Column('uuid', { name: 'household_id', nullable: true })
  householdId: string | null;

  @ManyToOne(() => Household, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'household_id' })
  household?: Household;

  @Column('varchar', { length: 12 })
  status: AlertStatus;

  @Column('varchar', { length: 8 })
  level: AlertLevel;

  @Column('numeric', { name: 'total_value', transformer: decimalTransformer })
  totalValue: Big;

  @Column('numeric', { name: 'total_drift', transformer: decimalTransformer })
  totalDrift: Big;

  @Column('jsonb')
  items: DriftAlertItem[];

  @CreateDateColumn({ name: 'opened_at', type: 'timestamptz' })
  openedAt: Date;

  @Column('timestamptz', { name: 'level_changed_at' })
  levelChangedAt: Date;

  @Column('timestamptz', { name: 'acknowledged_at', nullable: true })
  acknowledgedAt: Date | null;

  @Column('timestamptz', { name: 'resolved_at', nullable: true })
  resolvedAt: Date | null;

  /** The automatic plan proposed for a portfolio's alert, when the portfolio asks for one. */
  @Column('uuid', { name: 'plan_id', nullable: true })
  planId: string | null;

  @ManyToOne(() => RebalancingPlan, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'plan_id' })
  plan?: RebalancingPlan;

  /** The automatic household plan proposed for a household's alert at its current level, when the household asks for one. */
  @Column('uuid', { name: 'household_plan_id', nullable: true })
  householdPlanId: string | null;

  @ManyToOne(() => HouseholdRebalancingPlan, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'household_plan_id' })
  householdPlan?: HouseholdRebalancingPlan;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
