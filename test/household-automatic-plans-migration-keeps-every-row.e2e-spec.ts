import type { DataSource } from 'typeorm';
import { HouseholdAutomaticPlans1795500900000 } from '../migrations/1795500900000-HouseholdAutomaticPlans';
import { givenAlert, givenAsset, givenPortfolio, givenUser, openRepositoryWorld, type RepositoryWorld } from './support/repository-world';

type Snapshot = Record<string, string[]>;

/** The tables the automatic household plans migration alters, with the columns they had before it. */
const ALTERED = ['households', 'household_rebalancing_plans', 'household_rebalancing_plan_items', 'drift_alerts'];

async function columnsOf(db: DataSource, table: string): Promise<string[]> {
  const rows = await db.query<Array<{ column_name: string }>>(
    "SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1 ORDER BY ordinal_position",
    [table],
  );
  return rows.map((row) => row.column_name);
}

/** Every row of the altered tables, the given columns only, as exact JSON text in a stable order. */
async function snapshot(db: DataSource, shape: Map<string, string[]>): Promise<Snapshot> {
  const result: Snapshot = {};
  for (const [table, columns] of shape) {
    const fields = columns.map((column) => `'${column}', t."${column}"`).join(', ');
    const rows = await db.query<Array<{ row: string }>>(`SELECT json_build_object(${fields})::text AS row FROM "${table}" t ORDER BY 1`);
    result[table] = rows.map((row) => row.row);
  }
  return result;
}

async function queueExists(db: DataSource): Promise<boolean> {
  const [{ n }] = await db.query<Array<{ n: number }>>("SELECT count(*)::int AS n FROM pgboss.queue WHERE name = 'household-auto-plan'");
  return n === 1;
}

/**
 * A database as the version before automatic household plans leaves it: households with their own
 * rates, a household plan executed and one pending with its items, a portfolio alert linked to its
 * automatic plan and a household alert without one. Migrating keeps every row exactly, every
 * household OFF, every household plan MANUAL and not cancelled, every alert's household plan null;
 * reverting gives the same rows back.
 */
describe('automatic household plans migration: a database of the previous version keeps every row', () => {
  let world: RepositoryWorld;
  let previousShape: Map<string, string[]>;
  let before: Snapshot;

  beforeAll(async () => {
    world = await openRepositoryWorld();
    const db = world.dataSource;
    const [last] = await db.query<Array<{ name: string }>>('SELECT name FROM migrations ORDER BY id DESC LIMIT 1');
    expect(last.name).toBe(HouseholdAutomaticPlans1795500900000.name);
    await db.undoLastMigration({ transaction: 'each' });

    const owner = await givenUser(db);
    const portfolio = await givenPortfolio(db, owner, { cash: '1000.5', autoRebalance: 'SUGGEST' });
    const [{ id: household }] = await db.query<Array<{ id: string }>>(
      "INSERT INTO households (user_id, name, external_id, short_term_rate, long_term_rate) VALUES ($1, 'The Parks', 'crm-1', 32.5, 15) RETURNING id",
      [owner],
    );
    await db.query("UPDATE portfolios SET household_id = $1, account_type = 'TAX_DEFERRED' WHERE id = $2", [household, portfolio]);
    const stock = await givenAsset(db, 'stock', '150');
    const insertPlan = async (status: string) =>
      (
        await db.query<Array<{ id: string }>>(
          `INSERT INTO household_rebalancing_plans (household_id, status, options, holdings_version, prices, accounts, report, warnings, execution, executed_at)
           VALUES ($1, $2::varchar, '{"mode":"TO_TARGET"}', 'v1', $3, '[]', '{}', '["No price for BTC: valued at 0"]',
                   CASE WHEN $2::varchar = 'EXECUTED' THEN '{"transactions":1,"totalBuys":"0","totalSells":"1200"}'::jsonb END,
                   CASE WHEN $2::varchar = 'EXECUTED' THEN now() END) RETURNING id`,
          [household, status, JSON.stringify({ [stock]: '150' })],
        )
      )[0].id;
    for (const status of ['EXECUTED', 'PENDING']) {
      const plan = await insertPlan(status);
      await db.query(
        `INSERT INTO household_rebalancing_plan_items (plan_id, ordinal, portfolio_id, asset_id, symbol, side, quantity, price, reason, status, executed_at)
         VALUES ($1, 0, $2, $3, 'ASTK', 'SELL', 8.12345678, 150, 'Back to target', $4::varchar, CASE WHEN $4::varchar = 'EXECUTED' THEN now() END)`,
        [plan, portfolio, stock, status],
      );
    }
    const [{ id: portfolioPlan }] = await db.query<Array<{ id: string }>>(
      `INSERT INTO rebalancing_plans (portfolio_id, status, options, origin, holdings_version, summary, warnings)
       VALUES ($1, 'PENDING', '{}', 'AUTOMATIC', 'v1', '{}', '[]') RETURNING id`,
      [portfolio],
    );
    const portfolioAlert = await givenAlert(db, portfolio, 'WARNING');
    await db.query('UPDATE drift_alerts SET plan_id = $1 WHERE id = $2', [portfolioPlan, portfolioAlert]);
    await db.query(
      `INSERT INTO drift_alerts (household_id, status, level, total_value, total_drift, items, level_changed_at) VALUES ($1, 'OPEN', 'CRITICAL', 13000, 21.8182, '[]', now())`,
      [household],
    );

    previousShape = new Map();
    for (const table of ALTERED) previousShape.set(table, await columnsOf(db, table));
    before = await snapshot(db, previousShape);
    await db.runMigrations({ transaction: 'each' });
  });
  afterAll(() => world.close());

  it('keeps every row of the altered tables exactly', async () => {
    expect(previousShape.get('households')).not.toContain('auto_rebalance');
    expect(previousShape.get('drift_alerts')).not.toContain('household_plan_id');
    expect(
      [before.households, before.household_rebalancing_plans, before.household_rebalancing_plan_items, before.drift_alerts].map((rows) => rows.length),
    ).toEqual([2, 2, 2, 2]);
    expect(await snapshot(world.dataSource, previousShape)).toEqual(before);
  });

  it('leaves every household OFF, every household plan MANUAL and not cancelled, and no alert linked to a household plan', async () => {
    const db = world.dataSource;
    expect(await db.query('SELECT auto_rebalance, count(*)::int AS n FROM households GROUP BY 1')).toEqual([{ auto_rebalance: 'OFF', n: 2 }]);
    expect(await db.query('SELECT origin, count(cancelled_at)::int AS cancelled, count(*)::int AS n FROM household_rebalancing_plans GROUP BY 1')).toEqual([
      { origin: 'MANUAL', cancelled: 0, n: 2 },
    ]);
    expect(await db.query('SELECT count(plan_id)::int AS portfolio_plans, count(household_plan_id)::int AS household_plans FROM drift_alerts')).toEqual([
      { portfolio_plans: 1, household_plans: 0 },
    ]);
    expect(await queueExists(db)).toBe(true);
  });

  it("refuses a link that does not fit the alert's subject", async () => {
    const db = world.dataSource;
    const [{ plan }] = await db.query<Array<{ plan: string }>>("SELECT id AS plan FROM household_rebalancing_plans WHERE status = 'PENDING'");
    await expect(db.query('UPDATE drift_alerts SET household_plan_id = $1 WHERE portfolio_id IS NOT NULL', [plan])).rejects.toThrow(
      /CHK_drift_alerts_plan_fits_subject/,
    );
    const [{ portfolioPlan }] = await db.query<Array<{ portfolioPlan: string }>>('SELECT id AS "portfolioPlan" FROM rebalancing_plans');
    await expect(db.query('UPDATE drift_alerts SET plan_id = $1 WHERE household_id IS NOT NULL', [portfolioPlan])).rejects.toThrow(
      /CHK_drift_alerts_plan_fits_subject/,
    );
  });

  it('reverts to the same rows', async () => {
    await world.dataSource.undoLastMigration({ transaction: 'each' });
    for (const table of ALTERED) expect(await columnsOf(world.dataSource, table)).toEqual(previousShape.get(table));
    expect(await snapshot(world.dataSource, previousShape)).toEqual(before);
    expect(await queueExists(world.dataSource)).toBe(false);
    await world.dataSource.runMigrations({ transaction: 'each' });
    expect(await queueExists(world.dataSource)).toBe(true);
  });
});
