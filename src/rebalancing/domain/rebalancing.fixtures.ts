import { Big, toDecimalString } from '../../common/decimal/decimal';
import type { ClassValue, DriftReport, TargetBand } from './drift';
import type { Fill, Holding, TradeAction, WhatIfInput, WhatIfResult, WhatIfTrade } from './what-if';

type Amount = string;

export const d = (value: Amount): Big => new Big(value);

/** Class values by name: givenValues({ stock: '60000', bond: '30000', cash: '10000' }). */
export function givenValues(values: Record<string, Amount>): ClassValue[] {
  return Object.entries(values).map(([assetType, value]) => ({ assetType, value: d(value) }));
}

/** Targets by class, all with the same absolute band and no relative one unless given. */
export function givenTargets(targets: Record<string, Amount>, band: Amount = '5', relative: Amount | null = null): TargetBand[] {
  return Object.entries(targets).map(([assetType, target]) => ({
    assetType,
    targetPercentage: d(target),
    tolerancePercentage: d(band),
    relativeTolerancePercentage: relative === null ? null : d(relative),
  }));
}

/** A drift report with every figure as its exact decimal string, to compare whole. */
export function readableDrift(report: DriftReport) {
  return {
    totalValue: toDecimalString(report.totalValue),
    status: report.status,
    totalDrift: toDecimalString(report.totalDrift),
    items: report.items.map((item) => ({
      assetType: item.assetType,
      currentValue: toDecimalString(item.currentValue),
      currentPercentage: toDecimalString(item.currentPercentage),
      targetPercentage: toDecimalString(item.targetPercentage),
      tolerancePercentage: toDecimalString(item.tolerancePercentage),
      driftPercentage: toDecimalString(item.driftPercentage),
      driftLevel: item.driftLevel,
    })),
  };
}

export function holding(assetId: string, assetType: string, quantity: Amount, price: Amount | null): Holding {
  return { assetId, assetType, quantity: d(quantity), price: price === null ? null : d(price) };
}

export function trade(action: TradeAction, name: { assetId: string } | { assetType: string }, amount: { value: Amount } | { quantity: Amount }): WhatIfTrade {
  return { action, ...name, ...('value' in amount ? { value: d(amount.value) } : { quantity: d(amount.quantity) }) };
}

export interface WhatIfWorld {
  holdings: Holding[];
  cash: Amount;
  cashFlow?: Amount;
  preferred?: Record<string, string>;
  /** Assets in the catalogue besides those held, which are in it with their own class and price. */
  catalogue?: Record<string, { assetType: string; price: Amount | null }>;
}

export function givenWhatIf(world: WhatIfWorld, trades: WhatIfTrade[]): WhatIfInput {
  const catalogue = [
    ...world.holdings.map((h) => [h.assetId, { assetType: h.assetType, price: h.price }] as const),
    ...Object.entries(world.catalogue ?? {}).map(
      ([assetId, { assetType, price }]) => [assetId, { assetType, price: price === null ? null : d(price) }] as const,
    ),
  ];
  return {
    holdings: world.holdings,
    cash: d(world.cash),
    trades,
    cashFlow: d(world.cashFlow ?? '0'),
    preferredAssetByClass: new Map(Object.entries(world.preferred ?? {})),
    assetTypeOf: new Map(catalogue.map(([assetId, { assetType }]) => [assetId, assetType])),
    priceOf: new Map(catalogue.flatMap(([assetId, { price }]) => (price === null ? [] : [[assetId, price] as const]))),
  };
}

/** The successful result of a what-if, for specs that expect one. */
export function succeeded(result: WhatIfResult) {
  if (!result.ok) throw new Error(`expected the what-if to succeed, got ${result.error.field}: ${result.error.message}`);
  return result;
}

export function readableHoldings(holdings: Holding[]) {
  return holdings.map((h) => ({
    assetId: h.assetId,
    assetType: h.assetType,
    quantity: toDecimalString(h.quantity),
    price: h.price === null ? null : toDecimalString(h.price),
  }));
}

export function readableFills(fills: Fill[]) {
  return fills.map((fill) => ({ ...fill, quantity: fill.quantity === null ? null : toDecimalString(fill.quantity), value: toDecimalString(fill.value) }));
}
