import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Tx } from '../database/unit-of-work';
import { HouseholdLocationPenalty } from './entities/household-location-penalty.entity';
import { HouseholdRestriction } from './entities/household-restriction.entity';
import { HouseholdSubstitute } from './entities/household-substitute.entity';

export type NewRestriction = Pick<HouseholdRestriction, 'assetId' | 'accountId' | 'kind' | 'reason'>;
export type NewLocationPenalty = Pick<HouseholdLocationPenalty, 'assetClass' | 'accountType' | 'penaltyPerDollar'>;

/** An asset's replacements, best first. */
export interface SubstituteList {
  assetId: string;
  replacements: string[];
}

/**
 * A household's restrictions, substitutes and asset-location table (household_restrictions,
 * household_substitutes, household_location_penalties). Each is read and replaced as one set by
 * household id: callers check the household's owner first.
 */
@Injectable()
export class HouseholdPreferencesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** By asset, the household-wide row before the accounts' ones. */
  restrictionsOf(householdId: string, tx: Tx = this.dataSource.manager): Promise<HouseholdRestriction[]> {
    return tx.find(HouseholdRestriction, { where: { householdId }, order: { assetId: 'ASC', accountId: { direction: 'ASC', nulls: 'FIRST' } } });
  }

  /** Replaces the household's whole set in the caller's transaction. */
  async replaceRestrictions(householdId: string, rows: readonly NewRestriction[], tx: Tx): Promise<void> {
    await tx.delete(HouseholdRestriction, { householdId });
    if (rows.length > 0)
      await tx.insert(
        HouseholdRestriction,
        rows.map((row) => ({ ...row, householdId })),
      );
  }

  /** By asset, each list best first. */
  async substitutesOf(householdId: string, tx: Tx = this.dataSource.manager): Promise<SubstituteList[]> {
    const rows = await tx.find(HouseholdSubstitute, { where: { householdId }, order: { assetId: 'ASC', rank: 'ASC' } });
    const lists: SubstituteList[] = [];
    for (const row of rows) {
      const last = lists.at(-1);
      if (last?.assetId === row.assetId) last.replacements.push(row.replacementAssetId);
      else lists.push({ assetId: row.assetId, replacements: [row.replacementAssetId] });
    }
    return lists;
  }

  /** Replaces the household's whole set in the caller's transaction; a list's order is its ranks. */
  async replaceSubstitutes(householdId: string, lists: readonly SubstituteList[], tx: Tx): Promise<void> {
    await tx.delete(HouseholdSubstitute, { householdId });
    const rows = lists.flatMap((list) =>
      list.replacements.map((replacementAssetId, rank) => ({ householdId, assetId: list.assetId, rank, replacementAssetId })),
    );
    if (rows.length > 0) await tx.insert(HouseholdSubstitute, rows);
  }

  /** The household's own table; empty when it uses the default. */
  locationPenaltiesOf(householdId: string, tx: Tx = this.dataSource.manager): Promise<HouseholdLocationPenalty[]> {
    return tx.find(HouseholdLocationPenalty, { where: { householdId }, order: { assetClass: 'ASC', accountType: 'ASC' } });
  }

  /** Replaces the household's table in the caller's transaction; no rows means the default again. */
  async replaceLocationPenalties(householdId: string, rows: readonly NewLocationPenalty[], tx: Tx): Promise<void> {
    await tx.delete(HouseholdLocationPenalty, { householdId });
    if (rows.length > 0)
      await tx.insert(
        HouseholdLocationPenalty,
        rows.map((row) => ({ ...row, householdId })),
      );
  }
}
