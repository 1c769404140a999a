import { toDecimalString } from '../common/decimal/decimal';
import type { AssetLocationDto, RestrictionsDto, SubstitutesDto } from './dto/household-preferences.dto';
import type { HouseholdAssetLocation, HouseholdRestrictions, HouseholdSubstitutes } from './household-preferences.service';

export function toRestrictionsDto({ householdId, restrictions }: HouseholdRestrictions): RestrictionsDto {
  return {
    householdId,
    restrictions: restrictions.map((row) => ({ assetId: row.assetId, accountId: row.accountId, kind: row.kind, reason: row.reason })),
  };
}

export function toSubstitutesDto({ householdId, substitutes }: HouseholdSubstitutes): SubstitutesDto {
  return { householdId, substitutes: substitutes.map((list) => ({ assetId: list.assetId, replacements: [...list.replacements] })) };
}

export function toAssetLocationDto({ householdId, isDefault, penalties }: HouseholdAssetLocation): AssetLocationDto {
  return {
    householdId,
    isDefault,
    penalties: penalties.map((cell) => ({
      assetClass: cell.assetClass,
      accountType: cell.accountType,
      penaltyPerDollar: toDecimalString(cell.penaltyPerDollar),
    })),
  };
}
