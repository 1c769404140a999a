import { Big, sumOf, toDecimalString } from '../../common/decimal/decimal';
import { allocate } from '../../portfolio/domain/apportion';
import type { ClassValue } from './drift';

/** A look-through fund's share of one class: percentage > 0; one asset's shares sum to exactly 100. */
export interface ClassShare {
  assetType: string;
  percentage: Big;
}

export interface Holding {
  assetId: string;
  /** The asset's own class: all of its value when it has no class weights, and where class-level trades find it. */
  assetType: string;
  quantity: Big;
  /** null when no price is known. */
  price: Big | null;
  /** A look-through fund's breakdown; absent or empty: 100 % assetType. */
  classWeights?: readonly ClassShare[];
}

/** The most trades one what-if simulates; more is a 413 TOO_MANY_ITEMS. */
export const MAX_WHAT_IF_TRADES = 1000;

export type TradeAction = 'BUY' | 'SELL';

/** Names exactly one of assetType and assetId, and gives exactly one of value and quantity (validated before, defended here). */
export interface WhatIfTrade {
  assetType?: string;
  assetId?: string;
  action: TradeAction;
  value?: Big;
  quantity?: Big;
}

export interface Fill {
  tradeIndex: number;
  /** null for value bought into a class with no asset to hold it. */
  assetId: string | null;
  assetType: string;
  action: TradeAction;
  /** null when assetId is. */
  quantity: Big | null;
  /** Exactly quantity × price: what left cash for a BUY, or reached it for a SELL. */
  value: Big;
}

export interface WhatIfInput {
  holdings: Holding[];
  cash: Big;
  trades: WhatIfTrade[];
  /** A deposit > 0 or a withdrawal < 0, applied before the trades. */
  cashFlow: Big;
  /** Where a class-level BUY goes. */
  preferredAssetByClass: Map<string, string>;
  /** assetId → class for the assets in the catalogue, since a BUY may name an asset not held yet. */
  assetTypeOf: Map<string, string>;
  /** assetId → price for the assets in the catalogue that have one. */
  priceOf: Map<string, Big>;
  /** assetId → breakdown for the look-through funds among them, so one bought but not held is counted by its weights. */
  classWeightsOf?: Map<string, readonly ClassShare[]>;
}

export interface WhatIfError {
  /** The request field at fault, such as 'trades[2].value' or 'cashFlow'. */
  field: string;
  message: string;
}

export type WhatIfResult = { ok: true; holdingsAfter: Holding[]; cashAfter: Big; fills: Fill[]; warnings: string[] } | { ok: false; error: WhatIfError };

const ZERO = new Big(0);
const ONE = new Big(1);
const HUNDREDTH = new Big('0.01');
export const CASH_CLASS = 'cash';

// Units for a value are value / price cut toward zero at 8 places, the scale of a quantity, so a
// trade never moves more than was asked. A constructor of its own, so that cut does not hang on
// big.js's global Big.DP and Big.RM.
const Units = Big();
Units.DP = 8;
Units.RM = Big.roundDown;
const MIN_UNITS = new Big('0.00000001');

type PricedHolding = Holding & { price: Big };

interface Book {
  holdings: Map<string, Holding>;
  /** Ids of the holdings that stand for value bought into a class with no asset to hold it. */
  classLevel: Set<string>;
  cash: Big;
  fills: Fill[];
  warnings: string[];
}

interface Order {
  index: number;
  action: TradeAction;
  by: 'value' | 'quantity';
  amount: Big;
}

/**
 * Applies the cash flow, then the trades in order, to a copy of the holdings and cash. Every fill
 * moves exactly quantity × price between cash and a holding, so the total value changes by the
 * cash flow alone. Cash may end below zero, with a warning; the first trade that cannot happen
 * is an error.
 *
 * Rounding: a trade by value buys or sells value / price units cut toward zero at 8 places, and its
 * fill is worth exactly those units at the price, so it never moves more than was asked. Selling
 * the whole value of a holding sells every unit, leaving no dust. A class SELL first splits its
 * value over the class's priced holdings by their values with apportion's allocate (half-even at
 * 10 places, the last share the remainder, so the shares add up to the value), then turns each
 * share into units the same way.
 */
export function simulateWhatIf(input: WhatIfInput): WhatIfResult {
  const holdings = new Map(input.holdings.map((holding) => [holding.assetId, { ...holding }]));
  if (holdings.size !== input.holdings.length) throw new Error('simulateWhatIf: one holding per asset');

  const worth = sumOf(classValues(input.holdings, input.cash).map((row) => row.value));
  if (input.cashFlow.plus(worth).lt(0)) {
    const message = `Withdrawing ${toDecimalString(input.cashFlow.abs())} is more than the whole portfolio is worth, ${toDecimalString(worth)}.`;
    return { ok: false, error: { field: 'cashFlow', message } };
  }

  const book: Book = { holdings, classLevel: new Set(), cash: input.cash.plus(input.cashFlow), fills: [], warnings: [] };
  const overdrawnByCashFlow = book.cash.lt(0);
  for (const [index, trade] of input.trades.entries()) {
    const error = apply(book, input, trade, index);
    if (error) return { ok: false, error };
  }
  // Trades are how a withdrawal beyond cash gets funded, so it only warns when they have not.
  if (overdrawnByCashFlow && book.cash.lt(0)) {
    book.warnings.push(`cashFlow: withdrawing ${toDecimalString(input.cashFlow.abs())} leaves cash at ${toDecimalString(book.cash)} after the trades.`);
  }
  return { ok: true, holdingsAfter: [...book.holdings.values()], cashAfter: book.cash, fills: book.fills, warnings: book.warnings };
}

/**
 * One row per holding and class it counts in, and one for cash. A holding is worth quantity × price
 * (0 without a price); a look-through fund's worth is split by its weights, value × percentage / 100,
 * multiplied by 0.01 so the parts stay exact and add up to the whole.
 */
export function classValues(holdings: Holding[], cash: Big): ClassValue[] {
  return [
    ...holdings.flatMap((holding) => {
      const value = holding.price === null ? ZERO : holding.quantity.times(holding.price);
      const weights = holding.classWeights ?? [];
      if (weights.length === 0) return [{ assetType: holding.assetType, value }];
      return weights.map((weight) => ({ assetType: weight.assetType, value: value.times(weight.percentage).times(HUNDREDTH) }));
    }),
    { assetType: CASH_CLASS, value: cash },
  ];
}

function apply(book: Book, input: WhatIfInput, trade: WhatIfTrade, index: number): WhatIfError | undefined {
  const { assetId, assetType, action } = trade;
  const amount = amountOf(trade);
  if (!amount) return { field: `trades[${index}]`, message: 'A trade gives exactly one of value and quantity.' };
  const order: Order = { index, action, ...amount };
  if (order.amount.lte(0)) return { field: fieldOf(order, order.by), message: `The ${order.by} of a trade must be positive.` };

  if (assetId !== undefined && assetType === undefined) {
    return action === 'SELL' ? sellAsset(book, input, order, assetId) : buyAsset(book, input, order, assetId);
  }
  if (assetType !== undefined && assetId === undefined) {
    if (order.by === 'quantity') {
      return { field: fieldOf(order, 'quantity'), message: 'A quantity means nothing across the assets of a class; use value for a class-level trade.' };
    }
    return action === 'SELL' ? sellClass(book, order, assetType) : buyClass(book, input, order, assetType);
  }
  return { field: `trades[${index}]`, message: 'A trade names exactly one of assetId and assetType.' };
}

function amountOf(trade: WhatIfTrade): Pick<Order, 'by' | 'amount'> | undefined {
  if (trade.value !== undefined && trade.quantity === undefined) return { by: 'value', amount: trade.value };
  if (trade.quantity !== undefined && trade.value === undefined) return { by: 'quantity', amount: trade.quantity };
  return undefined;
}

function sellAsset(book: Book, input: WhatIfInput, order: Order, assetId: string): WhatIfError | undefined {
  const holding = book.holdings.get(assetId);
  if (!holding) return input.assetTypeOf.has(assetId) ? oversold(order, assetId, ZERO) : unknownAsset(order, assetId);
  const { price } = holding;
  if (price === null) return noPrice(order, assetId);
  const held = order.by === 'quantity' ? holding.quantity : holding.quantity.times(price);
  if (order.amount.gt(held)) return oversold(order, assetId, held);
  const units = order.by === 'quantity' ? order.amount : unitsToSell(holding, price, order.amount);
  if (units.eq(0)) return belowOneStep(order, assetId, oneStepAt(price));
  move(book, order, holding, price, units);
  return undefined;
}

function sellClass(book: Book, order: Order, assetType: string): WhatIfError | undefined {
  const members = [...book.holdings.values()].filter((holding) => holding.assetType === assetType);
  const priced = members.filter(hasPrice);
  if (members.length > 0 && priced.length === 0) return classWithoutPrices(order, assetType);

  const worths = priced.map(worthOf);
  const worth = sumOf(worths);
  if (order.amount.gt(worth)) {
    return {
      field: fieldOf(order, 'value'),
      message: `Selling ${toDecimalString(order.amount)} of ${assetType} needs that much held, but the class is worth only ${toDecimalString(worth)}.`,
    };
  }
  // The whole class sells every holding whole; allocate's 10-place shares could leave dust.
  const shares = order.amount.eq(worth) ? worths : allocate(order.amount, worths);
  const units = priced.map((holding, i) => unitsToSell(holding, holding.price, shares[i]));
  if (units.every((quantity) => quantity.eq(0))) {
    return belowOneStep(order, assetType, `its share of every ${assetType} holding is worth less than 0.00000001 units of it, the smallest quantity traded`);
  }
  // A share too small for one step of a holding leaves that holding alone rather than record an empty fill.
  priced.forEach((holding, i) => {
    if (units[i].gt(0)) move(book, order, holding, holding.price, units[i]);
  });

  const unpriced = members.filter((holding) => holding.price === null).map((holding) => holding.assetId);
  if (unpriced.length > 0) {
    book.warnings.push(
      `trades[${order.index}]: ${unpriced.join(', ')} ${unpriced.length === 1 ? 'has' : 'have'} no price and ${unpriced.length === 1 ? 'is' : 'are'} left out of the ${assetType} sale.`,
    );
  }
  return undefined;
}

function buyAsset(book: Book, input: WhatIfInput, order: Order, assetId: string): WhatIfError | undefined {
  const held = book.holdings.get(assetId);
  const assetType = held?.assetType ?? input.assetTypeOf.get(assetId);
  if (assetType === undefined) return unknownAsset(order, assetId);
  const price = held ? held.price : (input.priceOf.get(assetId) ?? null);
  if (price === null) return noPrice(order, assetId);
  return buy(book, order, held ?? openHolding(book, assetId, assetType, price, input.classWeightsOf?.get(assetId)), price, assetId);
}

/** To the class's preferred asset, else its largest holding by value, else to the class without an asset. */
function buyClass(book: Book, input: WhatIfInput, order: Order, assetType: string): WhatIfError | undefined {
  const preferred = input.preferredAssetByClass.get(assetType);
  if (preferred !== undefined) {
    const held = book.holdings.get(preferred);
    const price = held ? held.price : (input.priceOf.get(preferred) ?? null);
    if (price === null) {
      return { field: fieldOf(order, 'assetType'), message: `${preferred}, the preferred ${assetType} asset, has no price, so it cannot be bought.` };
    }
    return buy(book, order, held ?? openHolding(book, preferred, assetType, price, input.classWeightsOf?.get(preferred)), price, preferred);
  }

  const members = [...book.holdings.values()].filter((holding) => holding.assetType === assetType && !book.classLevel.has(holding.assetId));
  const priced = members.filter(hasPrice);
  if (members.length > 0 && priced.length === 0) return classWithoutPrices(order, assetType);
  // The first of equals, in holding order.
  const largest = priced.reduce<PricedHolding | undefined>((best, holding) => (best && !worthOf(holding).gt(worthOf(best)) ? best : holding), undefined);
  if (largest) return buy(book, order, largest, largest.price, largest.assetId);

  const id = `class:${assetType}`;
  book.classLevel.add(id);
  move(book, order, book.holdings.get(id) ?? openHolding(book, id, assetType, ONE), ONE, order.amount);
  book.warnings.push(
    `trades[${order.index}]: no ${assetType} asset is preferred or held, so ${toDecimalString(order.amount)} is counted as ${assetType} without an asset.`,
  );
  return undefined;
}

function buy(book: Book, order: Order, holding: Holding, price: Big, what: string): WhatIfError | undefined {
  const units = order.by === 'quantity' ? order.amount : unitsFor(order.amount, price);
  if (units.eq(0)) {
    // Left open by the refusal: an empty holding would otherwise show in the projection.
    if (holding.quantity.eq(0)) book.holdings.delete(holding.assetId);
    return belowOneStep(order, what, oneStepAt(price));
  }
  move(book, order, holding, price, units);
  return undefined;
}

/** Moves quantity × price between cash and the holding, and records the fill. */
function move(book: Book, order: Order, holding: Holding, price: Big, quantity: Big): void {
  const value = quantity.times(price);
  const buying = order.action === 'BUY';
  holding.quantity = buying ? holding.quantity.plus(quantity) : holding.quantity.minus(quantity);
  book.cash = buying ? book.cash.minus(value) : book.cash.plus(value);
  if (holding.quantity.eq(0)) book.holdings.delete(holding.assetId);

  const classLevel = book.classLevel.has(holding.assetId);
  book.fills.push({
    tradeIndex: order.index,
    assetId: classLevel ? null : holding.assetId,
    assetType: holding.assetType,
    action: order.action,
    quantity: classLevel ? null : quantity,
    value,
  });
  if (buying && book.cash.lt(0)) {
    const what = classLevel ? `class-level ${holding.assetType}` : holding.assetId;
    book.warnings.push(`trades[${order.index}]: buying ${toDecimalString(value)} of ${what} leaves cash at ${toDecimalString(book.cash)}.`);
  }
}

function openHolding(book: Book, assetId: string, assetType: string, price: Big, classWeights?: readonly ClassShare[]): Holding {
  const holding: Holding =
    classWeights && classWeights.length > 0 ? { assetId, assetType, quantity: ZERO, price, classWeights } : { assetId, assetType, quantity: ZERO, price };
  book.holdings.set(assetId, holding);
  return holding;
}

/** The units worth at most value; every unit once value covers the whole holding, so no dust is left. */
function unitsToSell(holding: Holding, price: Big, value: Big): Big {
  return value.gte(holding.quantity.times(price)) ? holding.quantity : unitsFor(value, price);
}

function unitsFor(value: Big, price: Big): Big {
  return new Big(new Units(value).div(price));
}

function worthOf(holding: PricedHolding): Big {
  return holding.quantity.times(holding.price);
}

function hasPrice(holding: Holding): holding is PricedHolding {
  return holding.price !== null;
}

function fieldOf(order: Order, name: string): string {
  return `trades[${order.index}].${name}`;
}

function oversold(order: Order, assetId: string, held: Big): WhatIfError {
  const message =
    order.by === 'quantity'
      ? `Selling ${toDecimalString(order.amount)} ${assetId} needs that many held, but only ${toDecimalString(held)} are held.`
      : `Selling ${toDecimalString(order.amount)} of ${assetId} needs that much held, but it is worth only ${toDecimalString(held)}.`;
  return { field: fieldOf(order, order.by), message };
}

/** Why a trade by value moves no units of an asset at this price. */
function oneStepAt(price: Big): string {
  return `the smallest quantity traded, 0.00000001, is worth ${toDecimalString(price.times(MIN_UNITS))} at ${toDecimalString(price)}`;
}

/** A trade by value too small for the smallest quantity traded (10^-8 units) would record an empty fill. */
function belowOneStep(order: Order, what: string, why: string): WhatIfError {
  const [verb, moved] = order.action === 'BUY' ? ['Buying', 'buy'] : ['Selling', 'sell'];
  return { field: fieldOf(order, 'value'), message: `${verb} ${toDecimalString(order.amount)} of ${what} would ${moved} no units: ${why}.` };
}

function unknownAsset(order: Order, assetId: string): WhatIfError {
  return { field: fieldOf(order, 'assetId'), message: `No asset ${assetId} is held or in the catalogue.` };
}

function noPrice(order: Order, assetId: string): WhatIfError {
  return { field: fieldOf(order, 'assetId'), message: `${assetId} has no price, so it cannot be traded by value or by quantity.` };
}

function classWithoutPrices(order: Order, assetType: string): WhatIfError {
  return { field: fieldOf(order, 'assetType'), message: `No ${assetType} holding has a price, so the class cannot be traded.` };
}
