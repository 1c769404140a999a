import { Big, toMoneyEstimate } from '../../../common/decimal/decimal';
import type { AccountType } from '../../../portfolio/domain/account-types';
import type { DriftReport } from '../drift';
import type { ExactPlan } from './exact-plan';
import { accountOf, assetOf, countedGain, lotTax, substituteRank, type HouseholdFacts } from './facts';
import type { PlannedBuy, PlannedSell, Proposal } from './problem';
import { assessPlan, type PlanAssessment } from './verify';

const ACCOUNT_WORDS: Record<AccountType, string> = { TAXABLE: 'taxable', TAX_DEFERRED: 'tax-deferred', TAX_EXEMPT: 'tax-exempt' };

/**
 * The plan as trades with their one-sentence reasons, in a stable order (sells by account, asset,
 * lot; buys by account, asset). The figures quoted are the household before the plan and after it.
 */
export function describePlan(facts: HouseholdFacts, plan: ExactPlan, after: PlanAssessment): Proposal {
  const before = assessPlan(facts, { sells: [], buys: [] }).drift;
  const sells = plan.sells
    .map((sell): PlannedSell => ({ ...sell, reason: sellReason(facts, sell, before, after.drift) }))
    .sort((a, b) => compare(a.accountId, b.accountId) || compare(a.assetId, b.assetId) || compare(a.lotId, b.lotId));
  const buys = plan.buys
    .map((buy): PlannedBuy => ({ ...buy, reason: buyReason(facts, buy, before, after.drift) }))
    .sort((a, b) => compare(a.accountId, b.accountId) || compare(a.assetId, b.assetId));
  return { sells, buys };
}

function sellReason(facts: HouseholdFacts, sell: ExactPlan['sells'][number], before: DriftReport, after: DriftReport): string {
  const lot = facts.lot.get(sell.lotId)!;
  const account = accountOf(facts, sell.accountId);
  const tax = lotTax(facts, lot);
  const gain = countedGain(facts, lot, sell.quantity);
  const term = tax.term === 'SHORT' ? 'short-term' : 'long-term';
  const taxNote = !tax.taxable
    ? `at no tax in a ${ACCOUNT_WORDS[account.accountType]} account`
    : gain.lt(0)
      ? `harvesting a ${term} loss of ${toMoneyEstimate(gain.abs())}`
      : `realizing a ${term} gain of ${toMoneyEstimate(gain)}`;
  return `Sells ${sell.quantity.toFixed()} ${sell.assetId} from lot ${lot.id} in account ${account.id} ${taxNote}, ${movement(mainClass(facts, sell.assetId), before, after)}.`;
}

function buyReason(facts: HouseholdFacts, buy: ExactPlan['buys'][number], before: DriftReport, after: DriftReport): string {
  const account = accountOf(facts, buy.accountId);
  const preferred = Object.entries(facts.problem.substitutes).find(([, list]) => list.includes(buy.assetId))?.[0];
  const instead = substituteRank(facts, buy.assetId) > 0 && preferred ? ` as a substitute for ${preferred}` : '';
  return `Buys ${buy.quantity.toFixed()} ${buy.assetId}${instead} in ${ACCOUNT_WORDS[account.accountType]} account ${account.id}, ${movement(mainClass(facts, buy.assetId), before, after)}.`;
}

/** The class an asset mostly is: its largest weight, ties by name. */
function mainClass(facts: HouseholdFacts, assetId: string): string {
  const [first] = [...assetOf(facts, assetId).classWeights].sort((a, b) => b.weight.cmp(a.weight) || compare(a.assetClass, b.assetClass));
  return first.assetClass;
}

function movement(assetClass: string, before: DriftReport, after: DriftReport): string {
  const was = before.items.find((item) => item.assetType === assetClass);
  const now = after.items.find((item) => item.assetType === assetClass);
  const percent = (value: Big | undefined) => `${(value ?? new Big(0)).toFixed(2, Big.roundHalfEven)} %`;
  return `moving ${assetClass} from ${percent(was?.currentPercentage)} to ${percent(now?.currentPercentage)} of the household (target ${percent(now?.targetPercentage ?? was?.targetPercentage)})`;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
