import { randomUUID } from 'node:crypto';
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from '../../src/database/data-source-options';
import { givenDefaultHousehold } from './default-household';
import { createTestDatabase, type TestDatabase } from './test-database';

/**
 * A fresh migrated database with a plain TypeORM DataSource, for repository specs: the repositories
 * are constructed directly on it, no application around them. Factories insert rows in SQL, so a
 * spec builds its world without the code under test.
 */
export interface RepositoryWorld {
  dataSource: DataSource;
  database: TestDatabase;
  close(): Promise<void>;
}

export async function openRepositoryWorld(): Promise<RepositoryWorld> {
  const database = await createTestDatabase();
  const dataSource = new DataSource(buildDataSourceOptions({ url: database.url }));
  await dataSource.initialize();
  return {
    dataSource,
    database,
    close: async () => {
      await dataSource.destroy();
      await database.drop();
    },
  };
}

async function insertReturningId(db: DataSource, sql: string, params: unknown[]): Promise<string> {
  const [{ id }] = await db.query<Array<{ id: string }>>(sql, params);
  return id;
}

export function givenUser(db: DataSource, name = 'owner'): Promise<string> {
  return insertReturningId(db, 'INSERT INTO users (email, password_hash) VALUES ($1, $2) RETURNING id', [`${name}-${randomUUID()}@example.com`, 'x']);
}

export async function givenPortfolio(
  db: DataSource,
  userId: string,
  options: { cash?: string; untargeted?: string; autoRebalance?: 'OFF' | 'SUGGEST' } = {},
): Promise<string> {
  const householdId = await givenDefaultHousehold(db, userId);
  return insertReturningId(
    db,
    'INSERT INTO portfolios (user_id, household_id, name, cash, untargeted_tolerance_percentage, auto_rebalance) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id',
    [userId, householdId, 'Portfolio', options.cash ?? '0', options.untargeted ?? '0', options.autoRebalance ?? 'OFF'],
  );
}

/** An asset with its newest price (and an older one, so a read must pick the newest). */
export async function givenAsset(db: DataSource, assetType: string, price?: string): Promise<string> {
  const symbol = `A${randomUUID().slice(0, 8).toUpperCase()}`;
  const id = await insertReturningId(db, `INSERT INTO assets (symbol, name, asset_type, currency) VALUES ($1, $1, $2, 'USD') RETURNING id`, [
    symbol,
    assetType,
  ]);
  if (price !== undefined) {
    await db.query(`INSERT INTO asset_prices (asset_id, price, as_of) VALUES ($1, 999, now() - interval '2 days'), ($1, $2, now() - interval '1 day')`, [
      id,
      price,
    ]);
  }
  return id;
}

export async function givenPosition(db: DataSource, portfolioId: string, assetId: string, quantity: string): Promise<void> {
  await db.query('INSERT INTO positions (portfolio_id, asset_id, quantity, cost_basis) VALUES ($1, $2, $3, 0)', [portfolioId, assetId, quantity]);
}

export async function givenTargets(db: DataSource, portfolioId: string, targets: Record<string, string>, tolerance = '5'): Promise<void> {
  for (const [assetType, target] of Object.entries(targets)) {
    await db.query('INSERT INTO target_allocations (portfolio_id, asset_type, target_percentage, tolerance_percentage) VALUES ($1, $2, $3, $4)', [
      portfolioId,
      assetType,
      target,
      tolerance,
    ]);
  }
}

export function givenAlert(
  db: DataSource,
  portfolioId: string,
  level: 'WARNING' | 'CRITICAL',
  status: 'OPEN' | 'ACKNOWLEDGED' | 'RESOLVED' = 'OPEN',
): Promise<string> {
  return insertReturningId(
    db,
    `INSERT INTO drift_alerts (portfolio_id, status, level, total_value, total_drift, items, level_changed_at, resolved_at)
     VALUES ($1, $2::varchar, $3, 100, 10, '[]', now(), CASE WHEN $2::varchar = 'RESOLVED' THEN now() END) RETURNING id`,
    [portfolioId, status, level],
  );
}

export async function givenDeposit(db: DataSource, portfolioId: string, amount: string): Promise<void> {
  await db.query(`INSERT INTO transactions (portfolio_id, type, executed_at, amount) VALUES ($1, 'DEPOSIT', now(), $2)`, [portfolioId, amount]);
}

export function givenWebhookEndpoint(db: DataSource, userId: string, events: string[]): Promise<string> {
  return insertReturningId(db, 'INSERT INTO webhook_endpoints (user_id, url, events, secret) VALUES ($1, $2, $3, $4) RETURNING id', [
    userId,
    'https://example.com/hook',
    events,
    'whsec_test',
  ]);
}
