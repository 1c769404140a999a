import { Big } from '../../../common/decimal/decimal';
import type { ExactPlan, SellTrade } from './exact-plan';
import { assetOf, cashFloor, isLossSale } from './facts';
import { deviationCost, startColumns, type HouseholdModel } from './model';

// A start needs a few steps per class; the cap only bounds a pathological one.
const MAX_MOVES = 200;
// Below this the objective is the solver's own noise, not an improvement.
const GAIN = 1e-6;

/** One order of the plan (an account, an asset, a side): its columns' units and value, and what opening it costs. */
interface Order {
  cost: number;
  units: number;
  value: number;
}

interface Column {
  side: 'SELL' | 'BUY';
  accountId: string;
  assetId: string;
  price: Big;
  perUnit: number;
  /** Cash the account spends per unit: the price for a buy, minus it for a sale. */
  spends: number;
  cost: number;
  units: number;
  /** The most units: a lot's whole units; a buy is bounded by cash alone. */
  most: number;
  order: Order;
  /** Class row index → dollars moved per unit. */
  moves: [number, number][];
  /** Budget row index → gain or tax per unit. */
  budget: [number, number][];
  /** A sale of this lot realizes a taxable loss, which a buy of the same asset in the plan would wash out. */
  loss: boolean;
  /** The sale of a lot with a fractional remainder, sold out: whole-unit moves cannot reach it, so it stays. */
  fixed?: SellTrade;
}

interface Move {
  column: Column;
  delta: number;
}

/**
 * Improves a whole-unit plan, a few units at a time, for a MIP start. Rounding the relaxation to
 * whole units leaves each class short of or past its target by up to a unit of each asset traded
 * (dear assets: hundreds of dollars), which TO_TARGET charges at $1 per dollar beyond the half-unit
 * grain: a start hundreds of dollars worse than the relaxation, which HiGHS then spends its time
 * limit closing in on. Here each step changes one sale or buy by the units that best bring a class
 * back (or by one unit, or to none, or a lot to all its whole units), or swaps units of one buy for
 * another in the same account, taking the move that lowers the model's objective most, until none
 * does. Every move keeps the model's hard rows: the account's cash above its floor (checked exactly),
 * the gain budget, the minimum trade, the trade cap, and no taxable loss sold in an asset the plan
 * buys. The caller verifies the result exactly.
 */
export function polishPlan(model: HouseholdModel, plan: ExactPlan, cashAfter: ReadonlyMap<string, Big>): ExactPlan {
  const { facts, classRows, budgetRows, cost } = model;
  const { minTradeValue, maxTrades } = facts.problem.options;
  const start = startColumns(model, plan);
  const deviation = classRows.map((row) => [...row.change].reduce((sum, [name, coefficient]) => sum + coefficient * (start.get(name) ?? 0), row.offset));
  const used = budgetRows.map((row) => [...row.change].reduce((sum, [name, coefficient]) => sum + coefficient * (start.get(name) ?? 0), 0));
  const rowsOf = (name: string) => ({
    moves: classRows.flatMap((row, r): [number, number][] => (row.change.has(name) ? [[r, row.change.get(name)!]] : [])),
    budget: budgetRows.flatMap((row, r): [number, number][] => (row.change.has(name) ? [[r, row.change.get(name)!]] : [])),
  });
  const orderOf = new Map<string, Order>();
  const order = (key: string, name: string): Order => {
    if (!orderOf.has(key)) orderOf.set(key, { cost: cost.get(name) ?? 0, units: 0, value: 0 });
    return orderOf.get(key)!;
  };
  const soldOf = new Map<string, SellTrade>(plan.sells.map((sell) => [sell.lotId, sell]));

  // Only an asset the model may buy can meet a loss sale of it; the test is exact, so it is kept to those.
  const buyable = new Set(model.buys.map((buy) => buy.assetId));
  const groups = new Map<string, number>();
  const sells: Column[] = model.sells.map((sell) => {
    const { lot } = sell;
    const key = `${lot.accountId}\u0000${lot.assetId}`;
    if (!groups.has(key)) groups.set(key, groups.size);
    const price = assetOf(facts, lot.assetId).price;
    const units = start.get(sell.name) ?? 0;
    const whole = lot.quantity.round(0, Big.roundDown).toNumber();
    return {
      side: 'SELL',
      accountId: lot.accountId,
      assetId: lot.assetId,
      price,
      perUnit: price.toNumber(),
      spends: -price.toNumber(),
      cost: cost.get(sell.name) ?? 0,
      units,
      most: whole,
      order: order(`SELL ${key}`, `o${groups.get(key)}`),
      ...rowsOf(sell.name),
      loss: buyable.has(lot.assetId) && isLossSale(facts, lot, lot.quantity),
      fixed: units > whole ? soldOf.get(lot.id) : undefined,
    };
  });
  const buys: Column[] = model.buys.map((buy, j) => {
    const price = assetOf(facts, buy.assetId).price;
    return {
      side: 'BUY',
      accountId: buy.accountId,
      assetId: buy.assetId,
      price,
      perUnit: price.toNumber(),
      spends: price.toNumber(),
      cost: cost.get(buy.name) ?? 0,
      units: start.get(buy.name) ?? 0,
      most: Infinity,
      order: order(`BUY ${buy.accountId}\u0000${buy.assetId}`, `y${j}`),
      ...rowsOf(buy.name),
      loss: false,
    };
  });
  const columns = [...sells, ...buys];
  for (const column of columns) {
    column.order.units += column.units;
    column.order.value += column.units * column.perUnit;
  }
  // Per asset: loss sales and buys in the plan, which may not meet (the wash-sale rule).
  const lossSales = new Map<string, number>();
  const bought = new Map<string, number>();
  const count = (column: Column, by: number) => {
    if (column.loss) lossSales.set(column.assetId, (lossSales.get(column.assetId) ?? 0) + by);
    if (column.side === 'BUY') bought.set(column.assetId, (bought.get(column.assetId) ?? 0) + by);
  };
  for (const column of columns) if (column.units > 0) count(column, 1);
  const spare = new Map(facts.problem.accounts.map((account) => [account.id, cashAfter.get(account.id)!.minus(cashFloor(account))]));
  const spareNumber = new Map([...spare].map(([id, left]) => [id, left.toNumber()]));
  const minimum = minTradeValue.toNumber();
  let orders = [...orderOf.values()].filter((o) => o.units > 0).length;

  // Floats decide all but the cent-close calls on cash, which are decided exactly.
  const affords = (column: Column, delta: number): boolean => {
    const spent = delta * column.spends;
    const left = spareNumber.get(column.accountId)!;
    const noise = 1e-6 * Math.max(1, Math.abs(left));
    if (spent < left - noise) return true;
    if (spent > left + noise) return false;
    return column.price.times(delta * Math.sign(column.spends)).lte(spare.get(column.accountId)!);
  };
  const changeOf = ({ column, delta }: Move): number | undefined => {
    const units = column.units + delta;
    if (column.fixed || units < 0 || units > column.most) return undefined;
    if (delta * column.spends > 0 && !affords(column, delta)) return undefined;
    if (column.units === 0 && units > 0) {
      if (column.side === 'BUY' && (lossSales.get(column.assetId) ?? 0) > 0) return undefined;
      if (column.loss && (bought.get(column.assetId) ?? 0) > 0) return undefined;
    }
    for (const [r, perUnit] of column.budget) {
      const most = budgetRows[r].most;
      if (delta * perUnit > 0 && used[r] + delta * perUnit > most - 1e-6 * Math.max(1, Math.abs(most))) return undefined;
    }
    const { order } = column;
    const orderUnits = order.units + delta;
    if (orderUnits > 0 && minimum > 0 && order.value + delta * column.perUnit < minimum) return undefined;
    const opens = order.units === 0 && orderUnits > 0;
    if (opens && maxTrades !== undefined && orders >= maxTrades) return undefined;
    let change = delta * column.cost + (opens ? order.cost : 0) - (order.units > 0 && orderUnits === 0 ? order.cost : 0);
    for (const [r, perUnit] of column.moves) change += deviationCost(classRows[r], deviation[r] + delta * perUnit) - deviationCost(classRows[r], deviation[r]);
    return change;
  };
  const apply = ({ column, delta }: Move, sign: 1 | -1 = 1): void => {
    const units = sign * delta;
    for (const [r, perUnit] of column.moves) deviation[r] += units * perUnit;
    for (const [r, perUnit] of column.budget) used[r] += units * perUnit;
    spare.set(column.accountId, spare.get(column.accountId)!.minus(column.price.times(units * Math.sign(column.spends))));
    spareNumber.set(column.accountId, spareNumber.get(column.accountId)! - units * column.spends);
    const { order } = column;
    if (order.units === 0 && units !== 0) orders++;
    if (order.units !== 0 && order.units + units === 0) orders--;
    order.units += units;
    order.value += units * column.perUnit;
    if (column.units === 0 && units !== 0) count(column, 1);
    if (column.units !== 0 && column.units + units === 0) count(column, -1);
    column.units += units;
  };
  // The units that bring one of the column's classes nearest its target, one unit either way, none, or all.
  const deltasOf = (column: Column): number[] => {
    const deltas = new Set([1, -1, -column.units]);
    if (Number.isFinite(column.most)) deltas.add(column.most - column.units);
    for (const [r, perUnit] of column.moves) {
      deltas.add(Math.floor(-deviation[r] / perUnit));
      deltas.add(Math.ceil(-deviation[r] / perUnit));
    }
    deltas.delete(0);
    return [...deltas];
  };

  for (let step = 0; step < MAX_MOVES; step++) {
    const best: { moves: Move[]; change: number } = { moves: [], change: -GAIN };
    const consider = (moves: Move[], change: number | undefined) => {
      if (change !== undefined && change < best.change) Object.assign(best, { moves, change });
    };
    for (const column of columns) for (const delta of deltasOf(column)) consider([{ column, delta }], changeOf({ column, delta }));
    // A swap: fewer units of a buy, and the cash they free spent on another of the same account.
    for (const from of buys) {
      if (from.units === 0) continue;
      for (const delta of deltasOf(from)) {
        const out = { column: from, delta };
        const freed = delta < 0 ? changeOf(out) : undefined;
        if (freed === undefined) continue;
        apply(out);
        for (const to of buys) {
          if (to === from || to.accountId !== from.accountId) continue;
          for (const more of deltasOf(to)) {
            const change = more > 0 ? changeOf({ column: to, delta: more }) : undefined;
            if (change !== undefined) consider([out, { column: to, delta: more }], freed + change);
          }
        }
        apply(out, -1);
      }
    }
    if (best.moves.length === 0) break;
    for (const move of best.moves) apply(move);
  }

  return {
    sells: model.sells.flatMap((sell, i): SellTrade[] => {
      const column = sells[i];
      if (column.fixed) return [column.fixed];
      const { lot } = sell;
      return column.units > 0 ? [{ lotId: lot.id, accountId: lot.accountId, assetId: lot.assetId, quantity: new Big(column.units) }] : [];
    }),
    buys: [
      // A buy the model has no column for is not the polish's to move.
      ...plan.buys.filter((buy) => !orderOf.has(`BUY ${buy.accountId}\u0000${buy.assetId}`)),
      ...buys.filter((c) => c.units > 0).map((c) => ({ accountId: c.accountId, assetId: c.assetId, quantity: new Big(c.units) })),
    ],
  };
}
