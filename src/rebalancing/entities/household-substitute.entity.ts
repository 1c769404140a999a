import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import { Asset } from '../../portfolio/entities/asset.entity';
import { Household } from '../../portfolio/entities/household.entity';

/**
 * One replacement of an asset for a household's plans, at its rank (0 is the best): bought instead
 * when a wash sale or a restriction blocks buying the asset itself.
 */
@Entity('household_substitutes')
@Unique('UQ_household_substitutes_replacement', ['householdId', 'assetId', 'replacementAssetId'])
@Check('CHK_household_substitutes_not_itself', `"replacement_asset_id" <> "asset_id"`)
export class HouseholdSubstitute {
  @PrimaryColumn('uuid', { name: 'household_id' })
  householdId: string;

  @ManyToOne(() => Household, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'household_id' })
  household?: Household;

  @PrimaryColumn('uuid', { name: 'asset_id' })
  assetId: string;

  // RESTRICT on both assets, as for every other reference to the catalogue.
  @ManyToOne(() => Asset, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'asset_id' })
  asset?: Asset;

  @PrimaryColumn('smallint')
  rank: number;

  @Column('uuid', { name: 'replacement_asset_id' })
  replacementAssetId: string;

  @ManyToOne(() => Asset, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'replacement_asset_id' })
  replacementAsset?: Asset;
}
