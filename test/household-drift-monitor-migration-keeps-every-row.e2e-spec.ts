import type { DataSource } from 'typeorm';
import { HouseholdDriftMonitor1795500800000 } from '../migrations/1795500800000-HouseholdDriftMonitor';
import { givenAlert, givenPortfolio, givenUser, openRepositoryWorld, type RepositoryWorld } from './support/repository-world';

type Snapshot = Record<string, string[]>;

/** The tables the household drift monitor migration alters, with the columns they had before it. */
const ALTERED = ['drift_alerts', 'drift_scans', 'portfolio_drifts'];

async function columnsOf(db: DataSource, table: string): Promise<string[]> {
  const rows = await db.query<Array<{ column_name: string }>>(
    "SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1 ORDER BY ordinal_position",
    [table],
  );
  return rows.map((row) => row.column_name);
}

/** Reverts the migrations newest first, down to and including this one: later ones go first, as the version before had none of them. */
async function revertThroughDriftMonitor(db: DataSource): Promise<void> {
  for (;;) {
    const [last] = await db.query<Array<{ name: string }>>('SELECT name FROM migrations ORDER BY id DESC LIMIT 1');
    await db.undoLastMigration({ transaction: 'each' });
    if (last.name === HouseholdDriftMonitor1795500800000.name) return;
  }
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

/**
 * A database as the version before household drift monitoring leaves it: portfolio alerts (open,
 * acknowledged, resolved), a drift history and a finished scan. Migrating keeps every row exactly,
 * each alert a portfolio's (household_id null), each scan counting no household; reverting (with no
 * household alert stored) gives the same rows back.
 */
describe('household drift monitor migration: a database of the previous version keeps every row', () => {
  let world: RepositoryWorld;
  let previousShape: Map<string, string[]>;
  let before: Snapshot;

  beforeAll(async () => {
    world = await openRepositoryWorld();
    const db = world.dataSource;
    await revertThroughDriftMonitor(db);

    const owner = await givenUser(db);
    const first = await givenPortfolio(db, owner);
    const second = await givenPortfolio(db, owner, { autoRebalance: 'SUGGEST' });
    await givenAlert(db, first, 'WARNING', 'RESOLVED');
    await givenAlert(db, first, 'CRITICAL', 'ACKNOWLEDGED');
    await givenAlert(db, second, 'WARNING', 'OPEN');
    await db.query(
      `INSERT INTO portfolio_drifts (portfolio_id, calculated_at, asset_type, current_value, current_percentage, target_percentage, tolerance_percentage, drift_percentage, drift_level)
       VALUES ($1, '2026-01-01', 'stock', 6500.12345678, 65.0012, 60, 5, 5.0012, 'WARNING'), ($1, '2026-01-01', 'bond', 3500, 34.9988, 40, 5, -5.0012, 'WARNING')`,
      [first],
    );
    await db.query(
      `INSERT INTO drift_scans (trigger, status, portfolio_count, batch_count, batches_done, evaluated_count, alerts_opened, finished_at)
       VALUES ('SCHEDULED', 'COMPLETED', 2, 1, 1, 2, 1, now())`,
    );

    previousShape = new Map();
    for (const table of ALTERED) previousShape.set(table, await columnsOf(db, table));
    before = await snapshot(db, previousShape);
    await db.runMigrations({ transaction: 'each' });
  });
  afterAll(() => world.close());

  it('keeps every row of the altered tables exactly', async () => {
    expect(previousShape.get('drift_alerts')).not.toContain('household_id');
    expect(before.drift_alerts).toHaveLength(3);
    expect(before.portfolio_drifts).toHaveLength(2);
    expect(await snapshot(world.dataSource, previousShape)).toEqual(before);
  });

  it('makes every existing alert a portfolio alert and every existing scan one of no household', async () => {
    expect(
      await world.dataSource.query(
        'SELECT count(*)::int AS n, count(household_id)::int AS households, count(portfolio_id)::int AS portfolios FROM drift_alerts',
      ),
    ).toEqual([{ n: 3, households: 0, portfolios: 3 }]);
    expect(await world.dataSource.query('SELECT household_count FROM drift_scans')).toEqual([{ household_count: 0 }]);
    expect(await world.dataSource.query('SELECT count(*)::int AS n FROM household_drifts')).toEqual([{ n: 0 }]);
  });

  it('reverts to the same rows', async () => {
    await revertThroughDriftMonitor(world.dataSource);
    for (const table of ALTERED) expect(await columnsOf(world.dataSource, table)).toEqual(previousShape.get(table));
    expect(await snapshot(world.dataSource, previousShape)).toEqual(before);
    await world.dataSource.runMigrations({ transaction: 'each' });
  });
});
