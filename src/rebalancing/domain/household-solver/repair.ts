import { Big } from '../../../common/decimal/decimal';
import { QUANTITY_SCALE, type BuyTrade, type ExactPlan, type SellTrade } from './exact-plan';
import { assetOf, cashFloor, countedGain, isLossSale, kindOf, lotTax, mayBuy, maySell, washesOutLoss, type HouseholdFacts } from './facts';
import { buyCandidates } from './model';
import type { HouseholdAsset } from './problem';
import { assessPlan, type PlanAssessment } from './verify';

export interface RepairedPlan {
  plan: ExactPlan;
  assessment: PlanAssessment;
  /** What was changed, one sentence each; empty when the solver's rounded answer already held. */
  repairs: string[];
}

// Each pass fixes one kind of violation and can only shrink the plan, so a few passes settle it;
// the cap is there so an unexpected cycle reports its violations instead of spinning.
const MAX_PASSES = 20;

/**
 * Makes the exact plan satisfy every hard constraint, deterministically and only by shrinking it:
 * restricted and wash-sale trades are dropped (a forbidden buy moves to an allowed asset of the same
 * class breakdown, for no more money), gain sales are cut until the budget holds, buys are
 * cut until each account's cash is back at its floor, then orders below the minimum value and past
 * the trade cap are dropped. Rounding breaks a constraint by a unit or 1e-8 at most, so these cuts are
 * that small in practice; the repairs say what they did.
 */
export function repairPlan(facts: HouseholdFacts, start: ExactPlan): RepairedPlan {
  let plan = start;
  const repairs: string[] = [];
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const assessment = assessPlan(facts, plan);
    if (assessment.violations.length === 0) return { plan, assessment, repairs };
    plan = repairOnce(facts, plan, assessment, repairs);
  }
  return { plan, assessment: assessPlan(facts, plan), repairs };
}

function repairOnce(facts: HouseholdFacts, plan: ExactPlan, assessment: PlanAssessment, repairs: string[]): ExactPlan {
  const codes = new Set(assessment.violations.map((v) => v.code));
  if (codes.has('RESTRICTED') || codes.has('UNKNOWN_LOT') || codes.has('LOT_OVERSOLD') || codes.has('WASH_SALE') || codes.has('NOT_WHOLE_UNITS')) {
    return dropForbidden(facts, plan, repairs);
  }
  if (codes.has('GAIN_BUDGET')) return cutGains(facts, plan, assessment, repairs);
  if (codes.has('CASH_BELOW_RESERVE')) return cutBuys(facts, plan, assessment, repairs);
  if (codes.has('MIN_TRADE_VALUE')) return dropSmallOrders(facts, plan, repairs);
  return dropSmallestOrder(facts, plan, repairs);
}

function dropForbidden(facts: HouseholdFacts, plan: ExactPlan, repairs: string[]): ExactPlan {
  const whole = facts.problem.options.wholeUnits;
  const sold = new Map<string, Big>();
  const sells = plan.sells.flatMap((sell): SellTrade[] => {
    const lot = facts.lot.get(sell.lotId);
    if (!lot || lot.accountId !== sell.accountId || lot.assetId !== sell.assetId || !maySell(facts, sell.accountId, sell.assetId)) {
      repairs.push(`Dropped the sale of lot ${sell.lotId}: it may not be sold.`);
      return [];
    }
    const left = lot.quantity.minus(sold.get(lot.id) ?? 0);
    let quantity = sell.quantity.gt(left) ? left : sell.quantity;
    if (whole && !quantity.eq(lot.quantity)) quantity = quantity.round(0, Big.roundDown);
    if (!quantity.eq(sell.quantity))
      repairs.push(`Cut the sale of lot ${lot.id} to ${quantity.toFixed()} units, within what it holds${whole ? ' in whole units' : ''}.`);
    sold.set(lot.id, (sold.get(lot.id) ?? new Big(0)).plus(quantity));
    return quantity.gt(0) ? [{ ...sell, quantity }] : [];
  });
  const lossAssets = new Set(sells.filter((sell) => isLossSale(facts, facts.lot.get(sell.lotId)!, sell.quantity)).map((sell) => sell.assetId));
  const keptOverLoss = new Set<string>();
  const allowed = (accountId: string, assetId: string) => mayBuy(facts, accountId, assetId) && !lossAssets.has(assetId);
  const buys: BuyTrade[] = [];
  const add = (trade: BuyTrade) => {
    const same = buys.find((b) => b.accountId === trade.accountId && b.assetId === trade.assetId);
    if (same) same.quantity = same.quantity.plus(trade.quantity);
    else buys.push({ ...trade });
  };
  for (const buy of plan.buys) {
    if (allowed(buy.accountId, buy.assetId)) {
      const quantity = whole ? buy.quantity.round(0, Big.roundDown) : buy.quantity;
      if (quantity.gt(0)) add({ ...buy, quantity });
      continue;
    }
    // The relaxation the solver starts from may split a binary between a loss sale and a buy of the
    // same asset; dropping the buy alone would leave its class short by the whole order.
    const instead = replacementFor(facts, buy, allowed);
    const spent = value(facts, buy);
    const quantity = instead ? spent.div(instead.price).div(step(facts)).round(0, Big.roundDown).times(step(facts)) : new Big(0);
    if (instead && quantity.gt(0)) {
      repairs.push(`Bought ${instead.id} instead of ${buy.assetId} in account ${buy.accountId}: a restriction or the wash-sale rule forbids ${buy.assetId}.`);
      add({ accountId: buy.accountId, assetId: instead.id, quantity });
    } else if (mayBuy(facts, buy.accountId, buy.assetId)) {
      // Only this plan's own loss sale stands in the way, and nothing else buys the class: the band
      // outweighs the loss, so the sale goes and the buy stays.
      keptOverLoss.add(buy.assetId);
      const quantity = whole ? buy.quantity.round(0, Big.roundDown) : buy.quantity;
      if (quantity.gt(0)) add({ ...buy, quantity });
    } else {
      repairs.push(`Dropped the buy of ${buy.assetId} in account ${buy.accountId}: a restriction or the wash-sale rule forbids it.`);
    }
  }
  for (const assetId of [...keptOverLoss].sort())
    repairs.push(`Dropped the sales of ${assetId} at a loss: a buy of it in the same plan would wash the loss out, and no other asset buys its classes.`);
  return { sells: sells.filter((sell) => !(keptOverLoss.has(sell.assetId) && isLossSale(facts, facts.lot.get(sell.lotId)!, sell.quantity))), buys };
}

/**
 * An asset the account may buy in place of a forbidden one, with the same class breakdown so the
 * classes move as the solver meant: the asset's own substitutes first, in their order, then the
 * cheapest of the model's buy candidates (ties by id). Only buy candidates qualify, so the repaired
 * plan stays a point of the model (a MIP start must be).
 */
function replacementFor(facts: HouseholdFacts, buy: BuyTrade, allowed: (accountId: string, assetId: string) => boolean): HouseholdAsset | undefined {
  const kind = kindOf(assetOf(facts, buy.assetId));
  const candidates = buyCandidates(facts, buy.accountId).filter(
    (asset) => asset.id !== buy.assetId && kindOf(asset) === kind && allowed(buy.accountId, asset.id) && !washesOutLoss(facts, asset.id),
  );
  const listed = facts.problem.substitutes[buy.assetId] ?? [];
  const rank = (asset: HouseholdAsset) => {
    const at = listed.indexOf(asset.id);
    return at < 0 ? listed.length : at;
  };
  return candidates.sort((a, b) => rank(a) - rank(b) || a.price.cmp(b.price) || (a.id < b.id ? -1 : 1))[0];
}

/** The smallest quantity step: one unit, or 1e-8 of one. */
function step(facts: HouseholdFacts): Big {
  return facts.problem.options.wholeUnits ? new Big(1) : new Big(1).div(new Big(10).pow(QUANTITY_SCALE));
}

/** Units needed to cover amount at perUnit each, rounded up to the step. */
function unitsFor(facts: HouseholdFacts, amount: Big, perUnit: Big): Big {
  const unit = step(facts);
  const units = amount.div(perUnit).div(unit).round(0, Big.roundUp).times(unit);
  return units.gt(unit) ? units : unit;
}

/**
 * Cuts taxable gain sales, the largest gain per unit first (ties by lot id), until the budget's
 * excess is covered. Each cut is recomputed exactly on the next pass, as basis relief rounds.
 */
function cutGains(facts: HouseholdFacts, plan: ExactPlan, assessment: PlanAssessment, repairs: string[]): ExactPlan {
  const { budget, rates } = facts.problem;
  const excess = (term: 'SHORT' | 'LONG'): Big => {
    const gain = term === 'SHORT' ? assessment.shortTermGain : assessment.longTermGain;
    const cap = term === 'SHORT' ? budget.maxShortTermGain : budget.maxLongTermGain;
    const overGain = cap && gain.gt(cap) ? gain.minus(cap) : new Big(0);
    const overTax = budget.maxTax && assessment.estimatedTax.total.gt(budget.maxTax) ? assessment.estimatedTax.total.minus(budget.maxTax) : new Big(0);
    const rate = term === 'SHORT' ? rates.shortTerm : rates.longTerm;
    const overTaxAsGain = overTax.gt(0) && rate.gt(0) ? overTax.div(rate) : new Big(0);
    return overGain.gt(overTaxAsGain) ? overGain : overTaxAsGain;
  };
  const candidates = plan.sells
    .map((sell) => {
      const lot = facts.lot.get(sell.lotId)!;
      const tax = lotTax(facts, lot);
      return { sell, term: tax.term, gainPerUnit: tax.taxable ? countedGain(facts, lot, sell.quantity).div(sell.quantity) : new Big(0) };
    })
    .filter((c) => c.gainPerUnit.gt(0) && excess(c.term).gt(0))
    .sort((a, b) => b.gainPerUnit.cmp(a.gainPerUnit) || (a.sell.lotId < b.sell.lotId ? -1 : 1));
  const target = candidates[0];
  // The budget is over through destroyed losses alone: the buys that destroy them go.
  if (!target) return dropWashBuys(facts, plan, repairs);
  const cut = unitsFor(facts, excess(target.term), target.gainPerUnit);
  const quantity = cut.gte(target.sell.quantity) ? new Big(0) : target.sell.quantity.minus(cut);
  repairs.push(`Cut the sale of lot ${target.sell.lotId} to ${quantity.toFixed()} units to stay within the gain budget.`);
  return { ...plan, sells: replace(plan.sells, target.sell, quantity) };
}

function dropWashBuys(facts: HouseholdFacts, plan: ExactPlan, repairs: string[]): ExactPlan {
  const washed = new Set(facts.problem.assetWashSales.map((w) => w.assetId));
  const buys = plan.buys.filter((buy) => !washed.has(buy.assetId));
  if (buys.length < plan.buys.length) repairs.push('Dropped the buys that would wash out recent losses to stay within the tax budget.');
  return { ...plan, buys };
}

/** Cuts an account's buys, the largest value first (ties by asset id), until its cash is back at its floor. */
function cutBuys(facts: HouseholdFacts, plan: ExactPlan, assessment: PlanAssessment, repairs: string[]): ExactPlan {
  let buys = plan.buys;
  for (const account of facts.problem.accounts) {
    let short = cashFloor(account).minus(assessment.cashAfter.get(account.id)!);
    const ordered = buys.filter((buy) => buy.accountId === account.id).sort((a, b) => value(facts, b).cmp(value(facts, a)) || (a.assetId < b.assetId ? -1 : 1));
    for (const buy of ordered) {
      if (!short.gt(0)) break;
      const price = assetOf(facts, buy.assetId).price;
      const cut = unitsFor(facts, short, price);
      const quantity = cut.gte(buy.quantity) ? new Big(0) : buy.quantity.minus(cut);
      repairs.push(`Cut the buy of ${buy.assetId} in account ${account.id} to ${quantity.toFixed()} units to keep its cash reserve.`);
      short = short.minus(buy.quantity.minus(quantity).times(price));
      buys = replace(buys, buy, quantity);
    }
  }
  return { ...plan, buys };
}

function dropSmallOrders(facts: HouseholdFacts, plan: ExactPlan, repairs: string[]): ExactPlan {
  const min = facts.problem.options.minTradeValue;
  const small = new Set([...orderValues(facts, plan)].filter(([, v]) => v.lt(min)).map(([key]) => key));
  for (const key of [...small].sort()) repairs.push(`Dropped the order ${key}: after rounding it is worth less than the minimum trade.`);
  return {
    sells: plan.sells.filter((sell) => !small.has(`SELL ${sell.accountId} ${sell.assetId}`)),
    buys: plan.buys.filter((buy) => !small.has(`BUY ${buy.accountId} ${buy.assetId}`)),
  };
}

/** Past the trade cap: the smallest order goes, a buy before a sell, ties by key. */
function dropSmallestOrder(facts: HouseholdFacts, plan: ExactPlan, repairs: string[]): ExactPlan {
  const [key] = [...orderValues(facts, plan)].sort(([ka, va], [kb, vb]) => va.cmp(vb) || (ka < kb ? -1 : 1))[0];
  repairs.push(`Dropped the order ${key} to stay within the trade cap.`);
  return {
    sells: plan.sells.filter((sell) => `SELL ${sell.accountId} ${sell.assetId}` !== key),
    buys: plan.buys.filter((buy) => `BUY ${buy.accountId} ${buy.assetId}` !== key),
  };
}

function orderValues(facts: HouseholdFacts, plan: ExactPlan): Map<string, Big> {
  const orders = new Map<string, Big>();
  for (const sell of plan.sells)
    orders.set(`SELL ${sell.accountId} ${sell.assetId}`, (orders.get(`SELL ${sell.accountId} ${sell.assetId}`) ?? new Big(0)).plus(value(facts, sell)));
  for (const buy of plan.buys)
    orders.set(`BUY ${buy.accountId} ${buy.assetId}`, (orders.get(`BUY ${buy.accountId} ${buy.assetId}`) ?? new Big(0)).plus(value(facts, buy)));
  return orders;
}

function value(facts: HouseholdFacts, trade: { assetId: string; quantity: Big }): Big {
  return trade.quantity.times(assetOf(facts, trade.assetId).price);
}

function replace<T extends { quantity: Big }>(trades: T[], trade: T, quantity: Big): T[] {
  return trades.flatMap((t) => (t !== trade ? [t] : quantity.gt(0) ? [{ ...t, quantity }] : []));
}
