import { Big } from '../src/common/decimal/decimal';
import { ACCOUNT_TYPES, type AccountType } from '../src/portfolio/domain/account-types';
import {
  DEFAULT_AVOID_SHORT_TERM_WITHIN_DAYS,
  DEFAULT_LOCATION_PENALTIES,
  DEFAULT_OBJECTIVE_WEIGHTS,
  type ClassWeight,
  type GainBudget,
  type HouseholdAccount,
  type HouseholdAsset,
  type HouseholdLot,
  type HouseholdProblem,
  type HouseholdTarget,
  type Restriction,
} from '../src/rebalancing/domain/household-solver/problem';
import { random } from './scaling';

/** The moment every household of the corpus is planned for. */
export const CORPUS_AS_OF = new Date('2026-06-30T12:00:00Z');
const DAY_MS = 86_400_000;

// Every target set covers every class the corpus holds, and cash has a band: an untargeted class,
// or cash without a band, would have a band of 0 that the dust of an 8-place plan falls outside.
const TARGET_SETS: Record<string, [number, number]>[] = [
  { stock: [45, 5], intl_stock: [15, 3], bond: [30, 5], reit: [5, 2], cash: [5, 2] },
  { stock: [60, 5], intl_stock: [5, 3], bond: [25, 5], reit: [5, 3], cash: [5, 3] },
  { stock: [30, 3], intl_stock: [10, 2], bond: [45, 5], reit: [10, 3], cash: [5, 2] },
];
const PLAIN_CLASSES = [
  ['stock', 30],
  ['intl_stock', 15],
  ['bond', 25],
  ['reit', 10],
] as const;
// Look-through funds: [stock, intl_stock, bond] weights.
const FUNDS: [string, string, string][] = [
  ['0.6', '0', '0.4'],
  ['0.8', '0', '0.2'],
  ['0.3', '0.1', '0.6'],
  ['0.5', '0.2', '0.3'],
];
const RATES = [
  { shortTerm: '0.37', longTerm: '0.2' },
  { shortTerm: '0.32', longTerm: '0.15' },
  { shortTerm: '0.24', longTerm: '0.15' },
];

/**
 * The shared catalogue: 80 plain assets over four classes and four look-through funds, each at a
 * price between $5 and $505 in cents. The same for every household of a seed.
 */
export function corpusAssets(seed: number): HouseholdAsset[] {
  const next = random(seed);
  const price = () => new Big(500 + Math.floor(next() * 50_000)).div(100);
  const plain = PLAIN_CLASSES.flatMap(([assetClass, count]) =>
    Array.from({ length: count }, (_, i): HouseholdAsset => ({ id: `${assetClass}-${i}`, price: price(), classWeights: [{ assetClass, weight: new Big(1) }] })),
  );
  const funds = FUNDS.map((weights, i): HouseholdAsset => ({
    id: `fund-${i}`,
    price: price(),
    classWeights: weights
      .map((weight, c): ClassWeight => ({ assetClass: ['stock', 'intl_stock', 'bond'][c], weight: new Big(weight) }))
      .filter((w) => w.weight.gt(0)),
  }));
  return [...plain, ...funds];
}

/**
 * A fixed corpus of households (issue 18's bench): each of 1–5 accounts of mixed types; 5–60
 * holdings (an asset in an account), skewed to the small side as real households are; 1–30 lots a
 * holding, most few; a third of the lots fractional; bases from half to 1.6 × the price, so gains,
 * losses, short and long terms all occur. About a third of the households carry a gain budget, a
 * quarter restrictions, a fifth a cash reserve, a fifth a minimum trade; half want whole units; a
 * quarter only bring classes within their bands. The same seed gives the same households.
 */
export function householdCorpus(seed: number, count: number): HouseholdProblem[] {
  const assets = corpusAssets(seed);
  return Array.from({ length: count }, (_, h) => household(assets, random(seed * 7_919 + h)));
}

function household(assets: HouseholdAsset[], next: () => number): HouseholdProblem {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
  const chance = (p: number) => next() < p;
  const cents = (max: number) => new Big(Math.floor(next() * max * 100)).div(100);

  const withReserve = chance(0.2);
  const accounts = Array.from({ length: 1 + Math.floor(next() * 5) }, (_, i): HouseholdAccount => {
    const accountType: AccountType = i === 0 ? 'TAXABLE' : pick(ACCOUNT_TYPES);
    return { id: `acct-${i}`, accountType, cash: cents(20_000), cashReserve: withReserve && chance(0.6) ? cents(2_000) : new Big(0) };
  });

  const holdingCount = 5 + Math.floor(next() ** 2 * 56);
  const holdings = new Map<string, { accountId: string; asset: HouseholdAsset }>();
  // An overweight class per household, so most start outside a band somewhere.
  const heavy = pick(['stock', 'intl_stock', 'bond', 'reit']);
  while (holdings.size < holdingCount) {
    const asset = chance(0.35) ? pick(assets.filter((a) => a.classWeights[0].assetClass === heavy)) : pick(assets);
    const accountId = pick(accounts).id;
    holdings.set(`${accountId}:${asset.id}`, { accountId, asset });
  }
  const lots: HouseholdLot[] = [];
  for (const { accountId, asset } of holdings.values()) {
    const lotCount = 1 + Math.floor(next() ** 3 * 30);
    for (let k = 0; k < lotCount; k++) {
      const quantity = chance(0.3) ? new Big(1 + Math.floor(next() * 1_000_000)).div(10_000) : new Big(1 + Math.floor(next() * 150));
      const basisPerUnit = asset.price.times((0.5 + next() * 1.1).toFixed(4));
      lots.push({
        id: `lot-${lots.length}`,
        accountId,
        assetId: asset.id,
        quantity,
        costBasis: quantity.times(basisPerUnit).round(2),
        holdingPeriodStart: new Date(CORPUS_AS_OF.getTime() - (5 + Math.floor(next() * 2_000)) * DAY_MS),
      });
    }
  }

  const targets = Object.entries(pick(TARGET_SETS)).map(([assetClass, [target, band]]): HouseholdTarget => ({
    assetClass,
    targetPercentage: new Big(target),
    tolerancePercentage: new Big(band),
  }));
  const held = [...new Set(lots.map((l) => l.assetId))].sort();
  const restrictions: Restriction[] = chance(0.25)
    ? Array.from({ length: 1 + Math.floor(next() * 3) }, () => ({
        assetId: pick(held),
        accountId: chance(0.5) ? pick(accounts).id : undefined,
        kind: pick(['DO_NOT_BUY', 'DO_NOT_SELL', 'HOLD'] as const),
      }))
    : [];
  const budget: GainBudget = {};
  if (chance(0.33)) {
    const kind = pick(['maxShortTermGain', 'maxLongTermGain', 'maxTax'] as const);
    budget[kind] = cents(kind === 'maxTax' ? 3_000 : 15_000);
  }
  const rates = pick(RATES);
  return {
    accounts,
    assets,
    lots,
    targets,
    restrictions,
    substitutes: {},
    budget,
    rates: { shortTerm: new Big(rates.shortTerm), longTerm: new Big(rates.longTerm) },
    locationPenalties: DEFAULT_LOCATION_PENALTIES,
    lotWashSales: [],
    assetWashSales: [],
    options: {
      mode: chance(0.75) ? 'TO_TARGET' : 'WITHIN_BANDS',
      wholeUnits: chance(0.5),
      minTradeValue: chance(0.2) ? new Big(100) : new Big(0),
      avoidShortTermWithinDays: DEFAULT_AVOID_SHORT_TERM_WITHIN_DAYS,
      asOf: CORPUS_AS_OF,
      washSaleBuys: 'SUBSTITUTE',
      weights: DEFAULT_OBJECTIVE_WEIGHTS,
    },
  };
}
