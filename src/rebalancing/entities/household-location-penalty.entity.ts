import type Big from 'big.js';
import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { decimalTransformer } from '../../common/decimal/decimal.transformer';
import { ACCOUNT_TYPES, type AccountType } from '../../portfolio/domain/account-types';
import { Household } from '../../portfolio/entities/household.entity';

/**
 * One cell of a household's asset-location table: what a dollar of a class held in an account of a
 * type costs the plan's objective. A household without rows uses DEFAULT_LOCATION_PENALTIES; one
 * with rows uses exactly them (cells it leaves out are indifferent).
 */
@Entity('household_location_penalties')
@Check('CHK_household_location_penalties_account_type', `"account_type" IN (${ACCOUNT_TYPES.map((type) => `'${type}'`).join(', ')})`)
export class HouseholdLocationPenalty {
  @PrimaryColumn('uuid', { name: 'household_id' })
  householdId: string;

  @ManyToOne(() => Household, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'household_id' })
  household?: Household;

  @PrimaryColumn('varchar', { name: 'asset_class', length: 50 })
  assetClass: string;

  @PrimaryColumn('varchar', { name: 'account_type', length: 12 })
  accountType: AccountType;

  /** Per dollar held, 0 to 1, at most 6 decimals. */
  @Column('numeric', { name: 'penalty_per_dollar', precision: 7, scale: 6, transformer: decimalTransformer })
  penaltyPerDollar: Big;
}
