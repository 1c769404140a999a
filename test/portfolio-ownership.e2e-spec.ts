import { randomUUID } from 'node:crypto';
import { givenAdmin, givenUser, type TestUser } from './support/auth';
import { givenAsset } from './support/catalogue';
import { givenPortfolio, record, snapshotDatabase } from './support/portfolios';
import { createTestApp, type TestApp } from './support/test-app';

describe('portfolios: CRUD and ownership on every route', () => {
  let t: TestApp;
  let owner: TestUser;
  let stranger: TestUser;
  let portfolioId: string;
  let transactionId: string;

  beforeAll(async () => {
    t = await createTestApp();
    const admin = await givenAdmin(t);
    owner = await givenUser(t, 'owner');
    stranger = await givenUser(t, 'stranger');
    const asset = await givenAsset(t, admin, { symbol: 'OWN', assetType: 'stock', price: '10' });
    portfolioId = await givenPortfolio(t, owner, { name: 'Mine' });
    transactionId = await record(t, owner, portfolioId, { type: 'DEPOSIT', amount: '100', executedAt: '2026-01-02T00:00:00Z' });
    await record(t, owner, portfolioId, { type: 'BUY', assetId: asset.id, quantity: '2', price: '10', executedAt: '2026-01-03T00:00:00Z' });
  });
  afterAll(() => t.close());

  it('creates with defaults, lists, renames', async () => {
    const created = await t.http().post('/api/v1/portfolios').set(owner.auth).send({ name: '  Taxable  ' }).expect(201);
    expect(created.body).toEqual({
      id: expect.any(String),
      name: 'Taxable',
      householdId: expect.any(String),
      accountType: 'TAXABLE',
      externalId: null,
      baseCurrency: 'USD',
      lotMethod: 'FIFO',
      autoRebalance: 'OFF',
      rebalanceOptions: { strategy: 'TO_TARGET', allowSells: true, minTradeValue: '0', fractional: true, taxAware: true },
      untargetedTolerancePercentage: '2.00',
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    const renamed = await t
      .http()
      .patch(`/api/v1/portfolios/${created.body.id}`)
      .set(owner.auth)
      .send({ name: 'Brokerage', lotMethod: 'HIFO', autoRebalance: 'SUGGEST', rebalanceOptions: { strategy: 'TO_BAND', minTradeValue: 25.5 } })
      .expect(200);
    expect(renamed.body).toMatchObject({
      name: 'Brokerage',
      lotMethod: 'HIFO',
      autoRebalance: 'SUGGEST',
      rebalanceOptions: { strategy: 'TO_BAND', allowSells: true, minTradeValue: '25.5', fractional: true, taxAware: true },
    });
    const refused = await t
      .http()
      .patch(`/api/v1/portfolios/${created.body.id}`)
      .set(owner.auth)
      .send({ autoRebalance: 'EXECUTE', rebalanceOptions: { minTradeValue: '-1' } })
      .expect(400);
    expect(refused.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['autoRebalance', 'rebalanceOptions.minTradeValue']);
    const list = await t.http().get('/api/v1/portfolios?limit=1').set(owner.auth).expect(200);
    expect(list.body.items.map((p: { name: string }) => p.name)).toEqual(['Mine']);
    const next = await t.http().get(`/api/v1/portfolios?limit=1&cursor=${list.body.nextCursor}`).set(owner.auth).expect(200);
    expect(next.body).toEqual({ items: [expect.objectContaining({ name: 'Brokerage' })], nextCursor: null });
    const strangers = await t.http().get('/api/v1/portfolios').set(stranger.auth).expect(200);
    expect(strangers.body).toEqual({ items: [], nextCursor: null });
  });

  it('locks the lot method once there is a SELL', async () => {
    const id = await givenPortfolio(t, owner);
    const admin = await givenAdmin(t);
    const asset = await givenAsset(t, admin, { symbol: 'LOCK', assetType: 'stock' });
    await record(t, owner, id, { type: 'DEPOSIT', amount: '100', executedAt: '2026-01-02T00:00:00Z' });
    await record(t, owner, id, { type: 'BUY', assetId: asset.id, quantity: '1', price: '10', executedAt: '2026-01-03T00:00:00Z' });
    await t.http().patch(`/api/v1/portfolios/${id}`).set(owner.auth).send({ lotMethod: 'LIFO' }).expect(200);
    await record(t, owner, id, { type: 'SELL', assetId: asset.id, quantity: '1', price: '11', executedAt: '2026-01-04T00:00:00Z' });
    const refused = await t.http().patch(`/api/v1/portfolios/${id}`).set(owner.auth).send({ lotMethod: 'FIFO' }).expect(409);
    expect(refused.body.code).toBe('LOT_METHOD_LOCKED');
  });

  it('deletes a portfolio with all its data in one go', async () => {
    const admin = await givenAdmin(t);
    const asset = await givenAsset(t, admin, { symbol: 'GONE', assetType: 'stock' });
    const id = await givenPortfolio(t, owner);
    await record(t, owner, id, { type: 'DEPOSIT', amount: '100', executedAt: '2026-01-02T00:00:00Z' });
    await record(t, owner, id, { type: 'BUY', assetId: asset.id, quantity: '1', price: '10', executedAt: '2026-01-03T00:00:00Z' });
    await t.http().delete(`/api/v1/portfolios/${id}`).set(owner.auth).expect(204);
    for (const table of ['transactions', 'positions', 'tax_lots', 'realized_gains']) {
      expect(await t.dataSource.query(`SELECT count(*)::int AS n FROM ${table} WHERE portfolio_id = $1`, [id])).toEqual([{ n: 0 }]);
    }
    await t.http().get(`/api/v1/portfolios/${id}`).set(owner.auth).expect(404);
  });

  describe("another user's household is a 404 on every route, the same as an unknown id, and nothing changes", () => {
    let householdId: string;
    let planId: string;

    beforeAll(async () => {
      householdId = (await t.http().post('/api/v1/households').set(owner.auth).send({ name: 'The Owners', externalId: 'own-1' }).expect(201)).body.id;
      await givenPortfolio(t, owner, { name: 'In the household', householdId });
      // With targets, so the drift route would answer the owner 200: only ownership makes the stranger's 404.
      await t
        .http()
        .put(`/api/v1/households/${householdId}/targets`)
        .set(owner.auth)
        .send({ targets: [{ assetType: 'cash', targetPercentage: '100' }] })
        .expect(200);
      // A table of its own, which the stranger's PUT [] would reset to the default if it got through.
      await t
        .http()
        .put(`/api/v1/households/${householdId}/asset-location`)
        .set(owner.auth)
        .send({ penalties: [{ assetClass: 'bond', accountType: 'TAXABLE', penaltyPerDollar: '0.01' }] })
        .expect(200);
      planId = (await t.http().post(`/api/v1/households/${householdId}/rebalance/plans`).set(owner.auth).send({}).expect(201)).body.id;
    });

    const routes: Array<[string, string, (id: string) => string, Record<string, unknown> | null]> = [
      ['GET', 'detail', (id) => `/api/v1/households/${id}`, null],
      ['GET', 'positions', (id) => `/api/v1/households/${id}/positions`, null],
      ['PATCH', 'update', (id) => `/api/v1/households/${id}`, { name: 'hijacked' }],
      ['DELETE', 'delete', (id) => `/api/v1/households/${id}`, null],
      ['GET', 'targets', (id) => `/api/v1/households/${id}/targets`, null],
      ['PUT', 'targets', (id) => `/api/v1/households/${id}/targets`, { targets: [{ assetType: 'cash', targetPercentage: '100' }] }],
      ['GET', 'drift', (id) => `/api/v1/households/${id}/drift`, null],
      ['GET', 'restrictions', (id) => `/api/v1/households/${id}/restrictions`, null],
      ['PUT', 'restrictions', (id) => `/api/v1/households/${id}/restrictions`, { restrictions: [] }],
      ['GET', 'substitutes', (id) => `/api/v1/households/${id}/substitutes`, null],
      ['PUT', 'substitutes', (id) => `/api/v1/households/${id}/substitutes`, { substitutes: [] }],
      ['GET', 'asset-location', (id) => `/api/v1/households/${id}/asset-location`, null],
      ['PUT', 'asset-location', (id) => `/api/v1/households/${id}/asset-location`, { penalties: [] }],
      ['GET', 'rebalance suggestions', (id) => `/api/v1/households/${id}/rebalance/suggestions`, null],
      ['POST', 'rebalance plans', (id) => `/api/v1/households/${id}/rebalance/plans`, {}],
      ['GET', 'rebalance plan', (id) => `/api/v1/households/${id}/rebalance/plans/${planId}`, null],
      ['POST', 'rebalance plan execute', (id) => `/api/v1/households/${id}/rebalance/plans/${planId}/execute`, null],
      ['GET', 'drift history', (id) => `/api/v1/households/${id}/drift/history`, null],
      ['GET', 'drift alerts', (id) => `/api/v1/households/${id}/drift-alerts`, null],
    ];

    it.each(routes)('%s %s', async (method, _name, path, body) => {
      const before = await snapshotDatabase(t);
      const send = (id: string) => {
        const request = t.http()[method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete'](path(id)).set(stranger.auth);
        return body ? request.send(body) : request;
      };
      const foreign = await send(householdId).expect(404);
      const unknown = await send(randomUUID()).expect(404);
      expect({ ...foreign.body, instance: undefined, requestId: undefined }).toEqual({ ...unknown.body, instance: undefined, requestId: undefined });
      expect(foreign.body).toMatchObject({ code: 'NOT_FOUND', detail: 'Household not found' });
      expect(await snapshotDatabase(t)).toEqual(before);
    });

    it('and lists and filters show only the caller’s households and accounts', async () => {
      expect((await t.http().get('/api/v1/households?externalId=own-1').set(stranger.auth).expect(200)).body).toEqual({ items: [], nextCursor: null });
      expect((await t.http().get(`/api/v1/portfolios?householdId=${householdId}`).set(stranger.auth).expect(200)).body).toEqual({
        items: [],
        nextCursor: null,
      });
    });
  });

  describe("another user's portfolio is a 404 on every route, the same as an unknown id, and nothing changes", () => {
    // Every row has a body slot (null for none): a shorter row would make Jest pass `done` as the body.
    const routes: Array<[string, string, (id: string) => string, object | null]> = [
      ['GET', 'detail', (id) => `/api/v1/portfolios/${id}`, null],
      ['PATCH', 'update', (id) => `/api/v1/portfolios/${id}`, { name: 'hijacked' }],
      ['DELETE', 'delete', (id) => `/api/v1/portfolios/${id}`, null],
      ['GET', 'positions', (id) => `/api/v1/portfolios/${id}/positions`, null],
      ['GET', 'lots', (id) => `/api/v1/portfolios/${id}/lots`, null],
      ['GET', 'realized gains', (id) => `/api/v1/portfolios/${id}/realized-gains`, null],
      ['GET', 'transactions', (id) => `/api/v1/portfolios/${id}/transactions`, null],
      ['POST', 'new transaction', (id) => `/api/v1/portfolios/${id}/transactions`, { type: 'DEPOSIT', amount: '1', executedAt: '2026-01-05T00:00:00Z' }],
      ['DELETE', 'delete transaction', (id) => `/api/v1/portfolios/${id}/transactions/TX`, null],
      [
        'POST',
        'import transactions',
        (id) => `/api/v1/portfolios/${id}/transactions/import`,
        [{ type: 'DEPOSIT', amount: '1', executedAt: '2026-01-05T00:00:00Z' }],
      ],
    ];

    it.each(routes)('%s %s', async (method, _name, path, body) => {
      const before = await snapshotDatabase(t);
      const send = (id: string) => {
        const url = path(id).replace('TX', transactionId);
        const request = t.http()[method.toLowerCase() as 'get' | 'post' | 'patch' | 'delete'](url).set(stranger.auth);
        return body ? request.send(body) : request;
      };
      const foreign = await send(portfolioId).expect(404);
      const unknown = await send(randomUUID()).expect(404);
      expect(foreign.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect({ ...foreign.body, instance: undefined, requestId: undefined }).toEqual({ ...unknown.body, instance: undefined, requestId: undefined });
      expect(foreign.body).toMatchObject({ code: 'NOT_FOUND', detail: 'Portfolio not found' });
      expect(await snapshotDatabase(t)).toEqual(before);
    });

    it('and an admin gets no bypass', async () => {
      const admin = await givenAdmin(t);
      await t.http().get(`/api/v1/portfolios/${portfolioId}`).set(admin.auth).expect(404);
    });

    it("and a transaction id of another portfolio of one's own is a 404", async () => {
      const other = await givenPortfolio(t, owner);
      const response = await t.http().delete(`/api/v1/portfolios/${other}/transactions/${transactionId}`).set(owner.auth).expect(404);
      expect(response.body.detail).toBe('Transaction not found');
    });
  });
});
