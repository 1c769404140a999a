import type { TestApp } from './test-app';
import type { TestUser } from './auth';
import type { TestAsset } from './catalogue';

export async function givenPortfolio(t: TestApp, owner: TestUser, body: Record<string, unknown> = {}): Promise<string> {
  const response = await t
    .http()
    .post('/api/v1/portfolios')
    .set(owner.auth)
    .send({ name: 'Test portfolio', ...body })
    .expect(201);
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

/**
 * 100,000 deposited in January 2026, then 600 of stock and 300 of bond bought at 100: 60,000 stock,
 * 30,000 bond, 10,000 cash (both assets priced 100), with these targets. Returns the portfolio id.
 */
export async function givenSixtyThirtyTen(
  t: TestApp,
  owner: TestUser,
  assets: { stock: TestAsset; bond: TestAsset },
  targets: Array<Record<string, unknown>>,
): Promise<string> {
  const id = await givenPortfolio(t, owner);
  await record(t, owner, id, { type: 'DEPOSIT', amount: '100000', executedAt: '2026-01-01T15:00:00.000Z' });
  await record(t, owner, id, { type: 'BUY', assetId: assets.stock.id, quantity: '600', price: '100', executedAt: '2026-01-02T15:00:00.000Z' });
  await record(t, owner, id, { type: 'BUY', assetId: assets.bond.id, quantity: '300', price: '100', executedAt: '2026-01-02T15:00:00.000Z' });
  await t.http().put(`/api/v1/portfolios/${id}/targets`).set(owner.auth).send({ targets }).expect(200);
  return id;
}
