import { givenAdmin, givenUser, type TestUser } from './support/auth';
import { givenAsset, type TestAsset } from './support/catalogue';
import { givenPortfolio, record } from './support/portfolios';
import { createTestApp, type TestApp } from './support/test-app';
import { eventually, FAST_JOBS_ENV, startWebhookReceiver, type ReceivedRequest, type WebhookReceiver } from './support/webhook-receiver';
import { verifySignature } from '../src/rebalancing/domain/webhook-events';

const ALL_EVENTS = ['drift.alert.opened', 'drift.alert.escalated', 'drift.alert.resolved', 'rebalance.plan.created', 'rebalance.plan.executed'];

describe('drift alerts, automatic plans and signed webhooks, driven by price moves', () => {
  let t: TestApp;
  let receiver: WebhookReceiver;
  let admin: TestUser;
  let owner: TestUser;
  let stock: TestAsset;
  let bond: TestAsset;
  let portfolioId: string;
  let secret: string;

  beforeAll(async () => {
    t = await createTestApp({ env: FAST_JOBS_ENV });
    receiver = await startWebhookReceiver();
    admin = await givenAdmin(t);
    owner = await givenUser(t, 'owner');
    stock = await givenAsset(t, admin, { symbol: 'ASTK', assetType: 'stock', price: '100' });
    bond = await givenAsset(t, admin, { symbol: 'ABND', assetType: 'bond', price: '100' });
    portfolioId = await givenPortfolio(t, owner, { autoRebalance: 'SUGGEST', rebalanceOptions: { strategy: 'TO_TARGET', minTradeValue: '1' } });
    await record(t, owner, portfolioId, { type: 'DEPOSIT', amount: '10000', executedAt: '2026-01-02T00:00:00Z' });
    await record(t, owner, portfolioId, { type: 'BUY', assetId: stock.id, quantity: '60', price: '100', executedAt: '2026-01-03T00:00:00Z' });
    await record(t, owner, portfolioId, { type: 'BUY', assetId: bond.id, quantity: '40', price: '100', executedAt: '2026-01-03T00:00:00Z' });
    const hook = await t
      .http()
      .post('/api/v1/webhooks')
      .set(owner.auth)
      .send({ url: receiver.url('/events'), events: ALL_EVENTS })
      .expect(201);
    secret = hook.body.secret;
    await t
      .http()
      .put(`/api/v1/portfolios/${portfolioId}/targets`)
      .set(owner.auth)
      .send({
        targets: [
          { assetType: 'stock', targetPercentage: '60', tolerancePercentage: '5' },
          { assetType: 'bond', targetPercentage: '40', tolerancePercentage: '5' },
        ],
      })
      .expect(200);
  });
  afterAll(async () => {
    await t.close();
    await receiver.close();
  });

  const setPrice = (asset: TestAsset, price: string) =>
    t.http().put(`/api/v1/assets/${asset.id}/price`).set(admin.auth).send({ price, asOf: new Date().toISOString() }).expect(200);
  const alerts = async () => (await t.http().get(`/api/v1/portfolios/${portfolioId}/drift-alerts`).set(owner.auth).expect(200)).body.items;
  const plans = async () => (await t.http().get(`/api/v1/portfolios/${portfolioId}/rebalance/plans`).set(owner.auth).expect(200)).body.items;
  const eventsOf = (type: string): ReceivedRequest[] => receiver.received.filter((request) => request.body.type === type);
  const arrived = (type: string, count: number) => eventually(async () => (eventsOf(type).length >= count ? eventsOf(type) : undefined), `${count} × ${type}`);

  it('opens a WARNING alert when a price move pushes the portfolio out of band, proposes a plan and tells the webhook', async () => {
    // 60 × 150 = 9000 of 13000: stock at 69.23 %, 9.23 points over a 5-point band: WARNING (≤ 10).
    await setPrice(stock, '150');
    const [opened] = await arrived('drift.alert.opened', 1);
    const [alert] = await alerts();
    expect(alert).toMatchObject({ status: 'OPEN', level: 'WARNING', portfolioId, totalValue: '13000.00', totalDrift: '9.2308', resolvedAt: null });
    expect(alert.items).toEqual([
      {
        assetType: 'bond',
        currentValue: '4000.00',
        currentPercentage: '30.7692',
        targetPercentage: '40.0000',
        tolerancePercentage: '5.0000',
        driftPercentage: '-9.2308',
        driftLevel: 'WARNING',
      },
      {
        assetType: 'stock',
        currentValue: '9000.00',
        currentPercentage: '69.2308',
        targetPercentage: '60.0000',
        tolerancePercentage: '5.0000',
        driftPercentage: '9.2308',
        driftLevel: 'WARNING',
      },
    ]);
    expect(opened.body.data).toMatchObject({ id: alert.id, level: 'WARNING', status: 'OPEN' });
    expect(opened.headers['x-rebalance-event-id']).toBe(opened.body.id);

    const planned = await eventually(async () => {
      const [current] = await alerts();
      return current.planId ? current : undefined;
    }, 'an automatic plan');
    const [plan] = await plans();
    expect(plan).toMatchObject({
      id: planned.planId,
      status: 'PENDING',
      origin: 'AUTOMATIC',
      options: { strategy: 'TO_TARGET', minTradeValue: '1', cashFlow: '0' },
    });
    // Back to 60/40 of 13000: sell 8 stock at 150 (1200), buy 12 bond at 100 (1200).
    expect(plan.items.map((item: { action: string; assetId: string; quantity: string }) => [item.action, item.assetId, item.quantity])).toEqual([
      ['SELL', stock.id, '8'],
      ['BUY', bond.id, '12'],
    ]);
    const [created] = await arrived('rebalance.plan.created', 1);
    expect(created.body.data).toMatchObject({ id: plan.id, origin: 'AUTOMATIC' });
  });

  it('escalates the same alert to CRITICAL in place and replaces the pending automatic plan', async () => {
    const [before] = await alerts();
    await t.http().post(`/api/v1/drift-alerts/${before.id}/acknowledge`).set(owner.auth).expect(200);
    // 60 × 300 = 18000 of 22000: 81.82 %, 21.82 points over: CRITICAL (> 10).
    await setPrice(stock, '300');
    const [escalated] = await arrived('drift.alert.escalated', 1);
    expect(escalated.body.data).toMatchObject({ id: before.id, level: 'CRITICAL', status: 'OPEN', acknowledgedAt: null });
    await arrived('rebalance.plan.created', 2);
    const current = await eventually(async () => {
      const list = await alerts();
      return list.length === 1 && list[0].planId !== before.planId && list[0].planId ? list[0] : undefined;
    }, 'the replacement plan');
    expect(current).toMatchObject({ id: before.id, level: 'CRITICAL', status: 'OPEN' });
    const statuses = Object.fromEntries((await plans()).map((plan: { id: string; status: string }) => [plan.id, plan.status]));
    expect(statuses).toEqual({ [before.planId]: 'CANCELLED', [current.planId]: 'PENDING' });
  });

  it('resolves the alert when the price moves back, cancels the automatic plan and delivers drift.alert.resolved', async () => {
    await setPrice(stock, '100');
    const [resolved] = await arrived('drift.alert.resolved', 1);
    const [alert] = await alerts();
    expect(alert).toMatchObject({ status: 'RESOLVED', resolvedAt: expect.any(String) });
    expect(resolved.body.data).toMatchObject({ id: alert.id, status: 'RESOLVED' });
    expect((await plans()).map((plan: { status: string }) => plan.status)).toEqual(['CANCELLED', 'CANCELLED']);
    const open = await t.http().get('/api/v1/drift-alerts?status=OPEN').set(owner.auth).expect(200);
    expect(open.body).toEqual({ items: [], nextCursor: null });
  });

  it('signs every delivery with the documented recipe, one event id per event', async () => {
    const now = Math.floor(Date.now() / 1000);
    for (const request of receiver.received) {
      expect(verifySignature(secret, request.rawBody, request.headers['x-rebalance-signature'] as string, now)).toBe(true);
      expect(verifySignature(secret, request.rawBody.replace('"status"', '"Status"'), request.headers['x-rebalance-signature'] as string, now)).toBe(false);
    }
    const ids = receiver.received.map((request) => request.body.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(receiver.received.map((request) => request.body.type).sort()).toEqual(
      ['drift.alert.opened', 'drift.alert.escalated', 'drift.alert.resolved', 'rebalance.plan.created', 'rebalance.plan.created'].sort(),
    );
  });

  it('announces a plan executed by its owner', async () => {
    // Back at 60/40 exactly, so the plan has nothing to trade: the announcement is what is checked.
    const plan = await t.http().post(`/api/v1/portfolios/${portfolioId}/rebalance/plans`).set(owner.auth).send({ strategy: 'TO_TARGET' }).expect(201);
    expect(plan.body).toMatchObject({ origin: 'MANUAL', items: [] });
    await t.http().post(`/api/v1/portfolios/${portfolioId}/rebalance/plans/${plan.body.id}/execute`).set(owner.auth).send({}).expect(200);
    const [executed] = await arrived('rebalance.plan.executed', 1);
    expect(executed.body.data).toMatchObject({ id: plan.body.id, status: 'EXECUTED', origin: 'MANUAL', executedAt: expect.any(String) });
    expect(eventsOf('rebalance.plan.created').map((event) => event.body.data.id)).toContain(plan.body.id);
  });

  it('a manual scan evaluates every portfolio with targets once and reports it', async () => {
    const other = await givenPortfolio(t, owner);
    await t
      .http()
      .put(`/api/v1/portfolios/${other}/targets`)
      .set(owner.auth)
      .send({ targets: [{ assetType: 'cash', targetPercentage: '100' }] })
      .expect(200);
    await givenPortfolio(t, owner, { name: 'No targets' });
    const started = await t.http().post('/api/v1/rebalancing/scan').set(admin.auth).expect(202);
    expect(started.body).toMatchObject({ trigger: 'MANUAL', status: 'RUNNING', portfolioCount: 2, batchCount: 1 });
    const finished = await eventually(async () => {
      const scan = (await t.http().get(`/api/v1/rebalancing/scans/${started.body.id}`).set(admin.auth).expect(200)).body;
      return scan.status === 'COMPLETED' ? scan : undefined;
    }, 'the scan');
    expect(finished).toMatchObject({ batchesDone: 1, evaluatedCount: 2, alertsOpened: 0, alertsResolved: 0, finishedAt: expect.any(String) });
    await t.http().post('/api/v1/rebalancing/scan').set(owner.auth).expect(403);
  });
});
