import { Big, toDecimalString } from '../../common/decimal/decimal';
import { shiftDays } from '../../portfolio/domain/dates';
import { sumOf } from '../../common/decimal/decimal';
import type { UnreplacedLoss, WashSaleLot } from '../../portfolio/domain/wash-sales';
import type { ClassValue } from './drift';
import { utcDay } from '../../portfolio/domain/dates';
import type { CatalogueAsset, GeneratorHolding, GeneratorInput, OpenLotInput, Strategy, Suggestion } from './suggestions';
import type { RecentActivity } from './wash-sale-window';

type Amount = string;

export const NOW = new Date('2026-03-02T15:00:00Z');

export const d = (value: Amount): Big => new Big(value);

export function daysAgo(days: number): Date {
  return shiftDays(NOW, -days);
}

export function lot(lotId: string, quantity: Amount, costBasis: Amount, start: string): OpenLotInput {
  return { lotId, quantity: d(quantity), costBasis: d(costBasis), holdingPeriodStart: new Date(`${start}T00:00:00Z`) };
}

/** A holding with symbol = upper-case id; without lots, one long-term lot `${id}-1` bought at 80% of the price. */
export function held(assetId: string, assetType: string, quantity: Amount, price: Amount | null, lots?: OpenLotInput[]): GeneratorHolding {
  const basis = price === null ? d('0') : d(quantity).times(price).times('0.8');
  return {
    assetId,
    symbol: assetId.toUpperCase(),
    assetType,
    quantity: d(quantity),
    price: price === null ? null : d(price),
    lots: lots ?? [lot(`${assetId}-1`, quantity, basis.toFixed(), '2020-01-02')],
  };
}

export interface GeneratorWorld {
  holdings: GeneratorHolding[];
  cash: Amount;
  targets: Record<string, Amount>;
  band?: Amount;
  preferred?: Record<string, string>;
  /** Assets in the catalogue besides those held (which are in it too): id → class and price. */
  catalogue?: Record<string, { assetType: string; price: Amount | null }>;
  strategy?: Strategy;
  allowSells?: boolean;
  cashFlow?: Amount;
  minTradeValue?: Amount;
  fractional?: boolean;
  taxAware?: boolean;
  recent?: RecentActivity[];
}

/** Defaults: TO_TARGET, sells allowed, fractional, tax-aware, no cash flow, no minimum, nothing recent. */
export function givenGenerator(world: GeneratorWorld): GeneratorInput {
  const catalogue: CatalogueAsset[] = [
    ...world.holdings.map((h) => ({ assetId: h.assetId, symbol: h.symbol, assetType: h.assetType, price: h.price })),
    ...Object.entries(world.catalogue ?? {}).map(([assetId, { assetType, price }]) => ({
      assetId,
      symbol: assetId.toUpperCase(),
      assetType,
      price: price === null ? null : d(price),
    })),
  ];
  return {
    holdings: world.holdings,
    cash: d(world.cash),
    targets: Object.entries(world.targets).map(([assetType, target]) => ({
      assetType,
      targetPercentage: d(target),
      tolerancePercentage: d(world.band ?? '5'),
      relativeTolerancePercentage: null,
      preferredAssetId: world.preferred?.[assetType] ?? null,
    })),
    catalogue,
    strategy: world.strategy ?? 'TO_TARGET',
    allowSells: world.allowSells ?? true,
    cashFlow: d(world.cashFlow ?? '0'),
    minTradeValue: d(world.minTradeValue ?? '0'),
    fractional: world.fractional ?? true,
    taxAware: world.taxAware ?? true,
    now: NOW,
    washSaleLots: washSaleLotsOf(world.holdings, world.recent ?? []),
    unreplacedLosses: unreplacedLossesOf(world.recent ?? []),
  };
}

/** The ledger's view of the recent loss sales: 1,000,000 shares of each that no purchase replaced yet. */
export function unreplacedLossesOf(recent: RecentActivity[]): UnreplacedLoss[] {
  return recent
    .filter((activity) => activity.kind === 'LOSS_SALE')
    .map((activity) => ({ assetId: activity.assetId, saleDay: utcDay(activity.at), quantity: d('1000000') }));
}

/**
 * The ledger's view of the world: every lot held is a purchase of its own, and every recent BUY a
 * purchase of 1,000,000 more in another portfolio, enough to replace any loss whole.
 */
export function washSaleLotsOf(holdings: GeneratorHolding[], recent: RecentActivity[]): WashSaleLot[] {
  return [
    ...holdings.flatMap((h) =>
      h.lots.map((l) => ({ lotId: l.lotId, openedBy: l.lotId, assetId: h.assetId, quantity: l.quantity, acquiredAt: l.holdingPeriodStart, canReplace: true })),
    ),
    ...recent
      .filter((activity) => activity.kind === 'BUY')
      .map((activity, i) => ({
        lotId: `${activity.assetId}-bought-${i}`,
        openedBy: `${activity.assetId}-bought-${i}`,
        assetId: activity.assetId,
        quantity: d('1000000'),
        acquiredAt: activity.at,
        canReplace: true,
      })),
  ];
}

const text = (value: Big | null) => (value === null ? null : toDecimalString(value));

/** A suggestion with every figure as its exact decimal string, to compare whole. */
export function readable(suggestion: Suggestion) {
  return {
    ...suggestion,
    quantity: text(suggestion.quantity),
    currentQuantity: text(suggestion.currentQuantity),
    suggestedQuantity: text(suggestion.suggestedQuantity),
    price: text(suggestion.price),
    estimatedValue: text(suggestion.estimatedValue),
    lots: suggestion.lots.map((l) => ({ ...l, quantity: text(l.quantity), gain: text(l.gain), washSaleDisallowed: text(l.washSaleDisallowed) })),
    estimatedRealizedGain: { shortTerm: text(suggestion.estimatedRealizedGain.shortTerm), longTerm: text(suggestion.estimatedRealizedGain.longTerm) },
  };
}

/** The short form worked examples assert: who, what, how much. */
export function brief(suggestion: Suggestion) {
  return {
    action: suggestion.action,
    symbol: suggestion.symbol,
    quantity: text(suggestion.quantity),
    estimatedValue: text(suggestion.estimatedValue),
    priority: suggestion.priority,
  };
}

/** Cash after doing every SELL and then every BUY. */
export function cashAfter(input: GeneratorInput, suggestions: Suggestion[]): Big {
  const total = (action: Suggestion['action']) => sumOf(suggestions.filter((s) => s.action === action).map((s) => s.estimatedValue));
  return input.cash.plus(input.cashFlow).plus(total('SELL')).minus(total('BUY'));
}

/** Class values after the trades, cash included, priced as the drift report prices them. */
export function valuesAfter(input: GeneratorInput, suggestions: Suggestion[]): ClassValue[] {
  const signed = (s: Suggestion) => (s.action === 'BUY' ? s.estimatedValue : s.estimatedValue.neg());
  return [
    ...input.holdings.map((h) => ({ assetType: h.assetType, value: h.price === null ? d('0') : h.quantity.times(h.price) })),
    ...suggestions.map((s) => ({ assetType: s.assetType, value: signed(s) })),
    { assetType: 'cash', value: cashAfter(input, suggestions) },
  ];
}
