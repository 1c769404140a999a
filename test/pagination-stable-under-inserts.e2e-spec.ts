import { givenAdmin, givenApiKey, givenUser, type TestUser } from './support/auth';
import { givenAsset, type TestAsset } from './support/catalogue';
import { givenPortfolio, record } from './support/portfolios';
import { createTestApp, type TestApp } from './support/test-app';

const DAY = (n: number) => new Date(Date.UTC(2026, 0, 1 + n, 15)).toISOString();
type Row = Record<string, unknown>;

describe('pagination: every list pages by an opaque cursor, and inserts between pages skip or repeat nothing', () => {
  let t: TestApp;
  let owner: TestUser;
  let assets: TestAsset[];

  beforeAll(async () => {
    t = await createTestApp();
    const admin = await givenAdmin(t);
    owner = await givenUser(t);
    assets = [];
    for (const symbol of ['PGA', 'PGB', 'PGC']) assets.push(await givenAsset(t, admin, { symbol, assetType: 'stock', price: '10' }));
  });
  afterAll(() => t.close());

  async function page(path: string, limit: number, cursor?: string): Promise<{ items: Row[]; nextCursor: string | null }> {
    const query: Record<string, string | number> = { limit };
    if (cursor) query.cursor = cursor;
    return (await t.http().get(path).query(query).set(owner.auth).expect(200)).body;
  }

  it('walks the open lots while lots are added behind and ahead of the cursor', async () => {
    const id = await givenPortfolio(t, owner);
    await record(t, owner, id, { type: 'DEPOSIT', amount: '10000', executedAt: DAY(0) });
    for (const day of [1, 2, 3, 4]) await record(t, owner, id, { type: 'BUY', assetId: assets[0].id, quantity: '1', price: '10', executedAt: DAY(day) });
    const lots = `/api/v1/portfolios/${id}/lots`;
    const first = await page(lots, 2);
    expect(first.items.map((lot) => lot.acquiredAt)).toEqual([DAY(1), DAY(2)].map((day) => new Date(day).toISOString()));

    // One lot lands before the cursor (already paged past), one after it (still to come).
    await record(t, owner, id, { type: 'BUY', assetId: assets[1].id, quantity: '1', price: '10', executedAt: DAY(1) });
    await record(t, owner, id, { type: 'BUY', assetId: assets[1].id, quantity: '1', price: '10', executedAt: DAY(9) });

    const seen = [...first.items];
    let cursor = first.nextCursor;
    while (cursor) {
      const next = await page(lots, 2, cursor);
      seen.push(...next.items);
      cursor = next.nextCursor;
    }
    expect(seen.map((lot) => new Date(lot.acquiredAt as string).getTime())).toEqual([1, 2, 3, 4, 9].map((day) => new Date(DAY(day)).getTime()));
    expect(new Set(seen.map((lot) => lot.id)).size).toBe(seen.length);
  });

  it('walks the API keys newest first while a key is created between pages', async () => {
    const user = await givenUser(t, 'keys');
    const keys = [];
    for (let i = 0; i < 3; i += 1) keys.push((await givenApiKey(t, user, ['portfolios:read'])).id);
    const list = (cursor?: string) =>
      t
        .http()
        .get('/api/v1/auth/api-keys')
        .query(cursor ? { limit: 2, cursor } : { limit: 2 })
        .set(user.auth)
        .expect(200);
    const first = (await list()).body;
    expect(first.items.map((key: Row) => key.id)).toEqual([keys[2], keys[1]]);
    await givenApiKey(t, user, ['portfolios:read']);
    const second = (await list(first.nextCursor)).body;
    expect(second).toEqual({ items: [expect.objectContaining({ id: keys[0] })], nextCursor: null });
  });

  it('ends the positions with the cash line on the last page', async () => {
    const id = await givenPortfolio(t, owner);
    await record(t, owner, id, { type: 'DEPOSIT', amount: '1000', executedAt: DAY(0) });
    for (const asset of assets) await record(t, owner, id, { type: 'BUY', assetId: asset.id, quantity: '10', price: '10', executedAt: DAY(1) });
    const positions = `/api/v1/portfolios/${id}/positions`;
    const first = await page(positions, 2);
    expect(first.items.map((line) => line.symbol)).toEqual(['PGA', 'PGB']);
    const second = await page(positions, 2, first.nextCursor!);
    expect(second.items.map((line) => [line.symbol, line.weightPercentage])).toEqual([
      ['PGC', '10.0000'],
      [null, '70.0000'],
    ]);
    expect(second.nextCursor).toBeNull();
  });

  it('pages realized gains but totals the whole range, and pages the drift history', async () => {
    const id = await givenPortfolio(t, owner);
    await record(t, owner, id, { type: 'DEPOSIT', amount: '1000', executedAt: DAY(0) });
    await record(t, owner, id, { type: 'BUY', assetId: assets[2].id, quantity: '3', price: '10', executedAt: DAY(1) });
    for (const day of [2, 3, 4]) await record(t, owner, id, { type: 'SELL', assetId: assets[2].id, quantity: '1', price: '12', executedAt: DAY(day) });
    const first = (await t.http().get(`/api/v1/portfolios/${id}/realized-gains`).query({ limit: 2 }).set(owner.auth).expect(200)).body;
    expect(first.items).toHaveLength(2);
    expect(first.totals.total.gain).toBe('6');
    const rest = (await t.http().get(`/api/v1/portfolios/${id}/realized-gains`).query({ limit: 2, cursor: first.nextCursor }).set(owner.auth).expect(200)).body;
    expect(rest.items.map((gain: Row) => gain.disposedAt)).toEqual([new Date(DAY(4)).toISOString()]);
    expect(rest.nextCursor).toBeNull();

    await t
      .http()
      .put(`/api/v1/portfolios/${id}/targets`)
      .set(owner.auth)
      .send({
        targets: [
          { assetType: 'stock', targetPercentage: '50' },
          { assetType: 'cash', targetPercentage: '50' },
        ],
      })
      .expect(200);
    await t.http().get(`/api/v1/portfolios/${id}/drift`).set(owner.auth).expect(200);
    const history = (await t.http().get(`/api/v1/portfolios/${id}/drift/history`).query({ limit: 1 }).set(owner.auth).expect(200)).body;
    expect(history.items.map((point: Row) => point.assetType)).toEqual(['cash']);
    const more = (await t.http().get(`/api/v1/portfolios/${id}/drift/history`).query({ limit: 1, cursor: history.nextCursor }).set(owner.auth).expect(200))
      .body;
    expect(more.items.map((point: Row) => point.assetType)).toEqual(['stock']);
  });

  it('refuses a limit outside 1 to 200, and a cursor it did not issue, on every list', async () => {
    const id = await givenPortfolio(t, owner);
    const lists = [
      '/api/v1/portfolios',
      '/api/v1/auth/api-keys',
      `/api/v1/portfolios/${id}/transactions`,
      `/api/v1/portfolios/${id}/positions`,
      `/api/v1/portfolios/${id}/lots`,
      `/api/v1/portfolios/${id}/realized-gains`,
      `/api/v1/portfolios/${id}/drift/history`,
      `/api/v1/portfolios/${id}/drift-alerts`,
      `/api/v1/portfolios/${id}/rebalance/plans`,
      '/api/v1/drift-alerts',
      '/api/v1/webhooks',
      '/api/v1/assets',
    ];
    const forged = Buffer.from(JSON.stringify({ k: ['not a key', 'x', 'y', 'z'] })).toString('base64url');
    for (const path of lists) {
      for (const limit of ['0', '201', 'ten']) {
        const response = await t.http().get(path).query({ limit }).set(owner.auth);
        expect([path, limit, response.status, response.body.errors?.[0]?.field]).toEqual([path, limit, 400, 'limit']);
      }
      const ok = await t.http().get(path).query({ limit: 200 }).set(owner.auth);
      expect([path, ok.status, 'nextCursor' in ok.body]).toEqual([path, 200, true]);
      const bad = await t.http().get(path).query({ cursor: forged }).set(owner.auth);
      expect([path, bad.status, bad.body.errors?.[0]?.field]).toEqual([path, 400, 'cursor']);
    }
  });
});
