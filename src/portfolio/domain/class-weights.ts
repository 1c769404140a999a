import { Big } from '../../common/decimal/decimal';

/** One class's share of a look-through fund, in percent. */
export interface ClassWeightInput {
  assetType: string;
  percentage: Big;
}

export interface ClassWeightViolation {
  /** The request field at fault, e.g. `classWeights[1].percentage`. */
  field: string;
  rule: 'positive' | 'uniqueAssetType' | 'sumTo100' | 'includesAssetType';
  message: string;
}

/**
 * Why a breakdown cannot be an asset's, every reason at once; [] when it can. An empty breakdown is
 * fine: the asset is then 100 % its assetType. Otherwise the classes are distinct, every share is
 * above 0, they sum to exactly 100, and the asset's own assetType is one of them, so the class a
 * class-level trade finds the fund in is one the fund really spans.
 */
export function classWeightViolations(assetType: string, weights: readonly ClassWeightInput[]): ClassWeightViolation[] {
  if (weights.length === 0) return [];
  const violations: ClassWeightViolation[] = [];
  const seen = new Map<string, number>();
  weights.forEach((weight, index) => {
    if (weight.percentage.lte(0)) {
      violations.push({ field: `classWeights[${index}].percentage`, rule: 'positive', message: `is ${weight.percentage.toFixed()}; must be greater than 0` });
    }
    const first = seen.get(weight.assetType);
    if (first !== undefined) {
      violations.push({ field: `classWeights[${index}].assetType`, rule: 'uniqueAssetType', message: `repeats classWeights[${first}] (${weight.assetType})` });
    } else seen.set(weight.assetType, index);
  });
  const sum = weights.reduce((total, weight) => total.plus(weight.percentage), new Big(0));
  if (!sum.eq(100)) violations.push({ field: 'classWeights', rule: 'sumTo100', message: `sums to ${sum.toFixed()}; must be exactly 100` });
  if (!seen.has(assetType)) {
    violations.push({ field: 'classWeights', rule: 'includesAssetType', message: `must include the asset's own assetType, ${assetType}` });
  }
  return violations;
}
