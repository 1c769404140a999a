import { Big } from '../../../common/decimal/decimal';
import { isTaxAdvantaged, type AccountType } from '../../../portfolio/domain/account-types';
import { proportion } from '../../../portfolio/domain/apportion';
import { longTermAt, termOf, utcDay } from '../../../portfolio/domain/dates';
import type { Term } from '../../../portfolio/domain/ledger';
import { CASH_CLASS, type HouseholdAccount, type HouseholdAsset, type HouseholdLot, type HouseholdProblem } from './problem';

/**
 * The rules the model and the exact verification share, read once from a problem: which trades a
 * restriction allows, what a sale of a lot realizes, how a class is made of assets. One place, so
 * what the solver is told and what the plan is checked against cannot drift apart.
 */
export interface HouseholdFacts {
  problem: HouseholdProblem;
  account: Map<string, HouseholdAccount>;
  asset: Map<string, HouseholdAsset>;
  lot: Map<string, HouseholdLot>;
  /** Targeted classes and every class held (cash included), sorted. */
  classes: string[];
  /** Cash plus every lot at its price: trades move value between classes, never change it. */
  totalValue: Big;
}

export function readFacts(problem: HouseholdProblem): HouseholdFacts {
  const account = new Map(problem.accounts.map((a) => [a.id, a]));
  const asset = new Map(problem.assets.map((a) => [a.id, a]));
  const lot = new Map(problem.lots.map((l) => [l.id, l]));
  for (const a of problem.assets) {
    // A price of 0 would make units per dollar infinite; weights off 1 would create or lose value between classes.
    if (!a.price.gt(0)) throw new Error(`household solver: asset ${a.id} needs a positive price`);
    if (!a.classWeights.reduce((sum, w) => sum.plus(w.weight), new Big(0)).eq(1))
      throw new Error(`household solver: the class weights of ${a.id} must sum to 1`);
  }
  for (const l of problem.lots) {
    if (!account.has(l.accountId) || !asset.has(l.assetId)) throw new Error(`household solver: lot ${l.id} names an unknown account or asset`);
  }
  const classes = new Set([CASH_CLASS, ...problem.targets.map((t) => t.assetClass)]);
  for (const a of problem.assets) for (const w of a.classWeights) classes.add(w.assetClass);
  const totalValue = problem.accounts
    .reduce((sum, a) => sum.plus(a.cash), new Big(0))
    .plus(problem.lots.reduce((sum, l) => sum.plus(l.quantity.times(asset.get(l.assetId)!.price)), new Big(0)));
  return { problem, account, asset, lot, classes: [...classes].sort(), totalValue };
}

export function assetOf(facts: HouseholdFacts, assetId: string): HouseholdAsset {
  const found = facts.asset.get(assetId);
  if (!found) throw new Error(`household solver: unknown asset ${assetId}`);
  return found;
}

export function accountOf(facts: HouseholdFacts, accountId: string): HouseholdAccount {
  const found = facts.account.get(accountId);
  if (!found) throw new Error(`household solver: unknown account ${accountId}`);
  return found;
}

function restricted(facts: HouseholdFacts, accountId: string, assetId: string, kinds: readonly string[]): boolean {
  return facts.problem.restrictions.some((r) => r.assetId === assetId && (r.accountId === undefined || r.accountId === accountId) && kinds.includes(r.kind));
}

export function maySell(facts: HouseholdFacts, accountId: string, assetId: string): boolean {
  return !restricted(facts, accountId, assetId, ['DO_NOT_SELL', 'HOLD']);
}

/** A restriction allows the buy and, under SUBSTITUTE, it would wash out no recent loss. */
export function mayBuy(facts: HouseholdFacts, accountId: string, assetId: string): boolean {
  if (restricted(facts, accountId, assetId, ['DO_NOT_BUY', 'HOLD'])) return false;
  return facts.problem.options.washSaleBuys === 'PRICE' || !washesOutLoss(facts, assetId);
}

export function washesOutLoss(facts: HouseholdFacts, assetId: string): boolean {
  return facts.problem.assetWashSales.some((w) => w.assetId === assetId && w.quantity.gt(0));
}

export function isTaxable(accountType: AccountType): boolean {
  return !isTaxAdvantaged(accountType);
}

export interface LotTax {
  /** A sale in a tax-deferred or tax-exempt account realizes nothing reportable. */
  taxable: boolean;
  term: Term;
  /** Short-term today and long-term within avoidShortTermWithinDays. */
  soonLongTerm: boolean;
  /** The ledger would disallow part of its loss if sold now: the model gives that loss no benefit. */
  washSale: boolean;
}

export function lotTax(facts: HouseholdFacts, lot: HouseholdLot): LotTax {
  const { asOf, avoidShortTermWithinDays } = facts.problem.options;
  const term = termOf(lot.holdingPeriodStart, asOf);
  return {
    taxable: isTaxable(accountOf(facts, lot.accountId).accountType),
    term,
    soonLongTerm: term === 'SHORT' && utcDay(longTermAt(lot.holdingPeriodStart)) - utcDay(asOf) <= avoidShortTermWithinDays,
    washSale: facts.problem.lotWashSales.some((w) => w.lotId === lot.id && w.disallowedLoss.gt(0)),
  };
}

/**
 * The gain selling quantity of the lot counts towards tax and the budget: proceeds at the price
 * less the basis the ledger relieves (proportion, as relieve does); 0 for a taxable sale's loss the
 * wash-sale rule would partly disallow. How much it disallows depends on which shares are sold and
 * what else is sold with them, so giving such a loss no benefit is the bound the plan can promise:
 * the ledger's reportable gain (loss plus the disallowed part) is never above 0.
 */
export function countedGain(facts: HouseholdFacts, lot: HouseholdLot, quantity: Big): Big {
  const proceeds = quantity.times(assetOf(facts, lot.assetId).price);
  const gain = proceeds.minus(proportion(lot.costBasis, quantity, lot.quantity));
  return gain.lt(0) && lotTax(facts, lot).washSale ? new Big(0) : gain;
}

/** Selling quantity of the lot realizes a taxable loss: one a buy of the same asset in the plan would wash out. */
export function isLossSale(facts: HouseholdFacts, lot: HouseholdLot, quantity: Big): boolean {
  return lotTax(facts, lot).taxable && countedGain(facts, lot, quantity).lt(0);
}

export function rateOf(facts: HouseholdFacts, term: Term): Big {
  return term === 'SHORT' ? facts.problem.rates.shortTerm : facts.problem.rates.longTerm;
}

/**
 * An asset's class breakdown as a key: assets with the same key move every class alike per dollar,
 * so one can stand in for another (the model's buy candidates, the repair's replacements).
 */
export function kindOf(asset: HouseholdAsset): string {
  return [...asset.classWeights]
    .sort((a, b) => (a.assetClass < b.assetClass ? -1 : 1))
    .map((w) => `${w.assetClass}:${w.weight.toFixed()}`)
    .join(',');
}

/** An asset's rank among substitutes: 0 for one nobody lists, else 1 + its best position in a list. */
export function substituteRank(facts: HouseholdFacts, assetId: string): number {
  let rank = 0;
  for (const list of Object.values(facts.problem.substitutes)) {
    const at = list.indexOf(assetId);
    if (at >= 0) rank = rank === 0 ? at + 1 : Math.min(rank, at + 1);
  }
  return rank;
}

/** The most an account can spend on buys: its cash above the floor and everything it could sell. */
export function spendable(facts: HouseholdFacts, account: HouseholdAccount): Big {
  return facts.problem.lots
    .filter((l) => l.accountId === account.id)
    .reduce((sum, l) => sum.plus(l.quantity.times(assetOf(facts, l.assetId).price)), account.cash.minus(cashFloor(account)));
}

/** The cash an account must keep: its reserve, or what it has when it is already below it (a plan never makes that worse). */
export function cashFloor(account: HouseholdAccount): Big {
  return account.cash.lt(account.cashReserve) ? account.cash : account.cashReserve;
}
