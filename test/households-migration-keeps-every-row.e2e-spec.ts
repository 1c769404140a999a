import type { DataSource } from 'typeorm';
import { Households1795500200000 } from '../migrations/1795500200000-Households';
import { LedgerService } from '../src/portfolio/ledger.service';
import { givenAdmin, givenUser, type TestUser } from './support/auth';
import { givenAsset } from './support/catalogue';
import { givenPortfolio, record } from './support/portfolios';
import { createTestApp, type TestApp } from './support/test-app';

type Snapshot = Record<string, string[]>;

/** Tables that change by themselves (bookkeeping of the runner and of the rate limiter), not data. */
const BOOKKEEPING = ['migrations', 'rate_limit_counters'];

/** The public tables and their columns as they are now. */
async function shapeOf(db: DataSource): Promise<Map<string, string[]>> {
  const rows: Array<{ table_name: string; column_name: string }> = await db.query(
    `SELECT c.table_name, c.column_name FROM information_schema.columns c
       JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
      WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE' ORDER BY c.table_name, c.ordinal_position`,
  );
  const shape = new Map<string, string[]>();
  for (const row of rows) {
    if (BOOKKEEPING.includes(row.table_name)) continue;
    shape.set(row.table_name, [...(shape.get(row.table_name) ?? []), row.column_name]);
  }
  return shape;
}

/** Every row of the given tables, only the given columns, as exact JSON text in a stable order. */
async function snapshot(db: DataSource, shape: Map<string, string[]>): Promise<Snapshot> {
  const result: Snapshot = {};
  for (const [table, columns] of shape) {
    const fields = columns.map((column) => `'${column}', t."${column}"`).join(', ');
    const rows: Array<{ row: string }> = await db.query(`SELECT json_build_object(${fields})::text AS row FROM "${table}" t ORDER BY 1`);
    result[table] = rows.map((row) => row.row);
  }
  return result;
}

/**
 * A database as the previous version leaves it (the households migration reverted: no household, no
 * account type), filled through the API with every kind of ledger row: lot methods FIFO, LIFO and
 * SPECIFIC_ID, a TRANSFER_IN with its own acquisition date, a dividend, a fee, a withdrawal, and a
 * wash sale across two portfolios of one user. Migrating it keeps every row of every table exactly,
 * puts each user's portfolios in one default household, and a replay on the migrated schema writes
 * the very same derived rows.
 */

/**
 * Reverts the migrations newest first, down to and including the households one: the schema the
 * version before households ran on (later migrations, which that version did not have either, go first).
 */
async function revertThroughHouseholds(dataSource: DataSource): Promise<void> {
  for (;;) {
    const [last] = await dataSource.query<Array<{ name: string }>>('SELECT name FROM migrations ORDER BY id DESC LIMIT 1');
    await dataSource.undoLastMigration({ transaction: 'each' });
    if (last.name === Households1795500200000.name) return;
  }
}

describe('households migration: a database of the previous version keeps every row', () => {
  let t: TestApp;
  let alice: TestUser;
  let bob: TestUser;
  let carol: TestUser;
  let previousShape: Map<string, string[]>;
  let before: Snapshot;

  beforeAll(async () => {
    t = await createTestApp();
    const admin = await givenAdmin(t);
    alice = await givenUser(t, 'alice');
    bob = await givenUser(t, 'bob');
    // Carol has no portfolio: she gets no household.
    carol = await givenUser(t, 'carol');
    const x = await givenAsset(t, admin, { symbol: 'MIGX', assetType: 'stock', price: '95' });
    const y = await givenAsset(t, admin, { symbol: 'MIGY', assetType: 'bond', price: '41' });

    // Brokerage (FIFO): 10 X at 100, 10 X at 50, then 10 sold at 80: FIFO relieves the lot at 100, a loss of 200.
    const brokerage = await givenPortfolio(t, alice, { name: 'Brokerage' });
    await record(t, alice, brokerage, { type: 'DEPOSIT', amount: '10000', executedAt: '2025-01-02T15:00:00Z' });
    await record(t, alice, brokerage, { type: 'BUY', assetId: x.id, quantity: '10', price: '100', executedAt: '2025-01-06T15:00:00Z' });
    await record(t, alice, brokerage, { type: 'BUY', assetId: x.id, quantity: '10', price: '50', executedAt: '2025-03-03T15:00:00Z' });
    await record(t, alice, brokerage, { type: 'SELL', assetId: x.id, quantity: '10', price: '80', fee: '0', executedAt: '2025-06-02T15:00:00Z' });
    await record(t, alice, brokerage, { type: 'DIVIDEND', amount: '12.5', executedAt: '2025-06-20T15:00:00Z' });
    // Second (LIFO) buys 5 X ten days after that loss: 5 of the 10 shares are replaced, 100 of the 200 disallowed and added to this lot.
    const second = await givenPortfolio(t, alice, { name: 'Second', lotMethod: 'LIFO' });
    await record(t, alice, second, { type: 'DEPOSIT', amount: '5000', executedAt: '2025-01-02T15:00:00Z' });
    await record(t, alice, second, { type: 'BUY', assetId: x.id, quantity: '5', price: '82', executedAt: '2025-06-12T15:00:00Z' });
    await record(t, alice, second, { type: 'FEE', amount: '2.25', executedAt: '2025-07-01T15:00:00Z' });
    // Picks (SPECIFIC_ID): 4 Y transferred in (bought 2023 at 25), 3 bought at 30, 2 of the transferred sold at 40: long-term, +30.
    const picks = await givenPortfolio(t, alice, { name: 'Picks', lotMethod: 'SPECIFIC_ID' });
    await record(t, alice, picks, { type: 'DEPOSIT', amount: '3000', executedAt: '2025-02-01T15:00:00Z' });
    const transferred = await record(t, alice, picks, {
      type: 'TRANSFER_IN',
      assetId: y.id,
      quantity: '4',
      costPerUnit: '25',
      acquiredAt: '2023-05-01T15:00:00Z',
      executedAt: '2025-02-02T15:00:00Z',
    });
    await record(t, alice, picks, { type: 'BUY', assetId: y.id, quantity: '3', price: '30', fee: '1', executedAt: '2025-02-03T15:00:00Z' });
    await record(t, alice, picks, {
      type: 'SELL',
      assetId: y.id,
      quantity: '2',
      price: '40',
      lots: [{ lotId: transferred, quantity: '2' }],
      executedAt: '2025-03-03T15:00:00Z',
    });
    await record(t, alice, picks, { type: 'WITHDRAWAL', amount: '100', executedAt: '2025-03-04T15:00:00Z' });
    const bobs = await givenPortfolio(t, bob, { name: 'Bob' });
    await record(t, bob, bobs, { type: 'DEPOSIT', amount: '1000', executedAt: '2025-01-02T15:00:00Z' });
    await record(t, bob, bobs, { type: 'BUY', assetId: x.id, quantity: '3', price: '90', executedAt: '2025-06-10T15:00:00Z' });

    // The previous version's schema, with the rows it would hold.
    await revertThroughHouseholds(t.dataSource);
    previousShape = await shapeOf(t.dataSource);
    before = await snapshot(t.dataSource, previousShape);
    await t.dataSource.runMigrations({ transaction: 'each' });
  });
  afterAll(() => t.close());

  it('reverting leaves the previous schema: no households, portfolios without account type', () => {
    expect(previousShape.has('households')).toBe(false);
    expect(previousShape.get('portfolios')).not.toContain('household_id');
    expect(previousShape.get('realized_gains')).not.toContain('taxable');
  });

  it('the data is what the story says: a wash sale across portfolios, a long-term gain by specific lot', () => {
    const gains = before.realized_gains.map((row) => JSON.parse(row) as Record<string, unknown>);
    expect(
      gains
        .map((gain) => [gain.term, gain.quantity, gain.proceeds, gain.cost_basis, gain.gain, gain.wash_sale_disallowed, gain.reportable_gain])
        .sort((a, b) => String(a[4]).localeCompare(String(b[4]))),
    ).toEqual([
      ['SHORT', 10, 800, 1000, -200, 100, -100],
      ['LONG', 2, 80, 50, 30, 0, 30],
    ]);
    const lots = before.tax_lots.map((row) => JSON.parse(row) as Record<string, unknown>);
    // The replacement lot: 5 at 82 = 410, plus the 100 disallowed.
    expect(lots.filter((lot) => lot.wash_sale_adjustment !== 0).map((lot) => [lot.quantity, lot.cost_basis, lot.wash_sale_adjustment])).toEqual([
      [5, 510, 100],
    ]);
  });

  it('keeps every row of every table, column for column', async () => {
    expect(await snapshot(t.dataSource, previousShape)).toEqual(before);
  });

  it("puts every user's portfolios in their one default household; a user without portfolios gets none", async () => {
    const households: Array<{ email: string; name: string; is_default: boolean; portfolios: number; since_first: boolean }> = await t.dataSource.query(
      `SELECT u.email, h.name, h.is_default, (SELECT count(*)::int FROM portfolios p WHERE p.household_id = h.id) AS portfolios,
              h.created_at = (SELECT min(p.created_at) FROM portfolios p WHERE p.user_id = u.id) AS since_first
         FROM households h JOIN users u ON u.id = h.user_id ORDER BY u.email`,
    );
    expect(households).toEqual([
      { email: alice.email, name: 'Default household', is_default: true, portfolios: 3, since_first: true },
      { email: bob.email, name: 'Default household', is_default: true, portfolios: 1, since_first: true },
    ]);
    expect(await t.dataSource.query('SELECT count(*)::int AS n FROM households WHERE user_id = $1', [carol.id])).toEqual([{ n: 0 }]);
    expect(
      await t.dataSource.query(
        `SELECT count(*)::int AS n FROM portfolios p JOIN households h ON h.id = p.household_id WHERE h.user_id <> p.user_id OR NOT h.is_default`,
      ),
    ).toEqual([{ n: 0 }]);
  });

  it('marks what existed as it was treated: taxable accounts, taxable gains, nothing lost for good, no external ids', async () => {
    expect(await t.dataSource.query(`SELECT DISTINCT account_type, external_id FROM portfolios`)).toEqual([{ account_type: 'TAXABLE', external_id: null }]);
    expect(await t.dataSource.query(`SELECT DISTINCT taxable, wash_sale_lost_for_good::text AS lost FROM realized_gains`)).toEqual([
      { taxable: true, lost: '0' },
    ]);
  });

  it('a replay on the migrated schema writes the very same derived rows', async () => {
    const ledger = t.app.get(LedgerService);
    for (const user of [alice, bob]) {
      await t.dataSource.transaction(async (tx) => {
        // Every portfolio of the user is in its default household, so one of them names the scope.
        const [{ id }] = await tx.query<Array<{ id: string }>>('SELECT id FROM portfolios WHERE user_id = $1 LIMIT 1', [user.id]);
        await ledger.rederive(tx, (await ledger.lockScopeOf(tx, user.id, id)) as string);
      });
    }
    // A replay stamps the portfolios whose cash it rewrites (updated_at); every figure stays.
    const withoutStamp = (all: Snapshot): Snapshot => ({ ...all, portfolios: all.portfolios.map((row) => row.replace(/"updated_at" : "[^"]+"/, '')) });
    expect(withoutStamp(await snapshot(t.dataSource, previousShape))).toEqual(withoutStamp(before));
  });

  it('down and up again is a round trip', async () => {
    const previous = await snapshot(t.dataSource, previousShape);
    await revertThroughHouseholds(t.dataSource);
    expect(await shapeOf(t.dataSource)).toEqual(previousShape);
    expect(await snapshot(t.dataSource, previousShape)).toEqual(previous);
    await t.dataSource.runMigrations({ transaction: 'each' });
    expect(await snapshot(t.dataSource, previousShape)).toEqual(previous);
    expect(await t.dataSource.query('SELECT count(*)::int AS n, bool_and(is_default) AS all_default FROM households')).toEqual([{ n: 2, all_default: true }]);
  });
});
