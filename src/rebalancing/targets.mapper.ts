import { toDecimalString } from '../common/decimal/decimal';
import { effectiveBand } from './domain/drift';
import type { TargetsDto } from './dto/targets.dto';
import { toTargetBand, type PortfolioTargets } from './targets.service';

export function toTargetsDto({ portfolioId, targets }: PortfolioTargets): TargetsDto {
  return {
    portfolioId,
    targets: targets.map((target) => ({
      assetType: target.assetType,
      targetPercentage: toDecimalString(target.targetPercentage),
      tolerancePercentage: toDecimalString(target.tolerancePercentage),
      relativeTolerancePercentage: target.relativeTolerancePercentage ? toDecimalString(target.relativeTolerancePercentage) : null,
      effectiveTolerancePercentage: toDecimalString(effectiveBand(toTargetBand(target))),
      preferredAssetId: target.preferredAssetId,
      createdAt: target.createdAt.toISOString(),
      updatedAt: target.updatedAt.toISOString(),
    })),
  };
}
