import { Big } from '../../../common/decimal/decimal';
import type { AccountType } from '../../../portfolio/domain/account-types';
import {
  accountOf,
  assetOf,
  cashFloor,
  countedGain,
  isLossSale,
  kindOf,
  lotTax,
  mayBuy,
  maySell,
  rateOf,
  readFacts,
  spendable,
  substituteRank,
  type HouseholdFacts,
} from './facts';
import type { ExactPlan } from './exact-plan';
import { CASH_CLASS, type HouseholdAsset, type HouseholdLot, type HouseholdProblem } from './problem';

/** A lot's sold-units column. */
export interface SellColumn {
  name: string;
  lot: HouseholdLot;
}

/** A bought-units column of one asset in one account. */
export interface BuyColumn {
  name: string;
  accountId: string;
  assetId: string;
}

export interface HouseholdModel {
  /** CPLEX LP text, as highs' solve() reads it. */
  lp: string;
  sells: SellColumn[];
  buys: BuyColumn[];
  facts: HouseholdFacts;
  /** No integer or binary column: a linear program, which one solve settles. */
  linear: boolean;
  /** Each order has a binary (y per buy, o per account and asset sold). */
  countsOrders: boolean;
  /** A loss sale and a buy of its asset exclude each other through a binary (u per asset). */
  excludesWashBuys: boolean;
  /** The objective's coefficient of each column. */
  cost: ReadonlyMap<string, number>;
  /** Each class's balance row and what its deviation costs: the drift columns' part of the objective, priced without a solve. */
  classRows: ClassRow[];
  /** The gain budget's rows: Σ change × column ≤ most. */
  budgetRows: { change: ReadonlyMap<string, number>; most: number }[];
}

/**
 * A class in the model: its deviation from target, dp − dn, is offset + Σ change × column, and the
 * objective charges it deviationCost (the cheapest e, dp, dn and t that the rows allow).
 */
export interface ClassRow {
  assetClass: string;
  /** Dollars of the class moved per unit of a sell or buy column. */
  change: ReadonlyMap<string, number>;
  /** The class's value now less its target. */
  offset: number;
  band: number;
  /** The whole-unit dead zone around the target (unitGrain), 0 when there is none. */
  grain: number;
  /** Objective per dollar of deviation beyond the band (e), of the deviation itself (dp + dn), and beyond the grain (t). */
  perDollar: { beyondBand: number; deviation: number; beyondGrain: number };
}

export function deviationCost(row: ClassRow, deviation: number): number {
  const off = Math.abs(deviation);
  return row.perDollar.beyondBand * Math.max(0, off - row.band) + row.perDollar.deviation * off + row.perDollar.beyondGrain * Math.max(0, off - row.grain);
}

/** A linear expression: column name → coefficient, summed as floats (the solver's own arithmetic). */
type Expression = Map<string, number>;

/**
 * The household as a mixed-integer program, in CPLEX LP format. Column names are short and
 * derived from positions in the input (s3: the fourth lot, b2: the third buy candidate), so ids
 * never have to be LP-safe and the same problem always gives the same text.
 *
 * Columns: s_i units sold from lot i (integer, or whole units plus a sell-out binary, when whole
 * units are asked); b_j units bought per account × asset (integer when whole units); o_g / y_j
 * binaries for a sell order (one account, one asset) and a buy order, which carry the minimum trade
 * value, the trade count and its cap; per class dp/dn (above/below target) and e (beyond the band);
 * u_k a binary per asset that forbids selling it at a taxable loss and buying it in the same plan.
 *
 * Rows: a lot sells at most what it holds (column bound); each account's cash after the plan stays
 * at or above its floor (cashFloor), since no money moves between accounts; restrictions remove
 * columns; the gain budget caps net short- and long-term gain or the estimated tax; a taxable loss
 * and a buy of the same asset exclude each other (the buy would wash the loss out).
 *
 * Objective (weights in ObjectiveWeights, defaults documented there): drift × Σ e_c, distance ×
 * Σ (dp_c + dn_c) when TO_TARGET, tax × estimated tax (taxable accounts; losses negative), location ×
 * the change in asset-location penalty, turnover × value traded, trades × orders, shortTermSoonLong
 * × short-term gain on lots turning long-term soon, substituteRank × rank × value bought.
 */
/**
 * Where the model aims each class: BAND is the band itself (less a cent in fractional units, see
 * aimedBand); ROUNDING_MARGIN, for the relaxation a whole-unit MIP start is rounded from, keeps a
 * further margin inside it so that the rounded point is still within the band.
 */
export type BandAim = 'BAND' | 'ROUNDING_MARGIN';

export function buildModel(problem: HouseholdProblem, aim: BandAim = 'BAND'): HouseholdModel {
  const facts = readFacts(problem);
  const { options, budget } = problem;
  const weights = options.weights;
  const objective: Expression = new Map();
  const rows: string[] = [];
  const bounds: string[] = [];
  const integers: string[] = [];
  const binaries: string[] = [];
  const classChange = new Map<string, Expression>(facts.classes.map((c) => [c, new Map()]));
  const accountCash = new Map<string, Expression>(problem.accounts.map((a) => [a.id, new Map()]));
  const shortTermGain: Expression = new Map();
  const longTermGain: Expression = new Map();
  const tax: Expression = new Map();

  // Only a plan without harvesting scales a loss's saving (below); a household's plan skips the pass over its lots.
  const mostSavingPerDollar =
    options.harvestLosses !== false
      ? 0
      : problem.lots.reduce((most, lot) => {
          const lotFacts = lotTax(facts, lot);
          if (!lot.quantity.gt(0) || !lotFacts.taxable) return most;
          const value = lot.quantity.times(assetOf(facts, lot.assetId).price);
          const saving = countedGain(facts, lot, lot.quantity).neg().times(rateOf(facts, lotFacts.term)).div(value).toNumber();
          return saving > most ? saving : most;
        }, 0);
  // An order is a binary only when it costs something, has a minimum value or is counted: without
  // them (and without whole units) the model is a linear program, solved in one pass.
  const countsOrders = weights.trades.gt(0) || options.minTradeValue.gt(0) || options.maxTrades !== undefined;
  const mostRate = Math.max(problem.rates.shortTerm.toNumber(), problem.rates.longTerm.toNumber());
  const sells: SellColumn[] = [];
  problem.lots.forEach((lot, i) => {
    if (!lot.quantity.gt(0) || !maySell(facts, lot.accountId, lot.assetId)) return;
    const name = `s${i}`;
    sells.push({ name, lot });
    const asset = assetOf(facts, lot.assetId);
    const price = asset.price.toNumber();
    const account = accountOf(facts, lot.accountId);
    bounds.push(`0 <= ${name} <= ${num(lot.quantity.toNumber())}`);
    if (options.wholeUnits) wholeUnitSale(name, lot.quantity, i, rows, bounds, integers, binaries);
    add(accountCash.get(lot.accountId)!, name, price);
    for (const w of asset.classWeights) add(classChange.get(w.assetClass)!, name, -price * w.weight.toNumber());
    add(classChange.get(CASH_CLASS)!, name, price);

    const penalty = locationPenalty(facts, asset.id, account.accountType);
    add(objective, name, -penalty * price * weights.location.toNumber() + price * weights.turnover.toNumber());
    const lotFacts = lotTax(facts, lot);
    if (!lotFacts.taxable) return;
    // Gain per unit at the lot's average basis: the exact relief (proportion) differs by rounding only.
    const gainPerUnit = countedGain(facts, lot, lot.quantity).div(lot.quantity).toNumber();
    const rate = rateOf(facts, lotFacts.term).toNumber();
    add(lotFacts.term === 'SHORT' ? shortTermGain : longTermGain, name, gainPerUnit);
    add(tax, name, rate * gainPerUnit);
    if (options.harvestLosses === false && lotFacts.washSale) {
      // Without harvesting a wash sale is avoided, not priced: its lot is sold only when nothing else
      // is left, so it costs more per dollar than any gain (a gain is at most its proceeds) can.
      add(objective, name, price * (weights.tax.toNumber() * mostRate + 0.5 * weights.turnover.toNumber()));
    } else if (gainPerUnit < 0 && options.harvestLosses === false) {
      // Half a dollar's turnover at most, for the lot saving the most tax per dollar: a loss still
      // goes first, the biggest saving per dollar first, but never makes a sale worth making on its own.
      add(objective, name, (-0.5 * weights.turnover.toNumber() * rate * -gainPerUnit) / mostSavingPerDollar);
    } else {
      add(objective, name, weights.tax.toNumber() * rate * gainPerUnit);
    }
    if (lotFacts.soonLongTerm && gainPerUnit > 0) add(objective, name, weights.shortTermSoonLong.toNumber() * gainPerUnit);
  });

  const buys: BuyColumn[] = [];
  for (const account of problem.accounts) {
    const most = spendable(facts, account);
    if (!most.gt(0)) continue;
    for (const asset of buyCandidates(facts, account.id)) {
      const name = `b${buys.length}`;
      buys.push({ name, accountId: account.id, assetId: asset.id });
      const price = asset.price.toNumber();
      bounds.push(`0 <= ${name} <= ${num(most.div(asset.price).toNumber())}`);
      if (options.wholeUnits) integers.push(name);
      add(accountCash.get(account.id)!, name, -price);
      for (const w of asset.classWeights) add(classChange.get(w.assetClass)!, name, price * w.weight.toNumber());
      add(classChange.get(CASH_CLASS)!, name, -price);
      const penalty = locationPenalty(facts, asset.id, account.accountType);
      add(
        objective,
        name,
        penalty * price * weights.location.toNumber() +
          price * weights.turnover.toNumber() +
          substituteRank(facts, asset.id) * price * weights.substituteRank.toNumber(),
      );
      const washed = problem.assetWashSales.find((w) => w.assetId === asset.id && w.quantity.gt(0));
      if (washed) {
        // PRICE: every unit bought is counted as destroying a loss, an over-estimate past the
        // unreplaced shares that only makes the solver more reluctant; the exact tax counts min(bought, unreplaced).
        const destroyed = rateOf(facts, washed.term).times(washed.lossPerUnit).toNumber();
        add(tax, name, destroyed);
        add(objective, name, weights.tax.toNumber() * destroyed);
      }
      if (!countsOrders) continue;
      const bound = most.toNumber();
      const order = `y${buys.length - 1}`;
      binaries.push(order);
      rows.push(`${row(linear([name, price], [order, -bound]))} <= 0`);
      if (options.minTradeValue.gt(0)) rows.push(`${row(linear([name, price], [order, -options.minTradeValue.toNumber()]))} >= 0`);
      add(objective, order, weights.trades.toNumber());
    }
  }

  const orders: string[] = countsOrders ? buys.map((_, j) => `y${j}`) : [];
  for (const [g, group] of (countsOrders ? groupSells(sells) : []).entries()) {
    const order = `o${g}`;
    orders.push(order);
    binaries.push(order);
    const value: Expression = new Map(group.map((c) => [c.name, assetOf(facts, c.lot.assetId).price.toNumber()]));
    const bound = group.reduce((sum, c) => sum + c.lot.quantity.times(assetOf(facts, c.lot.assetId).price).toNumber(), 0);
    rows.push(`${row(new Map([...value, [order, -bound]]))} <= 0`);
    if (options.minTradeValue.gt(0)) rows.push(`${row(new Map([...value, [order, -options.minTradeValue.toNumber()]]))} >= 0`);
    add(objective, order, weights.trades.toNumber());
  }
  if (options.maxTrades !== undefined && orders.length > 0) rows.push(`${row(new Map(orders.map((o) => [o, 1])))} <= ${options.maxTrades}`);

  for (const account of problem.accounts) {
    const cash = accountCash.get(account.id)!;
    if (cash.size > 0) rows.push(`${row(cash)} >= ${num(cashFloor(account).minus(account.cash).toNumber())}`);
  }

  const budgetRows: HouseholdModel['budgetRows'] = [];
  for (const [change, most] of [
    [shortTermGain, budget.maxShortTermGain],
    [longTermGain, budget.maxLongTermGain],
    [tax, budget.maxTax],
  ] as const) {
    if (!most || change.size === 0) continue;
    rows.push(`${row(change)} <= ${num(most.toNumber())}`);
    budgetRows.push({ change, most: most.toNumber() });
  }

  // Without harvesting, a loss sale and a buy of its asset in one plan only add turnover (the loss
  // saves less than its sale costs), so no optimum has both and the binaries that forbid it go.
  const excludesWashBuys = options.harvestLosses !== false;
  if (excludesWashBuys) washSaleExclusions(facts, sells, buys, rows, binaries);

  const total = facts.totalValue;
  const roundingMargin = problem.assets.reduce((most, asset) => (asset.price.gt(most) ? asset.price : most), new Big(0)).times(2);
  const classRows = facts.classes.map((assetClass, c): ClassRow => {
    const target = problem.targets.find((t) => t.assetClass === assetClass);
    const targetValue = total.times(target?.targetPercentage ?? 0).div(100);
    const band = aimedBand(
      total.times(target?.tolerancePercentage ?? 0).div(100),
      total,
      options.wholeUnits,
      aim === 'ROUNDING_MARGIN' ? roundingMargin : undefined,
    ).toNumber();
    const grain = options.mode === 'TO_TARGET' && options.wholeUnits ? unitGrain(problem, assetClass).toNumber() : 0;
    // Within the bands, dp and dn still cost a trace, so they stay the plain deviation.
    const trace = 1e-6;
    const distance = weights.distance.toNumber();
    // Whole units cannot land a class closer to its target than about half a unit of what moves it;
    // costing the distance below that only gives the solver a gap it cannot close (the
    // relaxation reaches every target exactly) and spends the time limit proving cents.
    const perDollar =
      options.mode !== 'TO_TARGET' || target?.aimAtTarget === false
        ? { beyondBand: weights.drift.toNumber(), deviation: trace, beyondGrain: 0 }
        : grain === 0
          ? { beyondBand: weights.drift.toNumber(), deviation: distance, beyondGrain: 0 }
          : { beyondBand: weights.drift.toNumber(), deviation: trace, beyondGrain: distance };
    const [dp, dn, e] = [`dp${c}`, `dn${c}`, `e${c}`];
    const change = new Map(classChange.get(assetClass)!);
    change.set(dp, -1);
    change.set(dn, 1);
    // value now + change − target = dp − dn
    const offset = classValue(facts, assetClass).minus(targetValue);
    rows.push(`${row(change)} = ${num(offset.neg().toNumber())}`);
    rows.push(`${row(linear([e, 1], [dp, -1]))} >= ${num(-band)}`);
    rows.push(`${row(linear([e, 1], [dn, -1]))} >= ${num(-band)}`);
    add(objective, e, perDollar.beyondBand);
    if (perDollar.beyondGrain > 0) {
      const t = `t${c}`;
      rows.push(`${row(linear([t, 1], [dp, -1]))} >= ${num(-grain)}`);
      rows.push(`${row(linear([t, 1], [dn, -1]))} >= ${num(-grain)}`);
      add(objective, t, perDollar.beyondGrain);
    }
    add(objective, dp, perDollar.deviation);
    add(objective, dn, perDollar.deviation);
    return { assetClass, change: classChange.get(assetClass)!, offset: offset.toNumber(), band, grain, perDollar };
  });

  const linearOnly = integers.length === 0 && binaries.length === 0;
  const lp = [
    'Minimize',
    ` obj: ${row(objective)}`,
    'Subject To',
    // A row left without columns (a budget over lots that all sell at cost) constrains nothing the solver can change.
    ...rows.filter((text) => !/^(<=|>=|=)/.test(text)).map((text, r) => ` r${r}: ${text}`),
    'Bounds',
    ...bounds.map((text) => ` ${text}`),
    ...(integers.length > 0 ? ['General', ` ${integers.join(' ')}`] : []),
    ...(binaries.length > 0 ? ['Binary', ` ${binaries.join(' ')}`] : []),
    'End',
    '',
  ].join('\n');
  return { lp, sells, buys, facts, cost: objective, classRows, budgetRows, linear: linearOnly, countsOrders, excludesWashBuys };
}

/**
 * An exact plan as values of the model's integer columns, for a MIP start: units sold per lot (with
 * a whole-unit lot's n and f), units bought per candidate, and the order and wash-sale binaries they
 * imply. The continuous drift columns are left to HiGHS to complete. Trades the model has no column
 * for are left out, which only makes the start a different plan, checked by HiGHS like any other.
 */
export function startColumns(model: HouseholdModel, plan: ExactPlan): Map<string, number> {
  const { facts, sells, buys } = model;
  const whole = facts.problem.options.wholeUnits;
  const start = new Map<string, number>();
  const soldOf = new Map<string, Big>();
  for (const sell of plan.sells) soldOf.set(sell.lotId, (soldOf.get(sell.lotId) ?? new Big(0)).plus(sell.quantity));
  for (const column of sells) {
    const sold = soldOf.get(column.lot.id) ?? new Big(0);
    start.set(column.name, sold.toNumber());
    const i = column.name.slice(1);
    const wholePart = column.lot.quantity.round(0, Big.roundDown);
    if (whole && !wholePart.eq(column.lot.quantity)) {
      const soldOut = sold.eq(column.lot.quantity);
      start.set(`n${i}`, soldOut ? wholePart.toNumber() : sold.toNumber());
      start.set(`f${i}`, soldOut ? 1 : 0);
    }
  }
  const { countsOrders, excludesWashBuys } = model;
  if (countsOrders) groupSells(sells).forEach((group, g) => start.set(`o${g}`, group.some((c) => start.get(c.name)! > 0) ? 1 : 0));
  const boughtOf = new Map(plan.buys.map((b) => [`${b.accountId}\u0000${b.assetId}`, b.quantity]));
  buys.forEach((column, j) => {
    const bought = boughtOf.get(`${column.accountId}\u0000${column.assetId}`)?.toNumber() ?? 0;
    start.set(column.name, bought);
    if (countsOrders) start.set(`y${j}`, bought > 0 ? 1 : 0);
  });
  if (!excludesWashBuys) return start;
  const lossAssets = new Set(plan.sells.filter((sell) => isLossSale(facts, facts.lot.get(sell.lotId)!, sell.quantity)).map((sell) => sell.assetId));
  washSaleAssets(facts, sells, buys).forEach(({ k }, assetId) => start.set(`u${k}`, lossAssets.has(assetId) ? 1 : 0));
  return start;
}

/**
 * The assets an account may buy, one of each kind: assets with the same class weights and substitute
 * rank cost the same per dollar in every row and objective term, so offering them all only gives
 * the solver symmetric solutions to wade through. The cheapest stands for its
 * kind (the finest step in whole units), ties by id.
 */
export function buyCandidates(facts: HouseholdFacts, accountId: string): HouseholdAsset[] {
  // A buy that is priced for a recent loss, or excluded by a loss sale in this plan, is no longer
  // like the others of its kind: it stands on its own, so the others remain to choose from.
  const lossSensitive = new Set([
    ...facts.problem.assetWashSales.filter((w) => w.quantity.gt(0)).map((w) => w.assetId),
    ...facts.problem.lots.filter((l) => isLossSale(facts, l, l.quantity)).map((l) => l.assetId),
  ]);
  const kinds = new Map<string, HouseholdAsset>();
  for (const asset of facts.problem.assets) {
    if (!mayBuy(facts, accountId, asset.id)) continue;
    const kind = `${kindOf(asset)}|${substituteRank(facts, asset.id)}|${lossSensitive.has(asset.id) ? asset.id : ''}`;
    const best = kinds.get(kind);
    if (!best || asset.price.lt(best.price) || (asset.price.eq(best.price) && asset.id < best.id)) kinds.set(kind, asset);
  }
  return [...kinds.values()];
}

/**
 * Whole units of a lot: s = n + f × frac, n integer, f a binary, and f only with n at the lot's whole
 * part, so a fractional remainder is sold only by selling the lot out.
 */
function wholeUnitSale(name: string, quantity: Big, i: number, rows: string[], bounds: string[], integers: string[], binaries: string[]): void {
  const whole = quantity.round(0, Big.roundDown);
  const fraction = quantity.minus(whole);
  if (fraction.eq(0)) {
    integers.push(name);
    return;
  }
  const [n, f] = [`n${i}`, `f${i}`];
  integers.push(n);
  binaries.push(f);
  bounds.push(`0 <= ${n} <= ${num(whole.toNumber())}`);
  rows.push(`${row(linear([name, 1], [n, -1], [f, -fraction.toNumber()]))} = 0`);
  if (whole.gt(0)) rows.push(`${row(linear([n, 1], [f, -whole.toNumber()]))} >= 0`);
}

/**
 * Half the least value one whole unit moves a class by: a unit of the cheapest asset holding it
 * (times its weight in a look-through fund), or for cash, a unit of the cheapest asset.
 */
function unitGrain(problem: HouseholdProblem, assetClass: string): Big {
  let least: Big | undefined;
  for (const asset of problem.assets) {
    const moved = assetClass === CASH_CLASS ? asset.price : asset.price.times(asset.classWeights.find((w) => w.assetClass === assetClass)?.weight ?? 0);
    if (moved.gt(0) && (!least || moved.lt(least))) least = moved;
  }
  return least ? least.div(2) : new Big(0);
}

/**
 * The band the model aims within. In fractional units the plan is the solver's floats rounded to 8
 * places, which moves a class by micro-dollars: WITHIN_BANDS stops at the band's very edge, and the
 * exact check then found classes a millionth of a dollar outside. So the model keeps a cent inside
 * (a hundred-millionth of the household for one worth over a million, whose floats are coarser),
 * never more than half the band. Whole units round nothing off a class, so they aim at the band itself.
 */
function aimedBand(band: Big, total: Big, wholeUnits: boolean, roundingMargin?: Big): Big {
  if (band.eq(0)) return band;
  // A relaxation in whole units sits on the band's edge, and rounding its buys down (cash up, the
  // class down by up to a unit's price) or a sale's units down then moves the class past it: two of
  // the dearest units inside, never more than half the band, leave room for both.
  if (wholeUnits && roundingMargin) return roundingMargin.gt(band.div(2)) ? band.div(2) : band.minus(roundingMargin);
  if (wholeUnits) return band;
  const cent = new Big('0.01');
  const inside = total.times('1e-8').gt(cent) ? total.times('1e-8') : cent;
  return inside.gt(band.div(2)) ? band.div(2) : band.minus(inside);
}

function groupSells(sells: SellColumn[]): SellColumn[][] {
  const groups = new Map<string, SellColumn[]>();
  for (const column of sells) {
    const key = `${column.lot.accountId}\u0000${column.lot.assetId}`;
    groups.set(key, [...(groups.get(key) ?? []), column]);
  }
  return [...groups.values()];
}

/**
 * Selling an asset at a taxable loss and buying it in the same plan (in any account of the
 * household) is a wash sale: u_k = 1 allows the loss sales, u_k = 0 the buys, never both.
 */
function washSaleExclusions(facts: HouseholdFacts, sells: SellColumn[], buys: BuyColumn[], rows: string[], binaries: string[]): void {
  washSaleAssets(facts, sells, buys).forEach(({ k, losses }, assetId) => {
    const u = `u${k}`;
    binaries.push(u);
    const held = losses.reduce((sum, c) => sum + c.lot.quantity.toNumber(), 0);
    rows.push(`${row(new Map([...losses.map((c): [string, number] => [c.name, 1]), [u, -held]]))} <= 0`);
    const bought = buys.filter((b) => b.assetId === assetId);
    const most = bought.reduce((sum, b) => sum + maxUnits(facts, b), 0);
    rows.push(`${row(new Map([...bought.map((b): [string, number] => [b.name, 1]), [u, most]]))} <= ${num(most)}`);
  });
}

/** The assets bought and sold at a taxable loss in one plan could wash: u_k's k and the loss columns, by asset. */
function washSaleAssets(facts: HouseholdFacts, sells: SellColumn[], buys: BuyColumn[]): Map<string, { k: number; losses: SellColumn[] }> {
  const found = new Map<string, { k: number; losses: SellColumn[] }>();
  [...new Set(buys.map((b) => b.assetId))].forEach((assetId, k) => {
    const losses = sells.filter((c) => c.lot.assetId === assetId && isLossSale(facts, c.lot, c.lot.quantity));
    if (losses.length > 0) found.set(assetId, { k, losses });
  });
  return found;
}

function maxUnits(facts: HouseholdFacts, column: BuyColumn): number {
  return spendable(facts, accountOf(facts, column.accountId)).div(assetOf(facts, column.assetId).price).toNumber();
}

export function classValue(facts: HouseholdFacts, assetClass: string): Big {
  let value = new Big(0);
  if (assetClass === CASH_CLASS) for (const a of facts.problem.accounts) value = value.plus(a.cash);
  for (const lot of facts.problem.lots) {
    const asset = assetOf(facts, lot.assetId);
    for (const w of asset.classWeights) if (w.assetClass === assetClass) value = value.plus(lot.quantity.times(asset.price).times(w.weight));
  }
  return value;
}

/** The asset's location penalty in an account type: its classes' penalties, by weight. */
function locationPenalty(facts: HouseholdFacts, assetId: string, accountType: AccountType): number {
  return assetOf(facts, assetId).classWeights.reduce(
    (sum, w) => sum + w.weight.toNumber() * (facts.problem.locationPenalties[w.assetClass]?.[accountType]?.toNumber() ?? 0),
    0,
  );
}

function linear(...terms: [string, number][]): Expression {
  return new Map(terms);
}

function add(expression: Expression, name: string, coefficient: number): void {
  expression.set(name, (expression.get(name) ?? 0) + coefficient);
}

function row(expression: Expression): string {
  return [...expression]
    .filter(([, coefficient]) => coefficient !== 0)
    .map(([name, coefficient], i) => `${coefficient < 0 ? '- ' : i === 0 ? '' : '+ '}${num(Math.abs(coefficient))} ${name}`)
    .join(' ');
}

/** A float as LP text: 15 significant digits, enough for any price × quantity here and never "NaN". */
function num(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`household solver: a model coefficient is not finite (${value})`);
  return String(Number(value.toPrecision(15)));
}
