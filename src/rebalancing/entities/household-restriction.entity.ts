import { Check, CreateDateColumn, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Asset } from '../../portfolio/entities/asset.entity';
import { Household } from '../../portfolio/entities/household.entity';
import { Portfolio } from '../../portfolio/entities/portfolio.entity';
import type { RestrictionKind } from '../domain/household-solver/problem';

export const RESTRICTION_KINDS: readonly RestrictionKind[] = ['DO_NOT_BUY', 'DO_NOT_SELL', 'HOLD'];

/**
 * What a household's plans may not do with an asset: in one account, or (no account) in every
 * account of the household. Read and replaced as the household's whole set.
 */
@Entity('household_restrictions')
@Check('CHK_household_restrictions_kind', `"kind" IN (${RESTRICTION_KINDS.map((kind) => `'${kind}'`).join(', ')})`)
// One rule per asset and account, and one household-wide per asset: two partial indexes, since a
// plain unique constraint would let any number of household-wide rows (NULL account) through.
@Index('UQ_household_restrictions_household_wide', ['householdId', 'assetId'], { unique: true, where: '"account_id" IS NULL' })
@Index('UQ_household_restrictions_account', ['householdId', 'assetId', 'accountId'], { unique: true, where: '"account_id" IS NOT NULL' })
// Deleting a portfolio cascades here by account_id.
@Index('IDX_household_restrictions_account', ['accountId'])
export class HouseholdRestriction {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'household_id' })
  householdId: string;

  @ManyToOne(() => Household, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'household_id' })
  household?: Household;

  @Column('uuid', { name: 'asset_id' })
  assetId: string;

  // RESTRICT, as for every other reference to the catalogue: a restriction is a decision someone
  // took, and removing an asset must not lift it unseen.
  @ManyToOne(() => Asset, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'asset_id' })
  asset?: Asset;

  /** Null: in every account of the household. */
  @Column('uuid', { name: 'account_id', nullable: true })
  accountId: string | null;

  // The rule belongs to the account: it goes when the account is deleted.
  @ManyToOne(() => Portfolio, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'account_id' })
  account?: Portfolio;

  @Column('varchar', { length: 11 })
  kind: RestrictionKind;

  @Column('varchar', { length: 500 })
  reason: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
