import { parseDecimal, toDecimalString } from '../common/decimal/decimal';
import type {
  AssetLocationDto,
  PutAssetLocationDto,
  PutRestrictionsDto,
  PutSubstitutesDto,
  RestrictionsDto,
  SubstitutesDto,
} from './dto/household-preferences.dto';
import type { SubstituteList } from './household-preferences.repository';
import type { HouseholdAssetLocation, HouseholdRestrictions, HouseholdSubstitutes, LocationCell, RestrictionRule } from './household-preferences.service';

export function toRestrictionRules(dto: PutRestrictionsDto): RestrictionRule[] {
  return dto.restrictions.map((item) => ({ assetId: item.assetId, accountId: item.accountId, kind: item.kind, reason: item.reason }));
}

export function toSubstituteLists(dto: PutSubstitutesDto): SubstituteList[] {
  return dto.substitutes.map((item) => ({ assetId: item.assetId, replacements: item.replacements }));
}

export function toLocationCells(dto: PutAssetLocationDto): LocationCell[] {
  return dto.penalties.map((cell) => ({ assetClass: cell.assetClass, accountType: cell.accountType, penaltyPerDollar: parseDecimal(cell.penaltyPerDollar) }));
}

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
