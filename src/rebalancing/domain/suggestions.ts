import { Big, sumOf, toDecimalString } from '../../common/decimal/decimal';
import { allocate, proportion } from '../../portfolio/domain/apportion';
import { DEFAULT_ACCOUNT_TYPE, isTaxAdvantaged } from '../../portfolio/domain/account-types';
import { termOf } from '../../portfolio/domain/dates';
import type { Term } from '../../portfolio/domain/ledger';
import { purchaseWouldReplace, washSaleDisallowances, washSaleOutlook } from '../../portfolio/domain/wash-sales';
import { computeDrift, type DriftItem, type DriftLevel, type DriftReport } from './drift';
import { compareText, inReliefOrder, taxGroup, type LotChoice } from './lot-order';
import {
  GeneratorError,
  type BuyAsset,
  type BuyDraft,
  type ClassPlan,
  type Context,
  type GeneratorInput,
  type GeneratorResult,
  type OpenLotInput,
  type Priority,
  type PricedHolding,
  type SellDraft,
  type Suggestion,
  type SuggestionLot,
} from './suggestion-model';
import { bandText, buyReason, sellReason } from './suggestion-wording';
import { CASH_CLASS, classValues } from './what-if';

export {
  GeneratorError,
  type CatalogueAsset,
  type GeneratorHolding,
  type GeneratorInput,
  type GeneratorResult,
  type OpenLotInput,
  type Priority,
  type Strategy,
  type Suggestion,
  type SuggestionLot,
  type TaxImplication,
} from './suggestion-model';

const ZERO = new Big(0);
const HUNDREDTH = new Big('0.01');

// Units for a value are cut at 8 places, the scale of a quantity, or to whole units. Constructors
// of their own, so the cut hangs neither on big.js's global Big.DP and Big.RM nor on a second rounding.
const FractionalDown = unitsConstructor(8, Big.roundDown);
const FractionalUp = unitsConstructor(8, Big.roundUp);
const WholeDown = unitsConstructor(0, Big.roundDown);
const WholeUp = unitsConstructor(0, Big.roundUp);

const PRIORITY_OF: Record<DriftLevel, Priority> = { CRITICAL: 'HIGH', WARNING: 'MEDIUM', WITHIN_TOLERANCE: 'LOW' };
const PRIORITY_RANK: Record<Priority, number> = { HIGH: 0, MEDIUM: 1, LOW: 2 };

/**
 * Trades that bring a portfolio back to its targets (TO_TARGET) or just inside its bands (TO_BAND),
 * investing a deposit or raising a withdrawal on the way.
 *
 * Every class, cash included, gets a goal at the total after the cash flow: a class outside its
 * band its target or nearest band edge, a class inside it the value it has; cash counts with its
 * balance before the cash flow, so a deposit is invested and a withdrawal raised. Whatever the
 * goals do not add up to the total is then moved toward the targets, cash first (no trade is
 * cheaper than leaving cash where it is), then over the other classes in proportion to how far
 * each is from its target, never past it. With targets adding up to 100 that always closes the gap
 * and no class ends farther from its target than it started; only without sells may it not, and
 * then purchases are cut in proportion to the underweights.
 *
 * Goals turn into value to sell or buy per class; sells come first and pay, with cash and the cash
 * flow, for the buys, which are cut to what there is, so cash never ends below zero. Units are
 * value / price cut to 8 places or to whole units, with one unit more where a class would
 * otherwise miss its band by the cut.
 */
export function generateSuggestions(input: GeneratorInput): GeneratorResult {
  const { before, ctx } = contextOf(input);
  const plans = settle(
    before.items.map((item) => planOf(item, ctx)),
    ctx,
  );

  const sells = draftSells(plans, ctx);
  const cashAfterSells = input.cash.plus(input.cashFlow).plus(sumOf(sells.kept.map(valueOfSell)));
  const buys = draftBuys(plans, cashAfterSells, sells.leftOut > 0, ctx);
  warnOfMissedBands(plans, sells.kept, buys.kept, sells.leftOut + buys.leftOut > 0, ctx);

  const suggestions = [...sells.kept.map((draft) => sellSuggestion(draft, ctx)), ...buys.kept.map((draft) => buySuggestion(draft, ctx))];
  return { suggestions: suggestions.sort(compareSuggestions), warnings: ctx.warnings };
}

/** A sale the solver chose: units of the holding's lots. */
export interface ChosenSell {
  assetId: string;
  lots: Array<{ lotId: string; quantity: Big }>;
}

/** A purchase the solver chose: units of an asset, or value to buy into a class with no asset to buy (assetId null). */
export interface ChosenBuy {
  assetType: string;
  assetId: string | null;
  quantity: Big | null;
  value: Big;
  /** The symbol of the asset it is bought instead of, one sold at a loss in the last 30 days. */
  insteadOf: string | null;
}

/**
 * Trades chosen elsewhere (the household solver, for a portfolio planned as a household of one)
 * told as the generator tells its own: priorities from the drift before, gains and terms per lot,
 * the ledger's wash-sale answers and the same reasons, in the same order. The trades are taken as
 * they are: nothing is added, cut or rounded.
 */
export function describeTrades(input: GeneratorInput, trades: { sells: ChosenSell[]; buys: ChosenBuy[] }): GeneratorResult {
  const { before, ctx } = contextOf(input);
  const plans = new Map(before.items.map((item) => [item.assetType, planOf(item, ctx)]));
  const holdings = new Map(input.holdings.map((holding) => [holding.assetId, holding]));
  const planFor = (assetType: string) => {
    const plan = plans.get(assetType);
    if (!plan) throw new Error(`describeTrades: no drift item for ${assetType}`);
    return plan;
  };
  const sells = trades.sells.map((sell): Suggestion => {
    const holding = holdings.get(sell.assetId);
    if (!holding?.price) throw new Error(`describeTrades: ${sell.assetId} is not a priced holding`);
    const lots = new Map(holding.lots.map((lot) => [lot.lotId, lot]));
    // Each piece stands for the units sold of its lot, at their share of its basis, so relief takes exactly those.
    const pieces = sell.lots.map(({ lotId, quantity }) => {
      const lot = lots.get(lotId);
      if (!lot || quantity.gt(lot.quantity)) throw new Error(`describeTrades: ${lotId} cannot sell ${quantity.toFixed()}`);
      return { ...lot, quantity, costBasis: proportion(lot.costBasis, quantity, lot.quantity) };
    });
    const quantity = sumOf(pieces.map((piece) => piece.quantity));
    return sellSuggestion({ plan: planFor(holding.assetType), holding: { ...holding, price: holding.price }, lots: pieces, quantity }, ctx);
  });
  const buys = trades.buys.map((buy): Suggestion => {
    const asset = buy.assetId === null ? null : buyAssetOf(buy.assetId, ctx);
    if (buy.assetId !== null && !asset) throw new Error(`describeTrades: ${buy.assetId} has no price to buy at`);
    return buySuggestion({ plan: planFor(buy.assetType), asset: asset ?? null, insteadOf: buy.insteadOf, value: buy.value, quantity: buy.quantity }, ctx);
  });
  return { suggestions: [...sells, ...buys].sort(compareSuggestions), warnings: ctx.warnings };
}

/**
 * The input validated and the drift before the trades, with the total the cash flow leaves; a
 * withdrawal beyond the portfolio, or one that needs sells when none are allowed, is refused.
 */
export function checkedStart(input: GeneratorInput): { before: DriftReport; totalAfter: Big } {
  validate(input);
  const before = computeDrift(classValues(input.holdings, input.cash), input.targets, input.untargetedBand);
  const totalAfter = before.totalValue.plus(input.cashFlow);
  if (totalAfter.lt(0)) {
    throw new GeneratorError(
      'cashFlow',
      `Withdrawing ${toDecimalString(input.cashFlow.abs())} is more than the portfolio is worth, ${toDecimalString(before.totalValue)}.`,
    );
  }
  if (!input.allowSells && input.cash.plus(input.cashFlow).lt(0)) {
    throw new GeneratorError(
      'cashFlow',
      `Withdrawing ${toDecimalString(input.cashFlow.abs())} needs sells, which are not allowed, as cash is only ${toDecimalString(input.cash)}.`,
    );
  }
  return { before, totalAfter };
}

/** The drift before the trades and the generator's context. */
function contextOf(input: GeneratorInput): { before: DriftReport; ctx: Context } {
  const { before, totalAfter } = checkedStart(input);
  const ctx: Context = {
    input,
    taxable: !isTaxAdvantaged(input.accountType ?? DEFAULT_ACCOUNT_TYPE),
    totalAfter,
    unit: new Big(input.fractional ? '1e-8' : '1'),
    washSales: washSaleOutlook(input.washSaleLots, input.now),
    targets: new Map(input.targets.map((target) => [target.assetType, target])),
    warnings: input.holdings
      .filter((holding) => holding.price === null && holding.quantity.gt(0))
      .map((holding) => `${holding.symbol} has no price, so it counts as 0 and is not traded.`),
  };
  return { before, ctx };
}

function validate(input: GeneratorInput): void {
  if (input.minTradeValue.lt(0)) throw new GeneratorError('minTradeValue', 'The minimum trade value cannot be negative.');
  const total = sumOf(input.targets.map((target) => target.targetPercentage));
  if (!total.eq(100)) throw new GeneratorError('targets', `The target percentages add up to ${toDecimalString(total)}, not 100.`);
  const ids = new Set(input.holdings.map((holding) => holding.assetId));
  if (ids.size !== input.holdings.length) throw new Error('generateSuggestions: one holding per asset');
  for (const holding of input.holdings) {
    if (!sumOf(holding.lots.map((lot) => lot.quantity)).eq(holding.quantity)) {
      throw new Error(`generateSuggestions: the lots of ${holding.assetId} do not add up to its quantity`);
    }
  }
}

function planOf(item: DriftItem, ctx: Context): ClassPlan {
  const { allowSells, cash, cashFlow, strategy } = ctx.input;
  const isCash = item.assetType === CASH_CLASS;
  const at = (percentage: Big) => ctx.totalAfter.times(percentage).times(HUNDREDTH);
  const start = item.currentValue;
  const target = at(item.targetPercentage);
  const lowerPercentage = item.targetPercentage.minus(item.tolerancePercentage);
  const lower = lowerPercentage.gt(0) ? at(lowerPercentage) : ZERO;
  const upper = at(item.targetPercentage.plus(item.tolerancePercentage));
  const outside = start.lt(lower) || start.gt(upper);
  const aim = !outside ? start : strategy === 'TO_TARGET' ? target : start.gt(upper) ? upper : lower;
  const floor = isCash || allowSells ? ZERO : start;
  // Without sells, cash can only be spent, so it ends at most where the cash flow leaves it.
  const ceiling = isCash && !allowSells ? cash.plus(cashFlow) : null;
  const goal = clamp(aim, floor, ceiling);
  const plan = { assetType: item.assetType, item, targeted: ctx.targets.has(item.assetType), start, target, lower, upper, outside, goal, floor, ceiling };
  if (isCash && ceiling?.lt(lower)) {
    ctx.warnings.push(`cash ends under its band (${bandText(plan)}), as sells are not allowed to raise it.`);
  } else if (!isCash && !goal.eq(aim)) {
    ctx.warnings.push(
      plan.targeted
        ? `${item.assetType} is over its band (${bandText(plan)}), but sells are not allowed, so it is not reduced.`
        : `${item.assetType} has no target, but sells are not allowed, so it is kept.`,
    );
  }
  return plan;
}

/** The plans with their goals moved until they add up to the total after the cash flow; the plans given are left as they are. */
function settle(plans: ClassPlan[], ctx: Context): ClassPlan[] {
  const gap = ctx.totalAfter.minus(sumOf(plans.map((plan) => plan.goal)));
  // Money no class may take toward its target can only have come from not selling, so it stays in cash.
  if (gap.gt(0)) return shift(plans, gap, 1, roomUp).plans;
  if (!gap.lt(0)) return plans;

  const down = shift(plans, gap.neg(), -1, roomDown);
  const short = down.left;
  if (short.eq(0)) return down.plans;
  const wanted = sumOf(down.plans.map(roomToCut));
  const cut = shift(down.plans, short, -1, roomToCut).plans;
  ctx.warnings.push(
    `Without sells, cash pays for ${toDecimalString(wanted.minus(short))} of the ${toDecimalString(wanted)} reaching the targets needs, so purchases are cut in proportion to the underweights.`,
  );
  return cut;
}

/**
 * Moves goals by amount in total, each by at most its room: cash first, then the other classes in
 * proportion to their rooms. Returns new plans with the moved goals, and what no room was left for.
 */
function shift(plans: ClassPlan[], amount: Big, sign: 1 | -1, roomOf: (plan: ClassPlan) => Big): { plans: ClassPlan[]; left: Big } {
  const moved = plans.map((plan) => ({ ...plan }));
  let left = amount;
  const move = (plan: ClassPlan, by: Big) => {
    plan.goal = sign > 0 ? plan.goal.plus(by) : plan.goal.minus(by);
    left = left.minus(by);
  };
  const cash = moved.find(isCashPlan);
  if (cash) move(cash, minOf(left, roomOf(cash)));

  const others = moved.filter((plan) => !isCashPlan(plan) && roomOf(plan).gt(0));
  const rooms = others.map(roomOf);
  const whole = sumOf(rooms);
  if (left.eq(0) || whole.eq(0)) return { plans: moved, left };
  const shares = left.gte(whole) ? rooms : allocate(left, rooms).map((share, i) => minOf(share, rooms[i]));
  others.forEach((plan, i) => move(plan, shares[i]));
  // allocate's last share is a remainder and may pass its room by a few 1e-10s; they go where room is left.
  for (const plan of others) move(plan, minOf(left, roomOf(plan)));
  return { plans: moved, left };
}

function roomUp(plan: ClassPlan): Big {
  return positive((plan.ceiling === null ? plan.target : minOf(plan.target, plan.ceiling)).minus(plan.goal));
}

function roomDown(plan: ClassPlan): Big {
  return positive(plan.goal.minus(maxOf(plan.target, plan.floor)));
}

function roomToCut(plan: ClassPlan): Big {
  return isCashPlan(plan) ? ZERO : positive(plan.goal.minus(plan.start));
}

function draftSells(plans: ClassPlan[], ctx: Context): { kept: SellDraft[]; leftOut: number } {
  const drafts = plans.filter((plan) => !isCashPlan(plan) && plan.goal.lt(plan.start)).flatMap((plan) => draftClassSell(plan, ctx));
  const kept = drafts.filter((draft) => draft.quantity.gt(0) && !valueOfSell(draft).lt(ctx.input.minTradeValue));
  const reserve = drafts.filter((draft) => !kept.includes(draft));

  // Sells worth too little to keep, or cut to nothing, may still be needed to raise a withdrawal beyond cash.
  let short = ctx.input.cash
    .plus(ctx.input.cashFlow)
    .plus(sumOf(kept.map(valueOfSell)))
    .neg();
  for (const draft of [...kept, ...reserve]) {
    if (!short.gt(0)) break;
    const reinstated = !kept.includes(draft);
    // What this sell must be worth for cash to reach zero; a kept one is already counted in short.
    const needed = reinstated ? short : short.plus(valueOfSell(draft));
    if (valueOfSell(draft).lt(needed)) {
      const more = unitsFor(needed.minus(valueOfSell(draft)), draft.holding.price, ctx.input.fractional, 'up');
      draft.quantity = minOf(draft.holding.quantity, draft.quantity.plus(more));
    }
    if (!draft.quantity.gt(0)) continue;
    short = needed.minus(valueOfSell(draft));
    if (!reinstated) continue;
    kept.push(draft);
    if (valueOfSell(draft).lt(ctx.input.minTradeValue)) {
      ctx.warnings.push(
        `Selling ${toDecimalString(valueOfSell(draft))} of ${draft.holding.symbol}, under the minimum trade value of ${toDecimalString(ctx.input.minTradeValue)}, is kept to raise the withdrawal.`,
      );
    }
  }
  const leftOut = reserve.filter((draft) => draft.quantity.gt(0) && !kept.includes(draft));
  for (const draft of leftOut) {
    ctx.warnings.push(
      `Selling ${toDecimalString(valueOfSell(draft))} of ${draft.holding.symbol} is under the minimum trade value of ${toDecimalString(ctx.input.minTradeValue)}, so it is left out.`,
    );
  }
  return { kept, leftOut: leftOut.length };
}

/**
 * Splits the value to sell over the class's lots in relief order, then cuts each holding's share to
 * units; a share covering the whole holding sells every unit, so no dust is left.
 */
function draftClassSell(plan: ClassPlan, ctx: Context): SellDraft[] {
  const { fractional, taxAware } = ctx.input;
  const choices = inReliefOrder(
    ctx.input.holdings
      .filter((holding): holding is PricedHolding => holding.assetType === plan.assetType && holding.price !== null)
      .flatMap((holding) => holding.lots.map((lot) => lotChoice(holding, lot, ctx)))
      .filter((choice) => choice.value.gt(ZERO)),
    // Which lot a sale relieves changes no tax in a tax-advantaged account.
    taxAware && ctx.taxable,
  );

  const shares = new Map<PricedHolding, Big>();
  let remaining = plan.start.minus(plan.goal);
  let last: PricedHolding | undefined;
  for (const choice of choices) {
    if (remaining.eq(ZERO)) break;
    const take = minOf(choice.value, remaining);
    shares.set(choice.holding, (shares.get(choice.holding) ?? ZERO).plus(take));
    remaining = remaining.minus(take);
    last = choice.holding;
  }

  const drafts = [...shares].map(([holding, share]): SellDraft => {
    const all = !share.lt(holding.quantity.times(holding.price));
    return {
      plan,
      holding,
      lots: choices.filter((choice) => choice.holding === holding).map((choice) => choice.lot),
      quantity: all ? holding.quantity : unitsFor(share, holding.price, fractional, 'down'),
    };
  });

  // Cutting to units leaves each holding at most one unit short; where that keeps the class over its band, one more unit
  // is sold, first from the holding the split ended in, whose next lot in relief order is the one it stopped in.
  let after = plan.start.minus(sumOf(drafts.map(valueOfSell)));
  for (const draft of [...drafts].sort((a, b) => Number(b.holding === last) - Number(a.holding === last))) {
    const more = minOf(ctx.unit, draft.holding.quantity.minus(draft.quantity));
    const lower = after.minus(more.times(draft.holding.price));
    if (!after.gt(plan.upper) || !more.gt(0) || lower.lt(plan.lower)) continue;
    draft.quantity = draft.quantity.plus(more);
    after = lower;
  }
  return drafts;
}

function lotChoice(holding: PricedHolding, lot: OpenLotInput, ctx: Context): LotChoice {
  const value = lot.quantity.times(holding.price);
  const gain = value.minus(lot.costBasis);
  const blocked =
    ctx.input.taxAware && ctx.taxable && gain.lt(ZERO) && disallowances(ctx, holding.assetId, [{ lotId: lot.lotId, quantity: lot.quantity, gain }])[0].gt(0);
  const term = termOf(lot.holdingPeriodStart, ctx.input.now);
  return { holding, lot, value, gain, term, blocked, group: taxGroup(blocked, gain, term), ratioKey: 0n };
}

function draftBuys(plans: ClassPlan[], available: Big, sellsLeftOut: boolean, ctx: Context): { kept: BuyDraft[]; leftOut: number } {
  const { fractional, minTradeValue } = ctx.input;
  const bought = plans.filter(isBought);
  const wanted = bought.map((plan) => plan.goal.minus(plan.start));
  const total = sumOf(wanted);
  const budget = positive(available);
  const values = total.gt(budget) ? allocate(budget, wanted) : wanted;
  if (total.gt(budget) && sellsLeftOut) {
    ctx.warnings.push(`Purchases are cut to ${toDecimalString(budget)}, what cash and the sells kept pay for, as some sells are left out.`);
  }

  const drafts = bought.map((plan, i): BuyDraft => {
    const { asset, insteadOf } = buyDestination(plan, ctx);
    const quantity = asset && unitsFor(values[i], asset.price, fractional, 'down');
    return { plan, asset, insteadOf, value: asset && quantity ? quantity.times(asset.price) : values[i], quantity };
  });

  // As with sells, one more unit where the cut alone leaves a class under its band, if cash stays within its own.
  const cashPlan = plans.find(isCashPlan);
  let cash = available.minus(sumOf(drafts.map((draft) => draft.value)));
  for (const draft of drafts) {
    const { plan } = draft;
    if (!draft.asset || !draft.quantity || plan.goal.lt(plan.lower) || !plan.start.plus(draft.value).lt(plan.lower)) continue;
    const cost = ctx.unit.times(draft.asset.price);
    if (cash.minus(cost).lt(cashPlan?.lower ?? ZERO)) continue;
    draft.quantity = draft.quantity.plus(ctx.unit);
    draft.value = draft.value.plus(cost);
    cash = cash.minus(cost);
  }

  const leftOut = drafts.filter((draft) => draft.value.gt(0) && draft.value.lt(minTradeValue));
  for (const draft of leftOut) {
    ctx.warnings.push(
      `Buying ${toDecimalString(draft.value)} of ${draft.asset?.symbol ?? draft.plan.assetType} is under the minimum trade value of ${toDecimalString(minTradeValue)}, so it is left out.`,
    );
  }
  return { kept: drafts.filter((draft) => draft.value.gt(0) && !draft.value.lt(minTradeValue)), leftOut: leftOut.length };
}

/**
 * The class's preferred asset, else its largest holding by value, else no asset. A tax-aware plan
 * passes over an asset whose purchase now the ledger would take as a wash-sale replacement (of a loss
 * sale in the last 30 days not yet replaced) for the next holding or another asset of the class in
 * the catalogue, and buys it anyway only when there is none.
 */
function buyDestination(plan: ClassPlan, ctx: Context): Pick<BuyDraft, 'asset' | 'insteadOf'> {
  const { holdings, catalogue, taxAware } = ctx.input;
  const preferredId = ctx.targets.get(plan.assetType)?.preferredAssetId ?? null;
  const preferred = preferredId === null ? undefined : buyAssetOf(preferredId, ctx);
  if (preferredId !== null && !preferred) {
    ctx.warnings.push(`${preferredId}, the preferred ${plan.assetType} asset, has no price, so it is not bought.`);
  }
  const held = holdings
    .filter((holding): holding is PricedHolding => holding.assetType === plan.assetType && holding.price !== null && holding.price.gt(0))
    .sort((a, b) => b.quantity.times(b.price).cmp(a.quantity.times(a.price)) || compareText(a.assetId, b.assetId))
    .map((holding) => ({ assetId: holding.assetId, symbol: holding.symbol, price: holding.price, held: holding.quantity }));
  const usual = [...(preferred ? [preferred] : []), ...held.filter((asset) => asset.assetId !== preferredId)];
  if (usual.length === 0) {
    ctx.warnings.push(`No ${plan.assetType} asset is preferred or held, so the ${plan.assetType} to buy is suggested without an asset.`);
    return { asset: null, insteadOf: null };
  }
  if (!taxAware) return { asset: usual[0], insteadOf: null };

  const others = catalogue
    .filter((asset) => asset.assetType === plan.assetType && !usual.some((known) => known.assetId === asset.assetId))
    .sort((a, b) => compareText(a.symbol, b.symbol) || compareText(a.assetId, b.assetId))
    .flatMap((asset) => buyAssetOf(asset.assetId, ctx) ?? []);
  const clean = [...usual, ...others].find((asset) => !buyWouldWash(ctx, asset.assetId));
  return clean ? { asset: clean, insteadOf: clean === usual[0] ? null : usual[0].symbol } : { asset: usual[0], insteadOf: null };
}

function buyAssetOf(assetId: string, ctx: Context): BuyAsset | undefined {
  const holding = ctx.input.holdings.find((candidate) => candidate.assetId === assetId);
  const listed = ctx.input.catalogue.find((candidate) => candidate.assetId === assetId);
  const price = holding?.price ?? listed?.price ?? null;
  const symbol = holding?.symbol ?? listed?.symbol;
  if (price === null || !price.gt(0) || symbol === undefined) return undefined;
  return { assetId, symbol, price, held: holding?.quantity ?? ZERO };
}

function warnOfMissedBands(plans: ClassPlan[], sells: SellDraft[], buys: BuyDraft[], tradesLeftOut: boolean, ctx: Context): void {
  if (ctx.input.fractional || tradesLeftOut) return;
  for (const plan of plans.filter((candidate) => !isCashPlan(candidate) && !candidate.goal.eq(candidate.start))) {
    const sold = sumOf(sells.filter((draft) => draft.plan === plan).map(valueOfSell));
    const bought = sumOf(buys.filter((draft) => draft.plan === plan).map((draft) => draft.value));
    const after = plan.start.minus(sold).plus(bought);
    const goalInBand = !plan.goal.lt(plan.lower) && !plan.goal.gt(plan.upper);
    if (goalInBand && (after.lt(plan.lower) || after.gt(plan.upper))) {
      ctx.warnings.push(`Whole units cannot bring ${plan.assetType} inside its band (${bandText(plan)}); the trades come as close as they can.`);
    }
  }
}

function sellSuggestion(draft: SellDraft, ctx: Context): Suggestion {
  const { holding, quantity } = draft;
  const lots: SuggestionLot[] = [];
  let remaining = quantity;
  for (const lot of draft.lots) {
    if (remaining.eq(0)) break;
    const relieved = minOf(lot.quantity, remaining);
    const gain = relieved.times(holding.price).minus(proportion(lot.costBasis, relieved, lot.quantity));
    lots.push({ lotId: lot.lotId, quantity: relieved, gain, term: termOf(lot.holdingPeriodStart, ctx.input.now), washSaleDisallowed: ZERO });
    remaining = remaining.minus(relieved);
  }
  // A sale inside a tax-advantaged account realizes nothing reportable, and no wash-sale rule applies to its loss.
  if (ctx.taxable) disallowances(ctx, holding.assetId, lots).forEach((disallowed, i) => (lots[i].washSaleDisallowed = disallowed));
  const gainOf = (term: Term) => (ctx.taxable ? sumOf(lots.filter((lot) => lot.term === term).map((lot) => lot.gain)) : ZERO);
  const estimatedRealizedGain = { shortTerm: gainOf('SHORT'), longTerm: gainOf('LONG') };
  const total = estimatedRealizedGain.shortTerm.plus(estimatedRealizedGain.longTerm);
  const atLoss = ctx.taxable && lots.some((lot) => lot.gain.lt(0));
  const washSale = lots.some((lot) => lot.washSaleDisallowed.gt(0));
  const taxLossHarvesting = atLoss && !washSale;

  return {
    assetId: holding.assetId,
    symbol: holding.symbol,
    assetType: holding.assetType,
    action: 'SELL',
    quantity,
    currentQuantity: holding.quantity,
    suggestedQuantity: holding.quantity.minus(quantity),
    price: holding.price,
    estimatedValue: valueOfSell(draft),
    priority: PRIORITY_OF[draft.plan.item.driftLevel],
    taxImplication: total.gt(0) ? 'GAIN' : total.lt(0) ? 'LOSS' : 'NEUTRAL',
    lots,
    estimatedRealizedGain,
    taxLossHarvesting,
    washSale,
    reason: sellReason(draft.plan, ctx, holding.symbol, washSale, taxLossHarvesting),
  };
}

function buySuggestion(draft: BuyDraft, ctx: Context): Suggestion {
  const { asset, plan } = draft;
  const washSale = asset !== null && buyWouldWash(ctx, asset.assetId);
  return {
    assetId: asset?.assetId ?? null,
    symbol: asset?.symbol ?? null,
    assetType: plan.assetType,
    action: 'BUY',
    quantity: draft.quantity,
    currentQuantity: asset?.held ?? ZERO,
    suggestedQuantity: asset && draft.quantity ? asset.held.plus(draft.quantity) : ZERO,
    price: asset?.price ?? null,
    estimatedValue: draft.value,
    priority: PRIORITY_OF[plan.item.driftLevel],
    taxImplication: 'NEUTRAL',
    lots: [],
    estimatedRealizedGain: { shortTerm: ZERO, longTerm: ZERO },
    taxLossHarvesting: false,
    washSale,
    reason: buyReason(plan, ctx, asset, draft.insteadOf, washSale),
  };
}

function compareSuggestions(a: Suggestion, b: Suggestion): number {
  return (
    PRIORITY_RANK[a.priority] - PRIORITY_RANK[b.priority] ||
    (a.action === b.action ? 0 : a.action === 'SELL' ? -1 : 1) ||
    b.estimatedValue.cmp(a.estimatedValue) ||
    compareText(a.symbol, b.symbol) ||
    compareText(a.assetType, b.assetType) ||
    compareText(a.assetId, b.assetId)
  );
}

/** The ledger's wash-sale answer for buying the asset now: it would replace shares sold at a loss. */
function buyWouldWash(ctx: Context, assetId: string): boolean {
  return purchaseWouldReplace(ctx.input.unreplacedLosses, assetId, ctx.input.now);
}

/** The ledger's wash-sale answer for selling these lots of the asset now. */
function disallowances(ctx: Context, assetId: string, reliefs: Array<Pick<SuggestionLot, 'lotId' | 'quantity' | 'gain'>>): Big[] {
  return washSaleDisallowances(ctx.washSales, assetId, reliefs);
}

function unitsFor(value: Big, price: Big, fractional: boolean, rounding: 'down' | 'up'): Big {
  const Units = fractional ? (rounding === 'down' ? FractionalDown : FractionalUp) : rounding === 'down' ? WholeDown : WholeUp;
  return new Big(new Units(value).div(price));
}

function unitsConstructor(places: number, rounding: Big.RoundingMode): Big.BigConstructor {
  const Units = Big();
  Units.DP = places;
  Units.RM = rounding;
  return Units;
}

function valueOfSell(draft: SellDraft): Big {
  return draft.quantity.times(draft.holding.price);
}

function isCashPlan(plan: ClassPlan): boolean {
  return plan.assetType === CASH_CLASS;
}

function isBought(plan: ClassPlan): boolean {
  return !isCashPlan(plan) && plan.goal.gt(plan.start);
}

function clamp(value: Big, floor: Big, ceiling: Big | null): Big {
  const raised = maxOf(value, floor);
  return ceiling === null ? raised : minOf(raised, ceiling);
}

function minOf(a: Big, b: Big): Big {
  return a.lt(b) ? a : b;
}

function maxOf(a: Big, b: Big): Big {
  return a.gt(b) ? a : b;
}

function positive(value: Big): Big {
  return value.gt(0) ? value : ZERO;
}
