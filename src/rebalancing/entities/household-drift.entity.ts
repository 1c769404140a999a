import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { Household } from '../../portfolio/entities/household.entity';
import { DriftColumns } from './drift-columns';

/**
 * One class of one household drift calculation, stored only when the result changed: the columns of
 * portfolio_drifts under a household. A table of its own, so the portfolio scan's reads of
 * portfolio_drifts by portfolio_id stay as they are and each history is read by its own index.
 */
@Entity('household_drifts')
@Index(['householdId', 'calculatedAt', 'assetType', 'id'])
export class HouseholdDrift extends DriftColumns {
  @Column('uuid', { name: 'household_id' })
  householdId: string;

  @ManyToOne(() => Household, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'household_id' })
  household?: Household;
}
