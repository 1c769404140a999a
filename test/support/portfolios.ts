import type { TestApp } from './test-app';
import type { TestUser } from './auth';

export async function givenPortfolio(t: TestApp, owner: TestUser, body: Record<string, unknown> = {}): Promise<string> {
  const response = await t.http().post('/api/v1/portfolios').set(owner.auth).send({ name: 'Test portfolio', ...body }).expect(201);
  return response.body.id as string;
}

/** Records a transaction and expects it accepted; returns its id. */
export async function record(t: TestApp, owner: TestUser, portfolioId: string, body: Record<string, unknown>): Promise<string> {
  const response = await t.http().post(`/api/v1/portfolios/${portfolioId}/transactions`).set(owner.auth).send(body);
  if (response.status !== 201) throw new Error(`transaction refused: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body.id as string;
}

/** A snapshot of every table a request could change, to prove a refused one changed nothing. */
export async function snapshotLedger(t: TestApp): Promise<unknown> {
  const tables = ['portfolios', 'transactions', 'positions', 'tax_lots', 'realized_gains'];
  const snapshot: Record<string, unknown> = {};
  const order = (table: string) => (table === 'positions' ? 'portfolio_id, asset_id' : 'id');
  for (const table of tables) snapshot[table] = await t.dataSource.query(`SELECT * FROM ${table} ORDER BY ${order(table)}`);
  return snapshot;
}
