import { toDecimalString } from '../common/decimal/decimal';
import { effectiveBand } from './domain/drift';
import type { HouseholdTargetsDto, TargetDto, TargetsDto } from './dto/targets.dto';
import type { HouseholdTargetAllocation } from './entities/household-target-allocation.entity';
import type { TargetAllocation } from './entities/target-allocation.entity';
import { toTargetBand, type HouseholdTargets, type PortfolioTargets } from './targets.service';

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
