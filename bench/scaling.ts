import { Big } from '../src/common/decimal/decimal';
import { generateSuggestions, type GeneratorHolding, type GeneratorInput, type OpenLotInput } from '../src/rebalancing/domain/suggestions';
import { ASSET_CLASSES } from './dataset';

export interface ScalingPoint {
  lots: number;
  ms: number;
  /** ms over the previous point's ms; null for the first. */
  growth: number | null;
}

export const SCALING_LOTS = [100, 1_000, 10_000, 100_000];
const HOLDINGS = 20;
const NOW = new Date('2026-06-30T12:00:00Z');
const DAY_MS = 86_400_000;

/** A small deterministic generator (mulberry32), so every run prices the same lots. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

/**
 * One portfolio of 20 holdings over the six classes with `lots` open lots in all, far enough from
 * its targets that every overweight class sells: bases scattered around the price, so lots at a
 * loss, long-term gains and short-term gains all compete in the tax-aware relief order.
 */
export function scalingInput(lots: number, seed: number): GeneratorInput {
  const next = random(seed + lots);
  const perHolding = Math.ceil(lots / HOLDINGS);
  const holdings: GeneratorHolding[] = [];
  let made = 0;
  for (let h = 0; h < HOLDINGS && made < lots; h++) {
    const assetType = ASSET_CLASSES[h % ASSET_CLASSES.length];
    const price = new Big((5 + Math.floor(next() * 50_000) / 100).toFixed(2));
    // The first class is heavily overweight, the others light, so sells walk many lots.
    const weight = assetType === ASSET_CLASSES[0] ? 8 : 1;
    const holdingLots: OpenLotInput[] = [];
    for (let k = 0; k < perHolding && made < lots; k++, made++) {
      const quantity = new Big(((1 + Math.floor(next() * 2_000)) * weight) / 10);
      const basisPerUnit = price.times((0.6 + next() * 0.8).toFixed(4));
      holdingLots.push({
        lotId: `lot-${h}-${k}`,
        quantity,
        costBasis: quantity.times(basisPerUnit).round(2),
        holdingPeriodStart: new Date(NOW.getTime() - (1 + Math.floor(next() * 1_500)) * DAY_MS),
      });
    }
    holdings.push({
      assetId: `asset-${h}`,
      symbol: `AS${h}`,
      assetType,
      quantity: holdingLots.reduce((sum, lot) => sum.plus(lot.quantity), new Big(0)),
      price,
      lots: holdingLots,
    });
  }
  const targets = [40, 10, 30, 10, 5, 5];
  return {
    holdings,
    cash: new Big('1000.00'),
    targets: ASSET_CLASSES.map((assetType, i) => ({
      assetType,
      targetPercentage: new Big(targets[i]),
      tolerancePercentage: new Big(5),
      relativeTolerancePercentage: null,
      preferredAssetId: null,
    })),
    catalogue: holdings.map(({ assetId, symbol, assetType, price }) => ({ assetId, symbol, assetType, price })),
    strategy: 'TO_TARGET',
    allowSells: true,
    cashFlow: new Big(0),
    minTradeValue: new Big(0),
    fractional: true,
    taxAware: true,
    now: NOW,
    washSaleLots: [],
    unreplacedLosses: [],
  };
}

/** Calls fn until at least `ms` have passed (and at least `calls` times); the duration of each call. */
function timeCalls(fn: () => void, ms: number, calls: number): number[] {
  const times: number[] = [];
  const started = performance.now();
  while (times.length < calls || performance.now() - started < ms) {
    const call = performance.now();
    fn();
    times.push(performance.now() - call);
  }
  return times;
}

/**
 * Time per call of the pure generator at each size: the median of the calls in a second, after
 * half a second of warm-up calls, so the small sizes are not timed while the JIT still compiles.
 */
export function scaling(seed: number, sizes: number[] = SCALING_LOTS): ScalingPoint[] {
  const points: ScalingPoint[] = [];
  for (const lots of sizes) {
    const input = scalingInput(lots, seed);
    const result = generateSuggestions(input);
    if (!result.suggestions.some((suggestion) => suggestion.action === 'SELL')) throw new Error(`the ${lots}-lot portfolio needs no sell`);
    timeCalls(() => generateSuggestions(input), 500, 1);
    const times = timeCalls(() => generateSuggestions(input), 1_000, 3).sort((a, b) => a - b);
    const ms = times[Math.floor(times.length / 2)];
    const previous = points.at(-1);
    points.push({ lots, ms, growth: previous ? ms / previous.ms : null });
  }
  return points;
}
