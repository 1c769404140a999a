import { Injectable } from '@nestjs/common';
import type { Principal } from '../auth/principal';
import type { Big } from '../common/decimal/decimal';
import { CommonErrorCode } from '../common/problem/common-errors';
import { type FieldError, ValidationProblem } from '../common/problem/problem';
import { type Tx, UnitOfWork } from '../database/unit-of-work';
import { ACCOUNT_TYPES, type AccountType } from '../portfolio/domain/account-types';
import { AssetsService } from '../portfolio/assets.service';
import { HouseholdsService } from '../portfolio/households.service';
import { DEFAULT_LOCATION_PENALTIES, type LocationPenalties, type Restriction, type RestrictionKind } from './domain/household-solver/problem';
import type { HouseholdRestriction } from './entities/household-restriction.entity';
import { HouseholdPreferencesRepository, type SubstituteList } from './household-preferences.repository';

/** A restriction as a PUT names it: on an asset, in one account of the household or (accountId absent) all of them. */
export interface RestrictionRule {
  assetId: string;
  accountId?: string;
  kind: RestrictionKind;
  reason: string;
}

export interface HouseholdRestrictions {
  householdId: string;
  restrictions: HouseholdRestriction[];
}

export interface HouseholdSubstitutes {
  householdId: string;
  substitutes: SubstituteList[];
}

export interface LocationCell {
  assetClass: string;
  accountType: AccountType;
  penaltyPerDollar: Big;
}

export interface HouseholdAssetLocation {
  householdId: string;
  /** The household has no table of its own: `penalties` is DEFAULT_LOCATION_PENALTIES. */
  isDefault: boolean;
  /** By class, then account type in ACCOUNT_TYPES order. */
  penalties: LocationCell[];
}

/** What the household planner takes from these settings, in the solver's terms. */
export interface HouseholdPlanningInputs {
  restrictions: Restriction[];
  /** assetId → replacements, best first. */
  substitutes: Record<string, string[]>;
  locationPenalties: LocationPenalties;
}

/**
 * A household's restrictions, substitutes and asset-location table: the settings its plans obey
 * beside its targets. Each is read and replaced as one set, like targets, so none is paginated.
 */
@Injectable()
export class HouseholdPreferencesService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly households: HouseholdsService,
    private readonly assets: AssetsService,
    private readonly preferences: HouseholdPreferencesRepository,
  ) {}

  async getRestrictions(principal: Principal, householdId: string): Promise<HouseholdRestrictions> {
    const household = await this.households.findOwned(principal, householdId);
    return { householdId: household.id, restrictions: await this.currentRestrictions(household.id) };
  }

  /** Replaces the whole set atomically, after checking it as a whole, under the household's lock. */
  async putRestrictions(principal: Principal, householdId: string, restrictions: RestrictionRule[]): Promise<HouseholdRestrictions> {
    return this.unitOfWork.run(async (tx) => {
      const household = await this.households.lockOwned(principal, householdId, tx);
      const accounts = new Set((await this.households.accountsOf(household.id, tx)).map((account) => account.id));
      const known = new Set((await this.assets.findByIds(unique(restrictions.map((item) => item.assetId)), tx)).map((asset) => asset.id));
      const errors: FieldError[] = [];
      const seen = new Map<string, number>();
      restrictions.forEach((item, index) => {
        if (!known.has(item.assetId)) errors.push({ field: `restrictions[${index}].assetId`, rule: 'knownAsset', message: 'is not an asset of the catalogue' });
        if (item.accountId !== undefined && !accounts.has(item.accountId))
          errors.push({ field: `restrictions[${index}].accountId`, rule: 'householdAccount', message: 'is not an account (portfolio) of this household' });
        const pair = `${item.assetId}/${item.accountId ?? ''}`;
        const first = seen.get(pair);
        if (first !== undefined)
          errors.push({ field: `restrictions[${index}]`, rule: 'uniqueAssetAndAccount', message: `repeats the asset and account of restrictions[${first}]` });
        else seen.set(pair, index);
      });
      if (errors.length > 0) throw new ValidationProblem(errors, CommonErrorCode.UNPROCESSABLE_FIELDS);
      await this.preferences.replaceRestrictions(
        household.id,
        restrictions.map((item) => ({ assetId: item.assetId, accountId: item.accountId ?? null, kind: item.kind, reason: item.reason })),
        tx,
      );
      return { householdId: household.id, restrictions: await this.preferences.restrictionsOf(household.id, tx) };
    });
  }

  async getSubstitutes(principal: Principal, householdId: string): Promise<HouseholdSubstitutes> {
    const household = await this.households.findOwned(principal, householdId);
    return { householdId: household.id, substitutes: await this.preferences.substitutesOf(household.id) };
  }

  async putSubstitutes(principal: Principal, householdId: string, substitutes: SubstituteList[]): Promise<HouseholdSubstitutes> {
    return this.unitOfWork.run(async (tx) => {
      const household = await this.households.lockOwned(principal, householdId, tx);
      const named = unique(substitutes.flatMap((item) => [item.assetId, ...item.replacements]));
      const typeOf = new Map((await this.assets.findByIds(named, tx)).map((asset) => [asset.id, asset.assetType]));
      const errors: FieldError[] = [];
      const seen = new Map<string, number>();
      substitutes.forEach((item, index) => {
        const field = `substitutes[${index}]`;
        const first = seen.get(item.assetId);
        if (first !== undefined) errors.push({ field: `${field}.assetId`, rule: 'uniqueAsset', message: `repeats substitutes[${first}]` });
        else seen.set(item.assetId, index);
        const assetType = typeOf.get(item.assetId);
        if (assetType === undefined) errors.push({ field: `${field}.assetId`, rule: 'knownAsset', message: 'is not an asset of the catalogue' });
        item.replacements.forEach((replacement, position) => {
          const at = `${field}.replacements[${position}]`;
          const replacementType = typeOf.get(replacement);
          if (replacement === item.assetId) errors.push({ field: at, rule: 'notItself', message: 'is the asset itself' });
          else if (item.replacements.indexOf(replacement) < position)
            errors.push({ field: at, rule: 'uniqueReplacement', message: `repeats replacements[${item.replacements.indexOf(replacement)}]` });
          else if (replacementType === undefined) errors.push({ field: at, rule: 'knownAsset', message: 'is not an asset of the catalogue' });
          else if (assetType !== undefined && replacementType !== assetType)
            errors.push({ field: at, rule: 'sameAssetType', message: `is a ${replacementType} asset, not ${assetType}` });
        });
      });
      if (errors.length > 0) throw new ValidationProblem(errors, CommonErrorCode.UNPROCESSABLE_FIELDS);
      await this.preferences.replaceSubstitutes(household.id, substitutes, tx);
      return { householdId: household.id, substitutes: await this.preferences.substitutesOf(household.id, tx) };
    });
  }

  async getAssetLocation(principal: Principal, householdId: string): Promise<HouseholdAssetLocation> {
    const household = await this.households.findOwned(principal, householdId);
    return { householdId: household.id, ...(await this.locationTable(household.id)) };
  }

  /** Replaces the household's table; [] returns it to the default. */
  async putAssetLocation(principal: Principal, householdId: string, penalties: LocationCell[]): Promise<HouseholdAssetLocation> {
    return this.unitOfWork.run(async (tx) => {
      const household = await this.households.lockOwned(principal, householdId, tx);
      const errors: FieldError[] = [];
      const seen = new Map<string, number>();
      penalties.forEach((cell, index) => {
        const key = `${cell.assetClass}/${cell.accountType}`;
        const first = seen.get(key);
        if (first !== undefined)
          errors.push({
            field: `penalties[${index}]`,
            rule: 'uniqueClassAndAccountType',
            message: `repeats the class and account type of penalties[${first}]`,
          });
        else seen.set(key, index);
      });
      if (errors.length > 0) throw new ValidationProblem(errors, CommonErrorCode.UNPROCESSABLE_FIELDS);
      await this.preferences.replaceLocationPenalties(household.id, penalties, tx);
      return { householdId: household.id, ...(await this.locationTable(household.id, tx)) };
    });
  }

  /**
   * The household's settings in the solver's terms, for the household planner, which has checked
   * the household is the caller's (and holds its lock, if it writes).
   */
  async planningInputs(householdId: string, tx?: Tx): Promise<HouseholdPlanningInputs> {
    const restrictions = await this.currentRestrictions(householdId, tx);
    const substitutes = await this.preferences.substitutesOf(householdId, tx);
    const { penalties } = await this.locationTable(householdId, tx);
    const locationPenalties: LocationPenalties = {};
    for (const cell of penalties) locationPenalties[cell.assetClass] = { ...locationPenalties[cell.assetClass], [cell.accountType]: cell.penaltyPerDollar };
    return {
      restrictions: restrictions.map((row) => ({ assetId: row.assetId, ...(row.accountId === null ? {} : { accountId: row.accountId }), kind: row.kind })),
      substitutes: Object.fromEntries(substitutes.map((list) => [list.assetId, list.replacements])),
      locationPenalties,
    };
  }

  /**
   * The stored set without rows of accounts that have since moved to another household: a
   * restriction was taken for the account in this household, and the next PUT drops such rows.
   */
  private async currentRestrictions(householdId: string, tx?: Tx): Promise<HouseholdRestriction[]> {
    const rows = await this.preferences.restrictionsOf(householdId, tx);
    if (rows.every((row) => row.accountId === null)) return rows;
    const accounts = new Set((await this.households.accountsOf(householdId, tx)).map((account) => account.id));
    return rows.filter((row) => row.accountId === null || accounts.has(row.accountId));
  }

  private async locationTable(householdId: string, tx?: Tx): Promise<{ isDefault: boolean; penalties: LocationCell[] }> {
    const own = await this.preferences.locationPenaltiesOf(householdId, tx);
    const cells: LocationCell[] =
      own.length > 0
        ? own
        : Object.entries(DEFAULT_LOCATION_PENALTIES).flatMap(([assetClass, byType]) =>
            ACCOUNT_TYPES.flatMap((accountType) => {
              const penaltyPerDollar = byType[accountType];
              return penaltyPerDollar === undefined ? [] : [{ assetClass, accountType, penaltyPerDollar }];
            }),
          );
    const order = (cell: LocationCell) => ACCOUNT_TYPES.indexOf(cell.accountType);
    return {
      isDefault: own.length === 0,
      penalties: [...cells].sort((a, b) => (a.assetClass === b.assetClass ? order(a) - order(b) : a.assetClass < b.assetClass ? -1 : 1)),
    };
  }
}

function unique(ids: string[]): string[] {
  return [...new Set(ids)];
}
