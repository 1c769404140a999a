import { Big } from '../../../common/decimal/decimal';
import type { AccountType } from '../../../portfolio/domain/account-types';
import { at } from '../../../portfolio/domain/ledger.fixtures';
import {
  DEFAULT_AVOID_SHORT_TERM_WITHIN_DAYS,
  DEFAULT_LOCATION_PENALTIES,
  DEFAULT_OBJECTIVE_WEIGHTS,
  singleClass,
  type HouseholdProblem,
  type Restriction,
  type SolveOptions,
} from './problem';

export const AS_OF = at('2026-06-01');

type Amount = string;

export interface HouseholdSketch {
  accounts: { id: string; type: AccountType; cash: Amount; reserve?: Amount }[];
  /** A plain asset is [class]; a look-through fund lists [class, weight] pairs. */
  assets: { id: string; price: Amount; classes: string | [string, Amount][] }[];
  lots?: { id: string; account: string; asset: string; quantity: Amount; basis: Amount; since: string }[];
  /** class → [target %, band %]. */
  targets: Record<string, [Amount, Amount]>;
  restrictions?: Restriction[];
  substitutes?: Record<string, string[]>;
  budget?: { maxShortTermGain?: Amount; maxLongTermGain?: Amount; maxTax?: Amount };
  rates?: { shortTerm: Amount; longTerm: Amount };
  options?: Partial<SolveOptions>;
}

/** Builds a household problem from strings: the worked examples read as the story they tell. */
export function givenHousehold(sketch: HouseholdSketch): HouseholdProblem {
  const d = (value: Amount) => new Big(value);
  const budget = sketch.budget ?? {};
  return {
    accounts: sketch.accounts.map((a) => ({ id: a.id, accountType: a.type, cash: d(a.cash), cashReserve: d(a.reserve ?? '0') })),
    assets: sketch.assets.map((a) => ({
      id: a.id,
      price: d(a.price),
      classWeights: typeof a.classes === 'string' ? singleClass(a.classes) : a.classes.map(([assetClass, weight]) => ({ assetClass, weight: d(weight) })),
    })),
    lots: (sketch.lots ?? []).map((l) => ({
      id: l.id,
      accountId: l.account,
      assetId: l.asset,
      quantity: d(l.quantity),
      costBasis: d(l.basis),
      holdingPeriodStart: at(l.since),
    })),
    targets: Object.entries(sketch.targets).map(([assetClass, [target, band]]) => ({ assetClass, targetPercentage: d(target), tolerancePercentage: d(band) })),
    restrictions: sketch.restrictions ?? [],
    substitutes: sketch.substitutes ?? {},
    budget: {
      maxShortTermGain: budget.maxShortTermGain === undefined ? undefined : d(budget.maxShortTermGain),
      maxLongTermGain: budget.maxLongTermGain === undefined ? undefined : d(budget.maxLongTermGain),
      maxTax: budget.maxTax === undefined ? undefined : d(budget.maxTax),
    },
    rates: { shortTerm: d(sketch.rates?.shortTerm ?? '0.37'), longTerm: d(sketch.rates?.longTerm ?? '0.15') },
    locationPenalties: DEFAULT_LOCATION_PENALTIES,
    lotWashSales: [],
    assetWashSales: [],
    options: {
      mode: 'TO_TARGET',
      wholeUnits: true,
      minTradeValue: new Big(0),
      avoidShortTermWithinDays: DEFAULT_AVOID_SHORT_TERM_WITHIN_DAYS,
      asOf: AS_OF,
      washSaleBuys: 'SUBSTITUTE',
      weights: DEFAULT_OBJECTIVE_WEIGHTS,
      ...sketch.options,
    },
  };
}

/** The trades as compact strings, for asserting a whole plan at once. */
export function tradesOf(proposal: { sells: { lotId: string; quantity: Big }[]; buys: { accountId: string; assetId: string; quantity: Big }[] }): string[] {
  return [
    ...proposal.sells.map((s) => `SELL ${s.quantity.toFixed()} from ${s.lotId}`),
    ...proposal.buys.map((b) => `BUY ${b.quantity.toFixed()} ${b.assetId} in ${b.accountId}`),
  ];
}
