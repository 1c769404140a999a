import { Big } from '../../../common/decimal/decimal';
import type { BuyColumn, HouseholdModel, SellColumn } from './model';

/** A trade of the plan in exact units, before its reason is written. */
export interface SellTrade {
  lotId: string;
  accountId: string;
  assetId: string;
  quantity: Big;
}

export interface BuyTrade {
  accountId: string;
  assetId: string;
  quantity: Big;
}

export interface ExactPlan {
  sells: SellTrade[];
  buys: BuyTrade[];
}

/** The scale of a quantity: the ledger stores units to 8 places. */
export const QUANTITY_SCALE = 8;
// A float within this share of a lot is the solver saying "all of it": selling out leaves no dust.
const SELL_OUT_SLACK = 1e-7;

/**
 * The solver's floating-point answer as exact units: sales rounded half-even to 8 places (or to
 * whole units), clamped to the lot, and a lot sold to within float noise sold out; buys rounded
 * down to 8 places (or to the nearest whole unit, which an integer column already is but for float
 * noise), since a buy rounded up could take cash the plan does not have. Zero trades are left out.
 */
export function toExactPlan(model: HouseholdModel, primal: ReadonlyMap<string, number>): ExactPlan {
  const whole = model.facts.problem.options.wholeUnits;
  const sells = model.sells.flatMap((column) => {
    const quantity = exactSale(column, primal.get(column.name) ?? 0, whole);
    return quantity.gt(0) ? [{ lotId: column.lot.id, accountId: column.lot.accountId, assetId: column.lot.assetId, quantity }] : [];
  });
  const buys = model.buys.flatMap((column: BuyColumn) => {
    const quantity = exactBuy(primal.get(column.name) ?? 0, whole);
    return quantity.gt(0) ? [{ accountId: column.accountId, assetId: column.assetId, quantity }] : [];
  });
  return { sells, buys };
}

function exactSale({ lot }: SellColumn, value: number, whole: boolean): Big {
  const held = lot.quantity;
  if (value >= held.toNumber() * (1 - SELL_OUT_SLACK)) return held;
  if (value <= 0) return new Big(0);
  const quantity = fromFloat(value).round(whole ? 0 : QUANTITY_SCALE, Big.roundHalfEven);
  return quantity.gt(held) ? held : quantity;
}

function exactBuy(value: number, whole: boolean): Big {
  if (value <= 0) return new Big(0);
  return whole ? fromFloat(value).round(0, Big.roundHalfEven) : fromFloat(value).round(QUANTITY_SCALE, Big.roundDown);
}

/** A float's decimal digits to 12 places: more than the 8 kept, so the one rounding above decides. */
function fromFloat(value: number): Big {
  return new Big(value.toFixed(12));
}
