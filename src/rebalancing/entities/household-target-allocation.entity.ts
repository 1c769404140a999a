import { Column, Entity, JoinColumn, ManyToOne, Unique } from 'typeorm';
import { Household } from '../../portfolio/entities/household.entity';
import { TargetAllocationColumns } from './target-allocation-columns';

/**
 * One class's share of a household's target mix, judged over the sum of its accounts. The same
 * columns and rules as a portfolio's TargetAllocation; a table of its own, so that the drift scan's
 * joins on target_allocations.portfolio_id never meet a row without a portfolio.
 */
@Entity('household_target_allocations')
@Unique('UQ_household_target_allocations_household_asset_type', ['householdId', 'assetType'])
export class HouseholdTargetAllocation extends TargetAllocationColumns {
  @Column('uuid', { name: 'household_id' })
  householdId: string;

  @ManyToOne(() => Household, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'household_id' })
  household?: Household;
}
