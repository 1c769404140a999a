import { randomUUID } from 'node:crypto';
import { DriftMonitorService } from '../src/rebalancing/drift-monitor.service';
import { givenAdmin, givenApiKey, givenUser, type TestUser } from './support/auth';
import { givenAsset } from './support/catalogue';
import { givenPortfolio, record, snapshotDatabase } from './support/portfolios';
import { createTestApp, type TestApp } from './support/test-app';

describe('drift alerts and webhooks: bad input, and ownership', () => {
  let t: TestApp;
  let owner: TestUser;
  let stranger: TestUser;
  let portfolioId: string;
  let alertId: string;
  let webhookId: string;

  beforeAll(async () => {
    t = await createTestApp();
    const admin = await givenAdmin(t);
    owner = await givenUser(t, 'owner');
    stranger = await givenUser(t, 'stranger');
    const stock = await givenAsset(t, admin, { symbol: 'OSTK', assetType: 'stock', price: '10' });
    portfolioId = await givenPortfolio(t, owner);
    await record(t, owner, portfolioId, { type: 'DEPOSIT', amount: '1000', executedAt: '2026-01-02T00:00:00Z' });
    await record(t, owner, portfolioId, { type: 'BUY', assetId: stock.id, quantity: '90', price: '10', executedAt: '2026-01-03T00:00:00Z' });
    await t
      .http()
      .put(`/api/v1/portfolios/${portfolioId}/targets`)
      .set(owner.auth)
      .send({
        targets: [
          { assetType: 'stock', targetPercentage: '50' },
          { assetType: 'cash', targetPercentage: '50' },
        ],
      })
      .expect(200);
    // Workers are off in this file: the monitor's evaluation is run directly, as a job would.
    const outcome = await t.dataSource.transaction((manager) => t.app.get(DriftMonitorService).evaluate(manager, { ids: [portfolioId] }));
    expect(outcome).toEqual({ evaluated: 1, opened: 1, escalated: 0, resolved: 0 });
    alertId = (await t.http().get('/api/v1/drift-alerts').set(owner.auth).expect(200)).body.items[0].id;
    webhookId = (
      await t
        .http()
        .post('/api/v1/webhooks')
        .set(owner.auth)
        .send({ url: 'https://8.8.8.8/hook', events: ['drift.alert.opened'] })
        .expect(201)
    ).body.id;
  });
  afterAll(() => t.close());

  it('lists the alert with its level and the classes out of band', async () => {
    const list = await t.http().get(`/api/v1/portfolios/${portfolioId}/drift-alerts?level=CRITICAL`).set(owner.auth).expect(200);
    // 900 of 1000 in stock against 50 ± 5: 40 points over, CRITICAL.
    expect(list.body.items).toEqual([
      expect.objectContaining({ id: alertId, status: 'OPEN', level: 'CRITICAL', totalValue: '1000.00', totalDrift: '40.0000', planId: null }),
    ]);
    expect(list.body.items[0].items.map((item: { assetType: string; driftPercentage: string }) => [item.assetType, item.driftPercentage])).toEqual([
      ['cash', '-40.0000'],
      ['stock', '40.0000'],
    ]);
    const none = await t.http().get(`/api/v1/portfolios/${portfolioId}/drift-alerts?level=WARNING`).set(owner.auth).expect(200);
    expect(none.body).toEqual({ items: [], nextCursor: null });
  });

  it.each([
    [{ url: 'http://8.8.8.8/hook', events: ['drift.alert.opened'] }, 422, 'url', 'httpsUrl'],
    [{ url: 'https://127.0.0.1/hook', events: ['drift.alert.opened'] }, 422, 'url', 'publicAddress'],
    [{ url: 'https://10.0.0.5/hook', events: ['drift.alert.opened'] }, 422, 'url', 'publicAddress'],
    [{ url: 'https://[::ffff:192.168.0.1]/hook', events: ['drift.alert.opened'] }, 422, 'url', 'publicAddress'],
    [{ url: 'https://localhost/hook', events: ['drift.alert.opened'] }, 422, 'url', 'publicAddress'],
    [{ url: 'not a url', events: ['drift.alert.opened'] }, 400, 'url', 'isUrl'],
    [{ url: 'ftp://8.8.8.8/hook', events: ['drift.alert.opened'] }, 400, 'url', 'isUrl'],
    [{ url: 'https://8.8.8.8/hook', events: ['drift.alert.closed'] }, 400, 'events', 'isIn'],
    [{ url: 'https://8.8.8.8/hook', events: [] }, 400, 'events', 'arrayMinSize'],
    [{ events: ['drift.alert.opened'] }, 400, 'url', 'isString'],
  ])('refuses the webhook %j with %i naming %s and %s, writing nothing', async (body, status, field, rule) => {
    const before = await snapshotDatabase(t);
    const response = await t
      .http()
      .post('/api/v1/webhooks')
      .set(owner.auth)
      .send(body)
      .expect(status)
      .expect('content-type', /application\/problem\+json/);
    expect(response.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field, rule })]));
    expect(await snapshotDatabase(t)).toEqual(before);
  });

  it('never shows the secret again after creation', async () => {
    const list = await t.http().get('/api/v1/webhooks').set(owner.auth).expect(200);
    expect(list.body.items).toEqual([{ id: webhookId, url: 'https://8.8.8.8/hook', events: ['drift.alert.opened'], createdAt: expect.any(String) }]);
  });

  it('needs rebalancing:write to subscribe', async () => {
    const key = await givenApiKey(t, owner, ['rebalancing:read']);
    await t
      .http()
      .post('/api/v1/webhooks')
      .set('X-API-Key', key.secret)
      .send({ url: 'https://8.8.8.8/hook', events: ['drift.alert.opened'] })
      .expect(403);
    await t.http().get('/api/v1/webhooks').set('X-API-Key', key.secret).expect(200);
  });

  describe("another user's alert, portfolio or webhook is a 404, the same as an unknown id, and nothing changes", () => {
    const routes: Array<[string, string, (kind: 'theirs' | 'unknown') => string]> = [
      ['POST', 'acknowledge an alert', (kind) => `/api/v1/drift-alerts/${kind === 'theirs' ? alertId : randomUUID()}/acknowledge`],
      ['GET', "a portfolio's alerts", (kind) => `/api/v1/portfolios/${kind === 'theirs' ? portfolioId : randomUUID()}/drift-alerts`],
      ['GET', "a webhook's deliveries", (kind) => `/api/v1/webhooks/${kind === 'theirs' ? webhookId : randomUUID()}/deliveries`],
      ['DELETE', 'a webhook', (kind) => `/api/v1/webhooks/${kind === 'theirs' ? webhookId : randomUUID()}`],
    ];

    it.each(routes)('%s %s', async (method, _name, path) => {
      const before = await snapshotDatabase(t);
      const send = (kind: 'theirs' | 'unknown') => t.http()[method.toLowerCase() as 'get' | 'post' | 'delete'](path(kind)).set(stranger.auth);
      const foreign = await send('theirs').expect(404);
      const unknown = await send('unknown').expect(404);
      expect({ ...foreign.body, instance: undefined, requestId: undefined }).toEqual({ ...unknown.body, instance: undefined, requestId: undefined });
      expect(await snapshotDatabase(t)).toEqual(before);
    });

    it("lists none of the owner's alerts or webhooks to the stranger", async () => {
      expect((await t.http().get('/api/v1/drift-alerts').set(stranger.auth).expect(200)).body).toEqual({ items: [], nextCursor: null });
      expect((await t.http().get('/api/v1/webhooks').set(stranger.auth).expect(200)).body).toEqual({ items: [], nextCursor: null });
    });
  });

  it('never opens two alerts when evaluations of one portfolio race', async () => {
    const other = await givenPortfolio(t, owner);
    await record(t, owner, other, { type: 'DEPOSIT', amount: '100', executedAt: '2026-01-02T00:00:00Z' });
    await t
      .http()
      .put(`/api/v1/portfolios/${other}/targets`)
      .set(owner.auth)
      .send({ targets: [{ assetType: 'stock', targetPercentage: '100' }] })
      .expect(200);
    const monitor = t.app.get(DriftMonitorService);
    const outcomes = await Promise.all(
      Array.from({ length: 6 }, () => t.dataSource.transaction((manager) => monitor.evaluate(manager, { ids: [other, portfolioId] }))),
    );
    expect(outcomes.reduce((sum, outcome) => sum + outcome.opened, 0)).toBe(1);
    const rows = await t.dataSource.query<Array<{ portfolio_id: string; status: string }>>('SELECT portfolio_id, status FROM drift_alerts ORDER BY opened_at');
    expect(rows).toEqual([
      { portfolio_id: portfolioId, status: 'OPEN' },
      { portfolio_id: other, status: 'OPEN' },
    ]);
  });

  it('acknowledges once, idempotently, and refuses a bad status filter', async () => {
    const first = await t.http().post(`/api/v1/drift-alerts/${alertId}/acknowledge`).set(owner.auth).expect(200);
    expect(first.body).toMatchObject({ status: 'ACKNOWLEDGED', acknowledgedAt: expect.any(String) });
    const again = await t.http().post(`/api/v1/drift-alerts/${alertId}/acknowledge`).set(owner.auth).expect(200);
    expect(again.body.acknowledgedAt).toBe(first.body.acknowledgedAt);
    const bad = await t.http().get('/api/v1/drift-alerts?status=CLOSED').set(owner.auth).expect(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'status', rule: 'isIn' })]);
  });

  it('deletes the webhook for its owner', async () => {
    await t.http().delete(`/api/v1/webhooks/${webhookId}`).set(owner.auth).expect(204);
    await t.http().get(`/api/v1/webhooks/${webhookId}/deliveries`).set(owner.auth).expect(404);
  });
});
