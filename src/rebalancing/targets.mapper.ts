import { parseDecimal, toDecimalString } from '../common/decimal/decimal';
import { effectiveBand } from './domain/drift';
import { DEFAULT_TOLERANCE_PERCENTAGE, type HouseholdTargetsDto, type PutTargetsDto, type TargetDto, type TargetsDto } from './dto/targets.dto';
import type { HouseholdTargetAllocation } from './entities/household-target-allocation.entity';
import type { TargetAllocation } from './entities/target-allocation.entity';
import type { NewTarget } from './target.repository';
import { toTargetBand, type HouseholdTargets, type PortfolioTargets } from './targets.service';

/** The set as percentages; a band left out takes the documented default. */
export function toNewTargets(dto: PutTargetsDto): NewTarget[] {
  return dto.targets.map((target) => ({
    assetType: target.assetType,
    targetPercentage: parseDecimal(target.targetPercentage),
    tolerancePercentage: parseDecimal(target.tolerancePercentage ?? DEFAULT_TOLERANCE_PERCENTAGE),
    relativeTolerancePercentage: target.relativeTolerancePercentage === undefined ? null : parseDecimal(target.relativeTolerancePercentage),
    preferredAssetId: target.preferredAssetId ?? null,
  }));
}

export function toTargetsDto({ portfolioId, targets }: PortfolioTargets): TargetsDto {
  return { portfolioId, targets: targets.map(toTargetDto) };
}

export function toHouseholdTargetsDto({ householdId, targets }: HouseholdTargets): HouseholdTargetsDto {
  return { householdId, targets: targets.map(toTargetDto) };
}

function toTargetDto(target: TargetAllocation | HouseholdTargetAllocation): TargetDto {
  return {
    assetType: target.assetType,
    targetPercentage: toDecimalString(target.targetPercentage),
    tolerancePercentage: toDecimalString(target.tolerancePercentage),
    relativeTolerancePercentage: target.relativeTolerancePercentage ? toDecimalString(target.relativeTolerancePercentage) : null,
    effectiveTolerancePercentage: toDecimalString(effectiveBand(toTargetBand(target))),
    preferredAssetId: target.preferredAssetId,
    createdAt: target.createdAt.toISOString(),
    updatedAt: target.updatedAt.toISOString(),
  };
}
