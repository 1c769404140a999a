import fc from 'fast-check';
import { Big } from '../common/decimal/decimal';
import { givenUser } from '../../test/support/auth';
import { givenDefaultHousehold } from '../../test/support/default-household';
import {
  givenAlert,
  givenAsset,
  givenPortfolio,
  givenPosition,
  givenTargets,
  givenUser as givenOwner,
  openRepositoryWorld,
  type RepositoryWorld,
} from '../../test/support/repository-world';
import { createTestApp, type TestApp } from '../../test/support/test-app';
import { computeDrift, type ClassValue, type DriftStatus, type TargetBand } from './domain/drift';
import { DriftQueries } from './drift-queries.repository';
import { classValues, type Holding } from './domain/what-if';

const CLASSES = ['bond', 'crypto', 'reit', 'stock'];

/**
 * Look-through funds, by name: their own assetType and their class weights, in percent. Thirds that
 * do not divide evenly and a sliver of 0.0001 % test that the SQL splits a value as exactly as
 * classValues does.
 */
const FUNDS: Record<string, { assetType: string; weights: Record<string, string> }> = {
  balanced: { assetType: 'stock', weights: { stock: '60', bond: '40' } },
  thirds: { assetType: 'reit', weights: { stock: '33.3333', bond: '33.3333', reit: '33.3334' } },
  sliver: { assetType: 'stock', weights: { stock: '99.9999', crypto: '0.0001' } },
};
const FUND_NAMES = Object.keys(FUNDS);

type TargetRow = { assetType: string; target: string; tolerance: string; relative: string | null };

/** A portfolio as the scan sees it: units of one asset per class, cash, and targets (cash may be one). */
interface Case {
  label: string;
  cash: string;
  units: Record<string, string>;
  /** Units of look-through funds, by name in FUNDS; priced at PRICE too. */
  funds?: Record<string, string>;
  targets: TargetRow[];
  /** The portfolio's untargetedTolerancePercentage; 0 where a case does not say. */
  untargeted?: string;
}

// Each class holds one asset whose newest price is 1 (an older one is 7), so a class is worth its units:
// a case states values, and the SQL must pick the newest price to agree.
const PRICE = '1';

const band = (assetType: string, target: string, tolerance = '5', relative: string | null = null): TargetRow => ({ assetType, target, tolerance, relative });

/** Worked boundaries, each on the exact edge or one smallest unit past it. */
const EDGES: Case[] = [
  { label: 'drift exactly at the band', cash: '0', units: { stock: '65', bond: '35' }, targets: [band('stock', '60'), band('bond', '40')] },
  { label: 'a hair past the band', cash: '0', units: { stock: '65.00000001', bond: '34.99999999' }, targets: [band('stock', '60'), band('bond', '40')] },
  { label: 'drift exactly at twice the band', cash: '0', units: { stock: '70', bond: '30' }, targets: [band('stock', '60'), band('bond', '40')] },
  { label: 'a hair past twice the band', cash: '0', units: { stock: '70.00000001', bond: '29.99999999' }, targets: [band('stock', '60'), band('bond', '40')] },
  { label: 'the relative band is narrower', cash: '0', units: { stock: '63.5', bond: '36.5' }, targets: [band('stock', '60', '5', '5'), band('bond', '40')] },
  { label: 'the relative band is wider', cash: '0', units: { stock: '64', bond: '36' }, targets: [band('stock', '60', '5', '50'), band('bond', '40')] },
  {
    label: 'a class held without a target',
    cash: '0',
    units: { stock: '60', bond: '39.99', crypto: '0.01' },
    targets: [band('stock', '60'), band('bond', '40')],
  },
  {
    label: 'an untargeted class exactly at its band',
    cash: '0',
    units: { stock: '58', bond: '40', crypto: '2' },
    targets: [band('stock', '60'), band('bond', '40')],
    untargeted: '2',
  },
  {
    label: 'an untargeted class a hair past its band',
    cash: '0',
    units: { stock: '58', bond: '39.99999999', crypto: '2.00000001' },
    targets: [band('stock', '60'), band('bond', '40')],
    untargeted: '2',
  },
  {
    label: 'an untargeted class a hair past twice its band',
    cash: '0',
    units: { stock: '56', bond: '39.99999999', crypto: '4.00000001' },
    targets: [band('stock', '60'), band('bond', '40')],
    untargeted: '2',
  },
  { label: 'cash as a target class', cash: '10', units: { stock: '90' }, targets: [band('stock', '90'), band('cash', '10', '0')] },
  { label: 'cash over its zero band', cash: '10.5', units: { stock: '89.5' }, targets: [band('stock', '90', '1'), band('cash', '10', '0')] },
  { label: 'worth nothing', cash: '0', units: {}, targets: [band('stock', '100')] },
  { label: 'a targeted class not held', cash: '0', units: { stock: '100' }, targets: [band('stock', '50', '50'), band('bond', '50', '50')] },
  { label: 'overdrawn', cash: '-200', units: { stock: '100' }, targets: [band('stock', '100')] },
  {
    // $10,000 in a 60/40 fund and $5,000 in stock: stock 11,000 (73.33 %), bond 4,000 (26.67 %); 3.33 points off a 5-point band.
    label: 'a look-through fund counted 60/40',
    cash: '0',
    units: { stock: '5000' },
    funds: { balanced: '10000' },
    targets: [band('stock', '70'), band('bond', '30')],
  },
  {
    // Stock 30 + 35 = 65, bond 20 + 15 = 35: exactly on a 60/40 target's 5-point band.
    label: 'a fund and plain holdings exactly at the band',
    cash: '0',
    units: { stock: '35', bond: '15' },
    funds: { balanced: '50' },
    targets: [band('stock', '60'), band('bond', '40')],
  },
  {
    label: 'a fund and plain holdings a hair past the band',
    cash: '0',
    units: { stock: '35.00000001', bond: '14.99999999' },
    funds: { balanced: '50' },
    targets: [band('stock', '60'), band('bond', '40')],
  },
  {
    // 0.00000001 units × 0.0001 % = 1e-14 of crypto, held without a target and with no untargeted band.
    label: "a fund's sliver in a class without a target",
    cash: '0',
    units: {},
    funds: { sliver: '0.00000001' },
    targets: [band('stock', '100')],
  },
];

const units = fc.oneof(fc.constant(0n), fc.bigInt({ min: 1n, max: 10n ** 15n })).map((n) => new Big(n.toString()).div('1e8').toFixed());

/** Random portfolios: values up to 8 places, target sets in hundredths adding up to 100, bands with and without a relative part. */
const randomCase: fc.Arbitrary<Case> = fc
  .record({
    cash: units,
    held: fc.dictionary(fc.constantFrom(...CLASSES), units, { maxKeys: CLASSES.length }),
    funds: fc.dictionary(fc.constantFrom(...FUND_NAMES), units, { maxKeys: FUND_NAMES.length }),
    classes: fc.shuffledSubarray([...CLASSES, 'cash'], { minLength: 1 }),
    cuts: fc.array(fc.integer({ min: 0, max: 10_000 }), { minLength: CLASSES.length, maxLength: CLASSES.length }),
    tolerance: fc.integer({ min: 0, max: 1_000 }),
    relative: fc.option(fc.integer({ min: 1, max: 5_000 })),
    untargeted: fc.integer({ min: 0, max: 1_000 }),
  })
  .map(({ cash, held, funds, classes, cuts, tolerance, relative, untargeted }) => {
    const bounds = [0, ...cuts.slice(0, classes.length - 1).sort((a, b) => a - b), 10_000];
    const hundredths = (n: number) => new Big(n).div(100).toFixed();
    return {
      label: 'random',
      cash,
      units: held,
      funds,
      targets: classes.map((assetType, i) =>
        band(assetType, hundredths(bounds[i + 1] - bounds[i]), hundredths(tolerance), relative === null ? null : hundredths(relative)),
      ),
      untargeted: hundredths(untargeted),
    };
  });

/** Random target sets with each class held near its target, up to three bands off, so every level turns up. */
const nearCase: fc.Arbitrary<Case> = fc
  .record({
    base: randomCase,
    scale: fc.integer({ min: 1, max: 1_000_000 }),
    noise: fc.array(fc.integer({ min: -3_000, max: 3_000 }), { minLength: 5, maxLength: 5 }),
  })
  .map(({ base, scale, noise }) => {
    const near = (target: TargetRow, i: number) => {
      const off = new Big(target.tolerance).times(scale).times(noise[i]).div(1_000);
      const value = new Big(target.target).times(scale).plus(off);
      return (value.lt(0) ? new Big(0) : value).round(8, Big.roundDown).toFixed();
    };
    const held = Object.fromEntries(base.targets.filter((target) => target.assetType !== 'cash').map((target, i) => [target.assetType, near(target, i)]));
    const cashTarget = base.targets.find((target) => target.assetType === 'cash');
    // Half the cases hold a class's part of the balanced fund through the fund instead, so levels near every edge turn up with funds too.
    const stock = held.stock;
    const bond = held.bond;
    if (scale % 2 === 0 && stock !== undefined && bond !== undefined) {
      // In steps of 0.00000005 units, so its 60 % and 40 % parts keep to the 8 places a quantity has.
      const most = new Big(stock).div('0.6').lt(new Big(bond).div('0.4')) ? new Big(stock).div('0.6') : new Big(bond).div('0.4');
      const fund = most.div('5e-8').round(0, Big.roundDown).times('5e-8');
      const funds = { balanced: fund.toFixed() };
      const units = { ...held, stock: new Big(stock).minus(fund.times('0.6')).toFixed(), bond: new Big(bond).minus(fund.times('0.4')).toFixed() };
      return { label: 'near, through a fund', cash: cashTarget ? near(cashTarget, 4) : '0', units, funds, targets: base.targets, untargeted: base.untargeted };
    }
    return { label: 'near', cash: cashTarget ? near(cashTarget, 4) : '0', units: held, targets: base.targets, untargeted: base.untargeted };
  });

/** The case's holdings as the pure core values them, funds with their weights. */
function holdingsOf(c: Case): Holding[] {
  return [
    ...Object.entries(c.units).map(([assetType, quantity]) => ({ assetId: assetType, assetType, quantity: new Big(quantity), price: new Big(PRICE) })),
    ...Object.entries(c.funds ?? {}).map(([name, quantity]) => ({
      assetId: name,
      assetType: FUNDS[name].assetType,
      quantity: new Big(quantity),
      price: new Big(PRICE),
      classWeights: Object.entries(FUNDS[name].weights).map(([assetType, percentage]) => ({ assetType, percentage: new Big(percentage) })),
    })),
  ];
}

function expected(c: Case): DriftStatus | null {
  const values: ClassValue[] = classValues(holdingsOf(c), new Big(c.cash));
  if (values.reduce((sum, { value }) => sum.plus(value), new Big(0)).lt(0)) return null;
  const bands: TargetBand[] = c.targets.map((t) => ({
    assetType: t.assetType,
    targetPercentage: new Big(t.target),
    tolerancePercentage: new Big(t.tolerance),
    relativeTolerancePercentage: t.relative === null ? null : new Big(t.relative),
  }));
  return computeDrift(values, bands, new Big(c.untargeted ?? '0')).status;
}

describe("the scan's SQL status agrees with computeDrift", () => {
  let t: TestApp;
  let userId: string;
  const assetOf = new Map<string, string>();

  beforeAll(async () => {
    t = await createTestApp();
    const user = await givenUser(t, 'sql-status');
    [{ id: userId }] = await t.dataSource.query<Array<{ id: string }>>('SELECT id FROM users WHERE email = $1', [user.email]);
    for (const assetType of CLASSES) {
      const [{ id }] = await t.dataSource.query<Array<{ id: string }>>(
        `INSERT INTO assets (symbol, name, asset_type, currency) VALUES ($1, $1, $2, 'USD') RETURNING id`,
        [`SQL${assetType.toUpperCase()}`, assetType],
      );
      await t.dataSource.query(
        `INSERT INTO asset_prices (asset_id, price, as_of) VALUES ($1, 7, now() - interval '2 days'), ($1, $2, now() - interval '1 day')`,
        [id, PRICE],
      );
      assetOf.set(assetType, id);
    }
    for (const [name, fund] of Object.entries(FUNDS)) {
      const [{ id }] = await t.dataSource.query<Array<{ id: string }>>(
        `INSERT INTO assets (symbol, name, asset_type, currency) VALUES ($1, $1, $2, 'USD') RETURNING id`,
        [`FUND${name.toUpperCase()}`, fund.assetType],
      );
      for (const [assetType, percentage] of Object.entries(fund.weights)) {
        await t.dataSource.query('INSERT INTO asset_class_weights (asset_id, asset_type, percentage) VALUES ($1, $2, $3)', [id, assetType, percentage]);
      }
      await t.dataSource.query(
        `INSERT INTO asset_prices (asset_id, price, as_of) VALUES ($1, 7, now() - interval '2 days'), ($1, $2, now() - interval '1 day')`,
        [id, PRICE],
      );
      assetOf.set(name, id);
    }
  });
  afterAll(() => t.close());

  async function given(c: Case): Promise<string> {
    const [{ id }] = await t.dataSource.query<Array<{ id: string }>>(
      `INSERT INTO portfolios (user_id, household_id, name, cash, untargeted_tolerance_percentage) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [userId, await givenDefaultHousehold(t.dataSource, userId), c.label, c.cash, c.untargeted ?? '0'],
    );
    for (const [assetType, quantity] of [...Object.entries(c.units), ...Object.entries(c.funds ?? {})]) {
      await t.dataSource.query('INSERT INTO positions (portfolio_id, asset_id, quantity, cost_basis) VALUES ($1, $2, $3, 0)', [
        id,
        assetOf.get(assetType),
        quantity,
      ]);
    }
    for (const target of c.targets) {
      await t.dataSource.query(
        'INSERT INTO target_allocations (portfolio_id, asset_type, target_percentage, tolerance_percentage, relative_tolerance_percentage) VALUES ($1, $2, $3, $4, $5)',
        [id, target.assetType, target.target, target.tolerance, target.relative],
      );
    }
    return id;
  }

  async function statusesOf(ids: string[]): Promise<Map<string, DriftStatus | null>> {
    const rows = await t.app.get(DriftQueries).statusesForBatch(t.dataSource.manager, { ids });
    return new Map(rows.map((row) => [row.id, row.status]));
  }

  it.each(EDGES.map((c) => [c.label, c] as const))('%s', async (_label, c) => {
    const id = await given(c);
    expect((await statusesOf([id])).get(id)).toBe(expected(c));
  });

  it('on the edge cases, the statuses are the ones worked out by hand', () => {
    expect(EDGES.map(expected)).toEqual([
      'WITHIN_TOLERANCE',
      'WARNING',
      'WARNING',
      'CRITICAL',
      'WARNING',
      'WITHIN_TOLERANCE',
      'CRITICAL',
      'WITHIN_TOLERANCE',
      'WARNING',
      'CRITICAL',
      'WITHIN_TOLERANCE',
      'CRITICAL',
      'EMPTY',
      'WITHIN_TOLERANCE',
      null,
      'WITHIN_TOLERANCE',
      'WITHIN_TOLERANCE',
      'WARNING',
      'CRITICAL',
    ]);
  });

  it('counts the 60/40 fund of the worked example as stock 11,000 (73.33 %) and bond 4,000 (26.67 %)', () => {
    const c = EDGES.find((edge) => edge.label === 'a look-through fund counted 60/40')!;
    const report = computeDrift(classValues(holdingsOf(c), new Big(c.cash)), [], new Big(100));
    expect(report.items.map((item) => [item.assetType, item.currentValue.toFixed(), item.currentPercentage.round(2, Big.roundHalfEven).toFixed(2)])).toEqual([
      ['bond', '4000', '26.67'],
      ['stock', '11000', '73.33'],
    ]);
  });

  it('on 300 random portfolios, read in one range as a scan batch reads them', async () => {
    const cases = fc.sample(fc.oneof(randomCase, nearCase), { numRuns: 300, seed: 90_210 });
    const ids: string[] = [];
    for (const c of cases) ids.push(await given(c));
    const sorted = [...ids].sort();
    const rows = await t.app.get(DriftQueries).statusesForBatch(t.dataSource.manager, { range: { afterId: null, throughId: sorted.at(-1) as string } });
    const statusOf = new Map(rows.map((row) => [row.id, row.status]));
    const disagreements = cases.map((c, i) => ({ c, sql: statusOf.get(ids[i]), js: expected(c) })).filter(({ sql, js }) => sql !== js);
    expect(disagreements).toEqual([]);
    // Funds are in many of the cases, through the random mix and the near ones alike.
    expect(cases.filter((c) => Object.keys(c.funds ?? {}).length > 0).length).toBeGreaterThan(100);
    expect(cases.filter((c) => c.label === 'near, through a fund').length).toBeGreaterThan(20);
    const seen = new Set(cases.map(expected));
    // The sample reaches every status, so agreement is not only on the easy ones.
    expect([...seen].sort()).toEqual(['CRITICAL', 'EMPTY', 'WARNING', 'WITHIN_TOLERANCE']);
  });
});

/**
 * Where a household puts a case's holdings: alternately in its two accounts, the first holding in
 * both (so the SQL must add one asset's units across accounts), all the cash in the first.
 */
function householdPlacements(c: Case): Array<[number, string, string]> {
  const entries = [...Object.entries(c.units), ...Object.entries(c.funds ?? {})];
  const placed = entries.map(([name, quantity], i): [number, string, string] => [i % 2, name, quantity]);
  if (entries.length > 0) placed.push([1, entries[0][0], entries[0][1]]);
  return placed;
}

/** The case as the household holds it in total (the first holding twice), judged as householdDrift does: a band of 0 for an untargeted class. */
function asHousehold(c: Case): Case {
  const entries = [...Object.entries(c.units), ...Object.entries(c.funds ?? {})];
  if (entries.length === 0) return { ...c, untargeted: '0' };
  const [name, quantity] = entries[0];
  const doubled = new Big(quantity).times(2).toFixed();
  return name in c.units
    ? { ...c, units: { ...c.units, [name]: doubled }, untargeted: '0' }
    : { ...c, funds: { ...c.funds, [name]: doubled }, untargeted: '0' };
}

describe("the scan's SQL status of a household agrees with computeDrift over the sum of its accounts", () => {
  let t: TestApp;
  let userId: string;
  const assetOf = new Map<string, string>();

  beforeAll(async () => {
    t = await createTestApp();
    const user = await givenUser(t, 'sql-household-status');
    [{ id: userId }] = await t.dataSource.query<Array<{ id: string }>>('SELECT id FROM users WHERE email = $1', [user.email]);
    for (const [name, assetType, weights] of [
      ...CLASSES.map((assetType): [string, string, Record<string, string>] => [assetType, assetType, {}]),
      ...Object.entries(FUNDS).map(([name, fund]): [string, string, Record<string, string>] => [name, fund.assetType, fund.weights]),
    ]) {
      const [{ id }] = await t.dataSource.query<Array<{ id: string }>>(
        `INSERT INTO assets (symbol, name, asset_type, currency) VALUES ($1, $1, $2, 'USD') RETURNING id`,
        [`HH${name.toUpperCase()}`, assetType],
      );
      for (const [weightType, percentage] of Object.entries(weights)) {
        await t.dataSource.query('INSERT INTO asset_class_weights (asset_id, asset_type, percentage) VALUES ($1, $2, $3)', [id, weightType, percentage]);
      }
      await t.dataSource.query(
        `INSERT INTO asset_prices (asset_id, price, as_of) VALUES ($1, 7, now() - interval '2 days'), ($1, $2, now() - interval '1 day')`,
        [id, PRICE],
      );
      assetOf.set(name, id);
    }
  });
  afterAll(() => t.close());

  async function given(c: Case): Promise<string> {
    const [{ id: householdId }] = await t.dataSource.query<Array<{ id: string }>>('INSERT INTO households (user_id, name) VALUES ($1, $2) RETURNING id', [
      userId,
      c.label,
    ]);
    const accounts: string[] = [];
    for (const cash of [c.cash, '0']) {
      const [{ id }] = await t.dataSource.query<Array<{ id: string }>>(
        // The accounts' own untargeted band is not the household's: it must not count.
        `INSERT INTO portfolios (user_id, household_id, name, cash, untargeted_tolerance_percentage) VALUES ($1, $2, $3, $4, 50) RETURNING id`,
        [userId, householdId, c.label, cash],
      );
      accounts.push(id);
    }
    for (const [account, name, quantity] of householdPlacements(c)) {
      await t.dataSource.query('INSERT INTO positions (portfolio_id, asset_id, quantity, cost_basis) VALUES ($1, $2, $3, 0)', [
        accounts[account],
        assetOf.get(name),
        quantity,
      ]);
    }
    for (const target of c.targets) {
      await t.dataSource.query(
        'INSERT INTO household_target_allocations (household_id, asset_type, target_percentage, tolerance_percentage, relative_tolerance_percentage) VALUES ($1, $2, $3, $4, $5)',
        [householdId, target.assetType, target.target, target.tolerance, target.relative],
      );
    }
    return householdId;
  }

  it.each(EDGES.map((c) => [c.label, c] as const))('%s', async (_label, c) => {
    const id = await given(c);
    const [row] = await t.app.get(DriftQueries).householdStatuses(t.dataSource.manager, { ids: [id] });
    expect(row.status).toBe(expected(asHousehold(c)));
  });

  it('judges a household with targets and no account as EMPTY', async () => {
    const [{ id }] = await t.dataSource.query<Array<{ id: string }>>("INSERT INTO households (user_id, name) VALUES ($1, 'No accounts') RETURNING id", [
      userId,
    ]);
    await t.dataSource.query(
      "INSERT INTO household_target_allocations (household_id, asset_type, target_percentage, tolerance_percentage) VALUES ($1, 'stock', 100, 5)",
      [id],
    );
    expect(await t.app.get(DriftQueries).householdStatuses(t.dataSource.manager, { ids: [id] })).toEqual([
      { id, status: 'EMPTY', alertLevel: null, hasHistory: false },
    ]);
  });

  it('on 300 random households, read in one range as a scan batch reads them', async () => {
    const cases = fc.sample(fc.oneof(randomCase, nearCase), { numRuns: 300, seed: 18_001 });
    const ids: string[] = [];
    for (const c of cases) ids.push(await given(c));
    const sorted = [...ids].sort();
    const rows = await t.app.get(DriftQueries).householdStatuses(t.dataSource.manager, { range: { afterId: null, throughId: sorted.at(-1) as string } });
    const statusOf = new Map(rows.map((row) => [row.id, row.status]));
    const disagreements = cases.map((c, i) => ({ c, sql: statusOf.get(ids[i]), js: expected(asHousehold(c)) })).filter(({ sql, js }) => sql !== js);
    expect(disagreements).toEqual([]);
    expect(new Set(cases.map((c) => expected(asHousehold(c))))).toEqual(new Set(['CRITICAL', 'EMPTY', 'WARNING', 'WITHIN_TOLERANCE']));
  });
});

describe('DriftQueries: the full readings and locks the evaluation takes', () => {
  let world: RepositoryWorld;
  let queries: DriftQueries;
  let owner: string;

  beforeAll(async () => {
    world = await openRepositoryWorld();
    queries = new DriftQueries();
    owner = await givenOwner(world.dataSource);
  });
  afterAll(() => world.close());

  const manager = () => world.dataSource.manager;

  it('lists the portfolios with targets in id order, and no other', async () => {
    const a = await givenPortfolio(world.dataSource, owner);
    const b = await givenPortfolio(world.dataSource, owner);
    await givenPortfolio(world.dataSource, owner);
    await givenTargets(world.dataSource, a, { stock: '100' });
    await givenTargets(world.dataSource, b, { bond: '100' });
    expect(await queries.portfoliosWithTargets(manager())).toEqual([a, b].sort());
  });

  it('reads a portfolio in full at its newest prices, with its unresolved alert', async () => {
    const portfolio = await givenPortfolio(world.dataSource, owner, { cash: '50', untargeted: '3', autoRebalance: 'SUGGEST' });
    const stock = await givenAsset(world.dataSource, 'stock', '10');
    await givenPosition(world.dataSource, portfolio, stock, '5');
    await givenTargets(world.dataSource, portfolio, { stock: '60', cash: '40' });
    await givenAlert(world.dataSource, portfolio, 'WARNING', 'RESOLVED');
    const alert = await givenAlert(world.dataSource, portfolio, 'CRITICAL', 'OPEN');
    const [reading] = await queries.readings(manager(), [portfolio]);
    expect(reading.portfolio).toEqual({ id: portfolio, userId: owner, autoRebalance: 'SUGGEST', alertId: alert });
    expect(reading.alertLevel).toBe('CRITICAL');
    expect(reading.values.map(({ assetType, value }) => [assetType, value.toFixed()])).toEqual([
      ['stock', '50'],
      ['cash', '50'],
    ]);
    expect(reading.bands.map((band) => [band.assetType, band.targetPercentage.toFixed(), band.relativeTolerancePercentage])).toEqual(
      expect.arrayContaining([
        ['stock', '60', null],
        ['cash', '40', null],
      ]),
    );
    expect(reading.untargetedBand.toFixed()).toBe('3');
  });

  it('reads a look-through fund into its classes by weight, beside a plain holding of one of them', async () => {
    const portfolio = await givenPortfolio(world.dataSource, owner);
    const fund = await givenAsset(world.dataSource, 'stock', '100');
    await world.dataSource.query("INSERT INTO asset_class_weights (asset_id, asset_type, percentage) VALUES ($1, 'stock', 60), ($1, 'bond', 40)", [fund]);
    const stock = await givenAsset(world.dataSource, 'stock', '50');
    await givenPosition(world.dataSource, portfolio, fund, '100');
    await givenPosition(world.dataSource, portfolio, stock, '100');
    await givenTargets(world.dataSource, portfolio, { stock: '70', bond: '30' });

    const [reading] = await queries.readings(manager(), [portfolio]);
    // $10,000 of the fund: 6,000 stock and 4,000 bond; with $5,000 of stock, 11,000 stock.
    const values = new Map(reading.values.map(({ assetType, value }) => [assetType, value.toFixed()]));
    expect(Object.fromEntries(values)).toEqual({ stock: '11000', bond: '4000', cash: '0' });

    const read = await queries.forDrift(manager(), owner, portfolio);
    const weightsOf = new Map(read?.positions.map((position) => [position.assetId, position.classWeights.map((w) => [w.assetType, w.percentage.toFixed()])]));
    expect(weightsOf.get(fund)).toEqual([
      ['bond', '40'],
      ['stock', '60'],
    ]);
    expect(weightsOf.get(stock)).toEqual([]);
  });

  it('leaves a portfolio without targets out of the readings', async () => {
    const bare = await givenPortfolio(world.dataSource, owner);
    expect(await queries.readings(manager(), [bare])).toEqual([]);
  });

  it("locks the portfolios for the caller's transaction", async () => {
    const portfolio = await givenPortfolio(world.dataSource, owner);
    await world.dataSource.transaction(async (tx) => {
      await queries.lockForEvaluation(tx, [portfolio]);
      const [{ locked }] = await world.dataSource.query<Array<{ locked: boolean }>>(
        'SELECT NOT EXISTS (SELECT 1 FROM portfolios WHERE id = $1 FOR NO KEY UPDATE SKIP LOCKED) AS locked',
        [portfolio],
      );
      expect(locked).toBe(true);
    });
  });

  it("reads what the drift GET needs in one statement, for the portfolio's owner only", async () => {
    const portfolio = await givenPortfolio(world.dataSource, owner, { cash: '25', untargeted: '4' });
    const stock = await givenAsset(world.dataSource, 'stock', '10');
    const bond = await givenAsset(world.dataSource, 'bond');
    await givenPosition(world.dataSource, portfolio, stock, '3');
    await givenPosition(world.dataSource, portfolio, bond, '2');
    await givenTargets(world.dataSource, portfolio, { stock: '70', bond: '30' });
    await world.dataSource.query(
      `INSERT INTO portfolio_drifts (portfolio_id, calculated_at, asset_type, current_value, current_percentage, target_percentage, tolerance_percentage, drift_percentage, drift_level)
       VALUES ($1, '2026-01-01', 'stock', 1, 1, 70, 5, 0, 'WITHIN_TOLERANCE'), ($1, '2026-01-02', 'stock', 30, 100, 70, 5, 30, 'CRITICAL')`,
      [portfolio],
    );
    const read = await queries.forDrift(manager(), owner, portfolio);
    expect(read?.cash.toFixed()).toBe('25');
    expect(read?.untargetedBand.toFixed()).toBe('4');
    expect(read?.bands.map((band) => [band.assetType, band.targetPercentage.toFixed()])).toEqual([
      ['bond', '30'],
      ['stock', '70'],
    ]);
    const byType = new Map(read?.positions.map((position) => [position.assetType, position]));
    expect(byType.get('stock')).toMatchObject({ assetId: stock, quantity: new Big('3'), price: new Big('10') });
    expect(byType.get('stock')?.asOf).toBeInstanceOf(Date);
    expect(byType.get('bond')).toMatchObject({ assetId: bond, price: null, asOf: null });
    expect(read?.latest.map((fact) => [fact.assetType, fact.currentValue.toFixed()])).toEqual([['stock', '30']]);

    const stranger = await givenOwner(world.dataSource, 'stranger');
    expect(await queries.forDrift(manager(), stranger, portfolio)).toBeNull();
    const bare = await givenPortfolio(world.dataSource, owner);
    expect(await queries.forDrift(manager(), owner, bare)).toMatchObject({ bands: [], positions: [], latest: [] });
  });

  it("reads a household in full over its accounts, lists the households with targets, and locks a household's evaluation", async () => {
    const [{ id: household }] = await world.dataSource.query<Array<{ id: string }>>(
      "INSERT INTO households (user_id, name, auto_rebalance) VALUES ($1, 'Two accounts', 'SUGGEST') RETURNING id",
      [owner],
    );
    const insertAccount = async (cash: string) =>
      (
        await world.dataSource.query<Array<{ id: string }>>('INSERT INTO portfolios (user_id, household_id, name, cash) VALUES ($1, $2, $3, $4) RETURNING id', [
          owner,
          household,
          'Account',
          cash,
        ])
      )[0].id;
    const brokerage = await insertAccount('30');
    const ira = await insertAccount('20');
    const stock = await givenAsset(world.dataSource, 'stock', '10');
    await givenPosition(world.dataSource, brokerage, stock, '5');
    await givenPosition(world.dataSource, ira, stock, '2');
    await world.dataSource.query(
      "INSERT INTO household_target_allocations (household_id, asset_type, target_percentage, tolerance_percentage) VALUES ($1, 'stock', 60, 5), ($1, 'cash', 40, 5)",
      [household],
    );
    const [{ id: alert }] = await world.dataSource.query<Array<{ id: string }>>(
      `INSERT INTO drift_alerts (household_id, status, level, total_value, total_drift, items, level_changed_at) VALUES ($1, 'OPEN', 'WARNING', 1, 1, '[]', now()) RETURNING id`,
      [household],
    );

    const [reading] = await queries.householdReadings(manager(), [household]);
    expect(reading.household).toEqual({ id: household, userId: owner, autoRebalance: 'SUGGEST', alertId: alert });
    expect(reading.alertLevel).toBe('WARNING');
    // 7 stock at $10 over both accounts, and $50 of cash.
    expect(reading.values.map(({ assetType, value }) => [assetType, value.toFixed()])).toEqual([
      ['stock', '70'],
      ['cash', '50'],
    ]);
    expect(await queries.householdsWithTargets(manager())).toContain(household);
    expect(await queries.householdsWithTargetsOf(manager(), [brokerage, ira])).toEqual([household]);
    const bare = await givenPortfolio(world.dataSource, owner);
    expect(await queries.householdsWithTargetsOf(manager(), [bare])).toEqual([]);

    await world.dataSource.transaction(async (tx) => {
      await queries.lockHouseholdsForEvaluation(tx, [household]);
      const [{ free }] = await world.dataSource.query<Array<{ free: boolean }>>(
        "SELECT pg_try_advisory_xact_lock(hashtextextended('household-alert:' || $1::text, 0)) AS free",
        [household],
      );
      expect(free).toBe(false);
    });
  });
});
