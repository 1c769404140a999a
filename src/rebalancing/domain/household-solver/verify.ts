import { Big } from '../../../common/decimal/decimal';
import { computeDrift, type DriftReport } from '../drift';
import type { ExactPlan } from './exact-plan';
import { accountOf, assetOf, cashFloor, countedGain, lotTax, mayBuy, maySell, rateOf, washesOutLoss, type HouseholdFacts } from './facts';
import { classValue } from './model';
import { CASH_CLASS } from './problem';

export type ViolationCode =
  'UNKNOWN_LOT' | 'LOT_OVERSOLD' | 'NOT_WHOLE_UNITS' | 'RESTRICTED' | 'CASH_BELOW_RESERVE' | 'GAIN_BUDGET' | 'WASH_SALE' | 'MIN_TRADE_VALUE' | 'MAX_TRADES';

export interface Violation {
  code: ViolationCode;
  message: string;
}

export interface EstimatedTax {
  /** Rate × net short-term gain realized in taxable accounts; negative is a saving. */
  shortTerm: Big;
  longTerm: Big;
  /** Under PRICE: the tax value of recent losses the plan's buys would disallow. */
  destroyedLosses: Big;
  total: Big;
}

/** Everything the plan does, computed exactly from the problem's lots, prices and rules. */
export interface PlanAssessment {
  shortTermGain: Big;
  longTermGain: Big;
  estimatedTax: EstimatedTax;
  /** Cash of each account after the plan. */
  cashAfter: Map<string, Big>;
  /** Orders: one per account, asset and side. */
  trades: number;
  /** Σ quantity × price over every trade. */
  turnover: Big;
  /** The household after the plan, look-through funds counted by weight. */
  drift: DriftReport;
  violations: Violation[];
}

const ZERO = new Big(0);

export function assessPlan(facts: HouseholdFacts, plan: ExactPlan): PlanAssessment {
  const { problem } = facts;
  const violations: Violation[] = [];
  const cashAfter = new Map(problem.accounts.map((a) => [a.id, a.cash]));
  const classChange = new Map<string, Big>();
  const change = (assetClass: string, value: Big) => classChange.set(assetClass, (classChange.get(assetClass) ?? ZERO).plus(value));
  const orders = new Map<string, Big>();
  const order = (key: string, value: Big) => orders.set(key, (orders.get(key) ?? ZERO).plus(value));
  const soldOf = new Map<string, Big>();
  let shortTermGain = ZERO;
  let longTermGain = ZERO;
  let turnover = ZERO;
  const whole = problem.options.wholeUnits;
  const taxableLossAssets = new Set<string>();

  for (const sell of plan.sells) {
    const lot = facts.lot.get(sell.lotId);
    if (!lot || lot.accountId !== sell.accountId || lot.assetId !== sell.assetId) {
      violations.push({ code: 'UNKNOWN_LOT', message: `Lot ${sell.lotId} is not an open ${sell.assetId} lot of account ${sell.accountId}.` });
      continue;
    }
    const asset = assetOf(facts, lot.assetId);
    const value = sell.quantity.times(asset.price);
    soldOf.set(lot.id, (soldOf.get(lot.id) ?? ZERO).plus(sell.quantity));
    if (!maySell(facts, lot.accountId, lot.assetId))
      violations.push({ code: 'RESTRICTED', message: `${lot.assetId} may not be sold in account ${lot.accountId}.` });
    if (whole && !sell.quantity.eq(lot.quantity) && !isWhole(sell.quantity)) {
      violations.push({ code: 'NOT_WHOLE_UNITS', message: `Lot ${lot.id} is sold in a part that is not a whole number of units.` });
    }
    cashAfter.set(lot.accountId, (cashAfter.get(lot.accountId) ?? ZERO).plus(value));
    change(CASH_CLASS, value);
    for (const w of asset.classWeights) change(w.assetClass, value.times(w.weight).neg());
    order(`SELL ${lot.accountId} ${lot.assetId}`, value);
    turnover = turnover.plus(value);
    const tax = lotTax(facts, lot);
    if (!tax.taxable) continue;
    const gain = countedGain(facts, lot, sell.quantity);
    if (gain.lt(0)) taxableLossAssets.add(lot.assetId);
    if (tax.term === 'SHORT') shortTermGain = shortTermGain.plus(gain);
    else longTermGain = longTermGain.plus(gain);
  }
  for (const [lotId, sold] of soldOf) {
    const lot = facts.lot.get(lotId)!;
    if (sold.gt(lot.quantity) || sold.lt(0))
      violations.push({ code: 'LOT_OVERSOLD', message: `Lot ${lotId} holds ${lot.quantity.toFixed()} units; the plan sells ${sold.toFixed()}.` });
  }

  const boughtOf = new Map<string, Big>();
  for (const buy of plan.buys) {
    const asset = assetOf(facts, buy.assetId);
    accountOf(facts, buy.accountId);
    const value = buy.quantity.times(asset.price);
    if (!mayBuy(facts, buy.accountId, buy.assetId)) {
      const why = washesOutLoss(facts, buy.assetId) ? 'its purchase would wash out a recent loss' : 'a restriction forbids it';
      violations.push({ code: 'RESTRICTED', message: `${buy.assetId} may not be bought in account ${buy.accountId}: ${why}.` });
    }
    if (whole && !isWhole(buy.quantity))
      violations.push({ code: 'NOT_WHOLE_UNITS', message: `The buy of ${buy.assetId} in account ${buy.accountId} is not a whole number of units.` });
    if (taxableLossAssets.has(buy.assetId)) {
      violations.push({ code: 'WASH_SALE', message: `The plan sells ${buy.assetId} at a taxable loss and buys it too, which would disallow the loss.` });
    }
    boughtOf.set(buy.assetId, (boughtOf.get(buy.assetId) ?? ZERO).plus(buy.quantity));
    cashAfter.set(buy.accountId, (cashAfter.get(buy.accountId) ?? ZERO).minus(value));
    change(CASH_CLASS, value.neg());
    for (const w of asset.classWeights) change(w.assetClass, value.times(w.weight));
    order(`BUY ${buy.accountId} ${buy.assetId}`, value);
    turnover = turnover.plus(value);
  }

  for (const account of problem.accounts) {
    const after = cashAfter.get(account.id)!;
    const floor = cashFloor(account);
    if (after.lt(floor))
      violations.push({
        code: 'CASH_BELOW_RESERVE',
        message: `Account ${account.id} would hold ${after.toFixed()} in cash, below its floor of ${floor.toFixed()}.`,
      });
  }

  let destroyedLosses = ZERO;
  if (problem.options.washSaleBuys === 'PRICE') {
    for (const washed of problem.assetWashSales) {
      const bought = boughtOf.get(washed.assetId) ?? ZERO;
      const replaced = bought.lt(washed.quantity) ? bought : washed.quantity;
      destroyedLosses = destroyedLosses.plus(replaced.times(washed.lossPerUnit).times(rateOf(facts, washed.term)));
    }
  }
  const shortTermTax = shortTermGain.times(problem.rates.shortTerm);
  const longTermTax = longTermGain.times(problem.rates.longTerm);
  const estimatedTax = { shortTerm: shortTermTax, longTerm: longTermTax, destroyedLosses, total: shortTermTax.plus(longTermTax).plus(destroyedLosses) };

  const { budget, options } = problem;
  if (budget.maxShortTermGain && shortTermGain.gt(budget.maxShortTermGain)) {
    violations.push({
      code: 'GAIN_BUDGET',
      message: `The plan realizes ${shortTermGain.toFixed()} of short-term gain, over the budget of ${budget.maxShortTermGain.toFixed()}.`,
    });
  }
  if (budget.maxLongTermGain && longTermGain.gt(budget.maxLongTermGain)) {
    violations.push({
      code: 'GAIN_BUDGET',
      message: `The plan realizes ${longTermGain.toFixed()} of long-term gain, over the budget of ${budget.maxLongTermGain.toFixed()}.`,
    });
  }
  if (budget.maxTax && estimatedTax.total.gt(budget.maxTax)) {
    violations.push({
      code: 'GAIN_BUDGET',
      message: `The plan's estimated tax is ${estimatedTax.total.toFixed()}, over the budget of ${budget.maxTax.toFixed()}.`,
    });
  }
  for (const [key, value] of orders) {
    if (value.lt(options.minTradeValue))
      violations.push({ code: 'MIN_TRADE_VALUE', message: `The order ${key} is worth ${value.toFixed()}, less than ${options.minTradeValue.toFixed()}.` });
  }
  if (options.maxTrades !== undefined && orders.size > options.maxTrades) {
    violations.push({ code: 'MAX_TRADES', message: `The plan makes ${orders.size} orders, more than ${options.maxTrades}.` });
  }

  const values = facts.classes.map((assetClass) => ({ assetType: assetClass, value: classValue(facts, assetClass).plus(classChange.get(assetClass) ?? ZERO) }));
  const targets = problem.targets.map((t) => ({
    assetType: t.assetClass,
    targetPercentage: t.targetPercentage,
    tolerancePercentage: t.tolerancePercentage,
    relativeTolerancePercentage: null,
  }));
  return { shortTermGain, longTermGain, estimatedTax, cashAfter, trades: orders.size, turnover, drift: computeDrift(values, targets), violations };
}

function isWhole(quantity: Big): boolean {
  return quantity.eq(quantity.round(0, Big.roundDown));
}
