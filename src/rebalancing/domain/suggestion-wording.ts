import { Big, toDecimalString } from '../../common/decimal/decimal';
import type { ClassPlan, Context } from './suggestion-model';

const ZERO = new Big(0);

/** Why a sell is suggested: where its class stands, what the sell is for, and its tax note. */
export function sellReason(plan: ClassPlan, ctx: Context, symbol: string, washSale: boolean, taxLossHarvesting: boolean): string {
  let note = '';
  if (washSale) note = `; the loss is a wash sale, as ${symbol} was bought in the last 30 days`;
  else if (taxLossHarvesting) note = ', harvesting a loss';
  return `${situation(plan, ctx)}: ${purpose(plan, 'SELL', ctx)}${note}.`;
}

/** Why a buy is suggested: where its class stands, what the buy is for, and which asset it is. */
export function buyReason(plan: ClassPlan, ctx: Context, asset: { symbol: string } | null, insteadOf: string | null, washSale: boolean): string {
  let note = '';
  if (!asset) note = ` (no ${plan.assetType} asset is preferred or held)`;
  else if (insteadOf !== null) note = ` with ${asset.symbol} instead of ${insteadOf}, which was sold at a loss in the last 30 days`;
  else if (washSale) note = `; ${asset.symbol} was sold at a loss in the last 30 days, so this is a wash sale`;
  return `${situation(plan, ctx)}: ${purpose(plan, 'BUY', ctx)}${note}.`;
}

/** Where the class stands before the trades, as the drift report shows it. */
function situation(plan: ClassPlan, ctx: Context): string {
  const { assetType, item } = plan;
  const level = item.driftLevel === 'WITHIN_TOLERANCE' ? 'within tolerance' : item.driftLevel;
  if (portfolioWasEmpty(ctx)) return 'The portfolio holds nothing yet';
  if (!plan.targeted) return `${assetType} has no target and is ${toDecimalString(item.currentPercentage, 1)}% of the portfolio (${level})`;
  const target = toDecimalString(item.targetPercentage);
  if (item.driftPercentage.eq(0)) return `${assetType} is at its ${target}% target (${level})`;
  const side = item.driftPercentage.gt(0) ? 'over' : 'under';
  return `${assetType} is ${toDecimalString(item.driftPercentage.abs(), 1)} points ${side} its ${target}% target (${level})`;
}

function purpose(plan: ClassPlan, action: 'BUY' | 'SELL', ctx: Context): string {
  const verb = action === 'SELL' ? 'sell' : 'buy';
  const { cashFlow, strategy } = ctx.input;
  if (portfolioWasEmpty(ctx)) return 'buy to invest the deposit';
  if (plan.outside && !plan.targeted) return 'sell it, as it has no target';
  if (plan.outside) return strategy === 'TO_TARGET' ? `${verb} to bring it back to target` : `${verb} to bring it back within its band (${bandText(plan)})`;
  if (action === 'SELL') return cashFlow.lt(0) ? 'sell to raise the withdrawal' : 'sell to pay for the purchases';
  return cashFlow.gt(0) ? 'buy to invest the deposit' : 'buy to invest surplus cash';
}

function portfolioWasEmpty(ctx: Context): boolean {
  return ctx.totalAfter.eq(ctx.input.cashFlow);
}

/** The class's band at the total after the cash flow, as percentages. */
export function bandText(plan: ClassPlan): string {
  const { targetPercentage, tolerancePercentage } = plan.item;
  const lower = targetPercentage.minus(tolerancePercentage);
  return `${toDecimalString(lower.gt(0) ? lower : ZERO)}%–${toDecimalString(targetPercentage.plus(tolerancePercentage))}%`;
}
