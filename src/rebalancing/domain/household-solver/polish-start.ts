import { Big } from '../../../common/decimal/decimal';
import type { ExactPlan } from './exact-plan';
import { assetOf, cashFloor, isLossSale, washesOutLoss } from './facts';
import { deviationCost, startColumns, type HouseholdModel } from './model';

// A start needs a few steps per class; the cap only bounds a pathological one.
const MAX_MOVES = 200;
// Below this the objective is the solver's own noise, not an improvement.
const GAIN = 1e-6;

interface Column {
  name: string;
  accountId: string;
  assetId: string;
  price: Big;
  perUnit: number;
  cost: number;
  orderCost: number;
  units: number;
  /** Class row index → dollars moved per unit. */
  moves: [number, number][];
  /** May its units go up: buying more would neither wash out a loss sold in this plan nor one the household already took. */
  mayGrow: boolean;
}

interface Move {
  column: Column;
  delta: number;
}

/**
 * Improves a whole-unit plan's buys, a few units at a time, for a MIP start. Rounding the relaxation
 * to whole units leaves each class short of or past its target by up to a unit of each asset bought
 * (dear assets: hundreds of dollars), which TO_TARGET charges at $1 per dollar beyond the half-unit
 * grain: a start hundreds of dollars worse than the relaxation, which HiGHS then spends its time
 * limit closing in on. Here each step changes one buy column by the units that best bring a class
 * back (or by one unit, or to none), or swaps units of one buy for another in the same account, taking
 * the move that lowers the model's objective most, until none does. Sales stay as they are, so the
 * gain budget cannot move; a buy stays within its account's cash above the floor (checked exactly),
 * the minimum trade and the trade cap, and never grows in an asset sold at a loss in the plan or
 * bought back over a recent loss. The caller verifies the result exactly.
 */
export function polishBuys(model: HouseholdModel, plan: ExactPlan, cashAfter: ReadonlyMap<string, Big>): ExactPlan {
  const { facts, classRows, cost } = model;
  const { minTradeValue, maxTrades } = facts.problem.options;
  const start = startColumns(model, plan);
  const deviation = classRows.map((row) => [...row.change].reduce((sum, [name, coefficient]) => sum + coefficient * (start.get(name) ?? 0), row.offset));
  const lossAssets = new Set(plan.sells.filter((sell) => isLossSale(facts, facts.lot.get(sell.lotId)!, sell.quantity)).map((sell) => sell.assetId));
  const columns: Column[] = model.buys.map((buy, j) => ({
    name: buy.name,
    accountId: buy.accountId,
    assetId: buy.assetId,
    price: assetOf(facts, buy.assetId).price,
    perUnit: assetOf(facts, buy.assetId).price.toNumber(),
    cost: cost.get(buy.name) ?? 0,
    orderCost: cost.get(`y${j}`) ?? 0,
    units: start.get(buy.name) ?? 0,
    moves: classRows.flatMap((row, r): [number, number][] => (row.change.has(buy.name) ? [[r, row.change.get(buy.name)!]] : [])),
    mayGrow: !lossAssets.has(buy.assetId) && !washesOutLoss(facts, buy.assetId),
  }));
  const spare = new Map(facts.problem.accounts.map((account) => [account.id, cashAfter.get(account.id)!.minus(cashFloor(account))]));
  const spareNumber = new Map([...spare].map(([id, left]) => [id, left.toNumber()]));
  const minimum = minTradeValue.toNumber();
  let orders = [...start].filter(([name, value]) => /^[yo]\d+$/.test(name) && value > 0).length;

  // Floats decide all but the cent-close calls on cash, which are decided exactly.
  const affords = (column: Column, delta: number): boolean => {
    const spent = delta * column.perUnit;
    const left = spareNumber.get(column.accountId)!;
    const noise = 1e-6 * Math.max(1, Math.abs(left));
    if (spent < left - noise) return true;
    if (spent > left + noise) return false;
    return column.price.times(delta).lte(spare.get(column.accountId)!);
  };
  const changeOf = ({ column, delta }: Move): number | undefined => {
    const units = column.units + delta;
    if (units < 0 || (delta > 0 && (!column.mayGrow || !affords(column, delta)))) return undefined;
    if (units > 0 && minimum > 0 && units * column.perUnit < minimum) return undefined;
    const opens = column.units === 0 && units > 0;
    if (opens && maxTrades !== undefined && orders >= maxTrades) return undefined;
    let change = delta * column.cost + (opens ? column.orderCost : 0) - (column.units > 0 && units === 0 ? column.orderCost : 0);
    for (const [r, perUnit] of column.moves) change += deviationCost(classRows[r], deviation[r] + delta * perUnit) - deviationCost(classRows[r], deviation[r]);
    return change;
  };
  const apply = ({ column, delta }: Move, sign: 1 | -1 = 1): void => {
    const units = sign * delta;
    for (const [r, perUnit] of column.moves) deviation[r] += units * perUnit;
    spare.set(column.accountId, spare.get(column.accountId)!.minus(column.price.times(units)));
    spareNumber.set(column.accountId, spareNumber.get(column.accountId)! - units * column.perUnit);
    if (column.units === 0 && units !== 0) orders++;
    if (column.units !== 0 && column.units + units === 0) orders--;
    column.units += units;
  };
  // The units that bring one of the column's classes nearest its target, one unit either way, or none at all.
  const deltasOf = (column: Column): number[] => {
    const deltas = new Set([1, -1, -column.units]);
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
    for (const from of columns) {
      if (from.units === 0) continue;
      for (const delta of deltasOf(from)) {
        const out = { column: from, delta };
        const freed = delta < 0 ? changeOf(out) : undefined;
        if (freed === undefined) continue;
        apply(out);
        for (const to of columns) {
          if (to === from || to.accountId !== from.accountId || !to.mayGrow) continue;
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

  const columnOf = new Map(columns.map((c) => [`${c.accountId}\u0000${c.assetId}`, c]));
  const kept = plan.buys.filter((buy) => !columnOf.has(`${buy.accountId}\u0000${buy.assetId}`));
  const bought = columns.filter((c) => c.units > 0).map((c) => ({ accountId: c.accountId, assetId: c.assetId, quantity: new Big(c.units) }));
  return { sells: plan.sells, buys: [...kept, ...bought] };
}
