import { Big } from '../../../common/decimal/decimal';
import { QUANTITY_SCALE, type BuyTrade, type ExactPlan, type SellTrade } from './exact-plan';
import { assetOf, cashFloor, mayBuy, maySell, type HouseholdFacts } from './facts';
import { CASH_CLASS, type HouseholdAccount, type HouseholdAsset } from './problem';
import { assessPlan, type PlanAssessment } from './verify';

/**
 * What a rebalancer blind to tax would do (issue 18's "naive" baseline): every account on its own
 * to the household's targets, selling the assets of classes above target oldest lot first (FIFO)
 * and buying the first asset of each class below target in the input's order, within the account's
 * cash above its floor. Restrictions are honoured, so the comparison is about tax, not rules.
 * Look-through funds count in the class they mostly are.
 */
export function naiveBaseline(facts: HouseholdFacts): { plan: ExactPlan; assessment: PlanAssessment } {
  const sells: SellTrade[] = [];
  const buys: BuyTrade[] = [];
  for (const account of facts.problem.accounts) {
    const plan = naiveAccountPlan(facts, account);
    sells.push(...plan.sells);
    buys.push(...plan.buys);
  }
  const plan = { sells, buys };
  return { plan, assessment: assessPlan(facts, plan) };
}

function naiveAccountPlan(facts: HouseholdFacts, account: HouseholdAccount): ExactPlan {
  const { problem } = facts;
  const step = problem.options.wholeUnits ? 0 : QUANTITY_SCALE;
  const lots = problem.lots.filter((l) => l.accountId === account.id);
  const valueOf = new Map<string, Big>([[CASH_CLASS, account.cash]]);
  for (const lot of lots) {
    const asset = assetOf(facts, lot.assetId);
    const main = mainClass(asset);
    valueOf.set(main, (valueOf.get(main) ?? new Big(0)).plus(lot.quantity.times(asset.price)));
  }
  const total = [...valueOf.values()].reduce((sum, v) => sum.plus(v), new Big(0));
  const targetOf = (assetClass: string) => total.times(problem.targets.find((t) => t.assetClass === assetClass)?.targetPercentage ?? 0).div(100);

  const sells: SellTrade[] = [];
  let cash = account.cash;
  const fifo = [...lots].sort((a, b) => a.holdingPeriodStart.getTime() - b.holdingPeriodStart.getTime() || (a.id < b.id ? -1 : 1));
  for (const assetClass of [...valueOf.keys()].filter((c) => c !== CASH_CLASS).sort()) {
    let excess = (valueOf.get(assetClass) ?? new Big(0)).minus(targetOf(assetClass));
    for (const lot of fifo) {
      const asset = assetOf(facts, lot.assetId);
      if (!excess.gt(0) || mainClass(asset) !== assetClass || !maySell(facts, account.id, asset.id)) continue;
      const wanted = excess.div(asset.price).round(step, Big.roundDown);
      const quantity = wanted.gte(lot.quantity) ? lot.quantity : wanted;
      if (!quantity.gt(0)) continue;
      sells.push({ lotId: lot.id, accountId: account.id, assetId: asset.id, quantity });
      excess = excess.minus(quantity.times(asset.price));
      cash = cash.plus(quantity.times(asset.price));
    }
  }

  const buys: BuyTrade[] = [];
  const classes = [...new Set(problem.targets.map((t) => t.assetClass))].filter((c) => c !== CASH_CLASS).sort();
  for (const assetClass of classes) {
    const asset = problem.assets.find((a) => mainClass(a) === assetClass && a.classWeights.length === 1 && mayBuy(facts, account.id, a.id));
    const deficit = targetOf(assetClass).minus(valueOf.get(assetClass) ?? 0);
    const affordable = cash.minus(cashFloor(account));
    if (!asset || !deficit.gt(0) || !affordable.gt(0)) continue;
    const value = deficit.lt(affordable) ? deficit : affordable;
    const quantity = value.div(asset.price).round(step, Big.roundDown);
    if (!quantity.gt(0)) continue;
    buys.push({ accountId: account.id, assetId: asset.id, quantity });
    cash = cash.minus(quantity.times(asset.price));
  }
  return { sells, buys };
}

function mainClass(asset: HouseholdAsset): string {
  return [...asset.classWeights].sort((a, b) => b.weight.cmp(a.weight) || (a.assetClass < b.assetClass ? -1 : 1))[0].assetClass;
}
