import { Big, divideHalfEven } from '../../common/decimal/decimal';

export type DriftLevel = 'WITHIN_TOLERANCE' | 'WARNING' | 'CRITICAL';
export type DriftStatus = DriftLevel | 'EMPTY';

export interface TargetBand {
  assetType: string;
  /** 0..100, at most 2 decimals; a set sums to exactly 100 (validated elsewhere). */
  targetPercentage: Big;
  /** Absolute band in percentage points. */
  tolerancePercentage: Big;
  /** Band relative to the target (the 5/25 rule): target × rel / 100 percentage points. */
  relativeTolerancePercentage: Big | null;
}

/** value >= 0, except cash that a what-if has overdrawn; cash arrives as class 'cash'. */
export interface ClassValue {
  assetType: string;
  value: Big;
}

export interface DriftItem {
  assetType: string;
  currentValue: Big;
  /** value × 100 / total, rounded half-even to 20 places; display rounding happens elsewhere. */
  currentPercentage: Big;
  /** 0 for a class held without a target. */
  targetPercentage: Big;
  /** The effective band: min(absolute, relative) when relative is given; the untargeted band for a class without a target. */
  tolerancePercentage: Big;
  /** currentPercentage − targetPercentage, in percentage points. */
  driftPercentage: Big;
  driftLevel: DriftLevel;
}

export interface DriftReport {
  totalValue: Big;
  status: DriftStatus;
  /** Σ|driftPercentage| / 2: the share of the portfolio that would have to move. */
  totalDrift: Big;
  /** One per class targeted or held, by assetType. */
  items: DriftItem[];
}

// A percentage is rounded once, half-even at 20 places, whatever big.js's global Big.DP and Big.RM say.
const PERCENT_PLACES = 20;

const ZERO = new Big(0);
// Multiplied rather than divided by 100 or 2: big.js cuts a quotient at Big.DP places, and bands must stay exact.
const HUNDREDTH = new Big('0.01');
const HALF = new Big('0.5');

const SEVERITY: readonly DriftLevel[] = ['WITHIN_TOLERANCE', 'WARNING', 'CRITICAL'];

/** The absolute band, or the relative one (target × rel / 100) when that is narrower. */
export function effectiveBand(target: TargetBand): Big {
  const absolute = target.tolerancePercentage;
  if (target.relativeTolerancePercentage === null) return absolute;
  const relative = target.targetPercentage.times(target.relativeTolerancePercentage).times(HUNDREDTH);
  return relative.lt(absolute) ? relative : absolute;
}

/**
 * Drift of every class targeted or held. A class held without a target is shown with target 0 and
 * the untargeted band (a portfolio's untargetedTolerancePercentage; 0 when not given, so any such
 * holding is outside), so it is never invisible; a portfolio worth nothing is EMPTY and raises no alarm.
 */
export function computeDrift(values: ClassValue[], targets: TargetBand[], untargetedBand: Big = ZERO): DriftReport {
  const targetOf = new Map(targets.map((target) => [target.assetType, target]));
  if (targetOf.size !== targets.length) throw new Error('computeDrift: one target per class');

  const valueOf = new Map<string, Big>();
  for (const { assetType, value } of values) valueOf.set(assetType, (valueOf.get(assetType) ?? ZERO).plus(value));
  const totalValue = [...valueOf.values()].reduce((sum, value) => sum.plus(value), ZERO);
  // The levels are compared cross-multiplied by the total, which only keeps their sense for a total >= 0.
  if (totalValue.lt(0)) throw new Error('computeDrift: the total value cannot be negative');

  const held = [...valueOf].filter(([, value]) => !value.eq(0)).map(([assetType]) => assetType);
  // Asset types are lower-case ASCII slugs, so < is code-point order.
  const classes = [...new Set([...targetOf.keys(), ...held])].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const items = classes.map((assetType) => itemOf(assetType, valueOf.get(assetType) ?? ZERO, targetOf.get(assetType), untargetedBand, totalValue));

  return {
    totalValue,
    status: totalValue.eq(0) ? 'EMPTY' : worstLevel(items),
    totalDrift: items.reduce((sum, item) => sum.plus(item.driftPercentage.abs()), ZERO).times(HALF),
    items,
  };
}

function itemOf(assetType: string, currentValue: Big, target: TargetBand | undefined, untargetedBand: Big, totalValue: Big): DriftItem {
  const targetPercentage = target?.targetPercentage ?? ZERO;
  const tolerancePercentage = target ? effectiveBand(target) : untargetedBand;
  if (totalValue.eq(0)) {
    return { assetType, currentValue, currentPercentage: ZERO, targetPercentage, tolerancePercentage, driftPercentage: ZERO, driftLevel: 'WITHIN_TOLERANCE' };
  }
  const currentPercentage = divideHalfEven(currentValue.times(100), totalValue, PERCENT_PLACES);
  return {
    assetType,
    currentValue,
    currentPercentage,
    targetPercentage,
    tolerancePercentage,
    driftPercentage: currentPercentage.minus(targetPercentage),
    driftLevel: levelOf(currentValue, targetPercentage, tolerancePercentage, totalValue),
  };
}

/**
 * |drift| against the band, both multiplied by the total: |value × 100 − target × total| against
 * band × total. Exact, so a 20-place rounding of the percentage can never move a class across a boundary.
 */
function levelOf(value: Big, target: Big, band: Big, total: Big): DriftLevel {
  const off = value.times(100).minus(target.times(total)).abs();
  const allowed = band.times(total);
  if (off.lte(allowed)) return 'WITHIN_TOLERANCE';
  return off.lte(allowed.times(2)) ? 'WARNING' : 'CRITICAL';
}

function worstLevel(items: DriftItem[]): DriftLevel {
  return SEVERITY[Math.max(0, ...items.map((item) => SEVERITY.indexOf(item.driftLevel)))];
}
