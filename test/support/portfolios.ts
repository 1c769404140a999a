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

/** Every row of every table, in a stable order: proves a refused or read-only request changed nothing. */
export async function snapshotDatabase(t: TestApp): Promise<Record<string, unknown[]>> {
  const tables: Array<{ table_name: string }> = await t.dataSource.query(
    // Rate-limit counters move on every authenticated request, read-only ones included: they are bookkeeping, not data.
    "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'rate_limit_counters' ORDER BY table_name",
  );
  const snapshot: Record<string, unknown[]> = {};
  for (const { table_name: table } of tables) {
    // Ordering by the whole row's text makes the comparison independent of physical order.
    snapshot[table] = await t.dataSource.query(`SELECT row_to_json(t)::text AS row FROM "${table}" t ORDER BY 1`);
  }
  return snapshot;
}
