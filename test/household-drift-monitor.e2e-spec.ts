import { givenAdmin, givenUser, type TestUser } from './support/auth';
import { givenAsset, type TestAsset } from './support/catalogue';
import { givenPortfolio, record } from './support/portfolios';
import { createTestApp, type TestApp } from './support/test-app';
import { eventually, FAST_JOBS_ENV, startWebhookReceiver, type ReceivedRequest, type WebhookReceiver } from './support/webhook-receiver';

const AT = '2026-11-02T15:00:00Z';
const SIXTY_FORTY = [
  { assetType: 'stock', targetPercentage: '60', tolerancePercentage: '5' },
  { assetType: 'bond', targetPercentage: '40', tolerancePercentage: '5' },
];

type Point = { calculatedAt: string; assetType: string; currentValue: string; currentPercentage: string; driftLevel: string };

/**
 * The Parks' household, judged 60/40 with 5-point bands over its two accounts, each without
 * targets of its own:
 *   brokerage: 60 stock at $100 = 6,000;  IRA: 40 bond at $100 = 4,000.
 * Together stock 6,000 (60 %), bond 4,000 (40 %): within the band. Stock at $150: 9,000 of
 * 13,000, 69.2308 %, 9.2308 points over a 5-point band (≤ 10): WARNING. At $300: 18,000 of 22,000,
 * 81.8182 %, 21.8182 points over (> 10): CRITICAL. Back at $100: within the band again.
 */
describe('household drift monitor: history, alerts and webhooks of a household judged over its accounts', () => {
  let t: TestApp;
  let receiver: WebhookReceiver;
  let brokerage: string;
  let admin: TestUser;
  let owner: TestUser;
  let stranger: TestUser;
  let stock: TestAsset;
  let householdId: string;

  beforeAll(async () => {
    t = await createTestApp({ env: FAST_JOBS_ENV });
    receiver = await startWebhookReceiver();
    admin = await givenAdmin(t);
    owner = await givenUser(t, 'park');
    stranger = await givenUser(t, 'stranger');
    stock = await givenAsset(t, admin, { symbol: 'HMSTK', assetType: 'stock', price: '100' });
    const bond = await givenAsset(t, admin, { symbol: 'HMBND', assetType: 'bond', price: '100' });
    householdId = (await t.http().post('/api/v1/households').set(owner.auth).send({ name: 'The Parks' }).expect(201)).body.id;
    brokerage = await givenPortfolio(t, owner, { name: 'Brokerage', householdId, accountType: 'TAXABLE' });
    const ira = await givenPortfolio(t, owner, { name: 'IRA', householdId, accountType: 'TAX_DEFERRED' });
    await record(t, owner, brokerage, { type: 'DEPOSIT', amount: '6000', executedAt: AT });
    await record(t, owner, brokerage, { type: 'BUY', assetId: stock.id, quantity: '60', price: '100', executedAt: AT });
    await record(t, owner, ira, { type: 'DEPOSIT', amount: '4000', executedAt: AT });
    await record(t, owner, ira, { type: 'BUY', assetId: bond.id, quantity: '40', price: '100', executedAt: AT });
    await t.http().put(`/api/v1/households/${householdId}/targets`).set(owner.auth).send({ targets: SIXTY_FORTY }).expect(200);
    await t
      .http()
      .post('/api/v1/webhooks')
      .set(owner.auth)
      .send({ url: receiver.url('/events'), events: ['drift.alert.opened', 'drift.alert.escalated', 'drift.alert.resolved'] })
      .expect(201);
  });
  afterAll(async () => {
    await t.close();
    await receiver.close();
  });

  const alerts = async () => (await t.http().get(`/api/v1/households/${householdId}/drift-alerts`).set(owner.auth).expect(200)).body.items;
  const eventsOf = (type: string): ReceivedRequest[] => receiver.received.filter((request) => request.body.type === type);
  const arrived = (type: string, count: number) => eventually(async () => (eventsOf(type).length >= count ? eventsOf(type) : undefined), `${count} × ${type}`);

  const setPrice = (asset: TestAsset, price: string) =>
    t.http().put(`/api/v1/assets/${asset.id}/price`).set(admin.auth).send({ price, asOf: new Date().toISOString() }).expect(200);
  const history = async (query = ''): Promise<{ householdId: string; items: Point[]; nextCursor: string | null }> =>
    (await t.http().get(`/api/v1/households/${householdId}/drift/history${query}`).set(owner.auth).expect(200)).body;
  const shown = (points: Point[]) => points.map((point) => [point.assetType, point.currentValue, point.currentPercentage, point.driftLevel]);

  it('stores a point per class when the household drift is read, and none for a read that repeats it', async () => {
    await t.http().get(`/api/v1/households/${householdId}/drift`).set(owner.auth).expect(200);
    await t.http().get(`/api/v1/households/${householdId}/drift`).set(owner.auth).expect(200);
    const body = await history();
    expect(body.householdId).toBe(householdId);
    expect(shown(body.items)).toEqual([
      ['bond', '4000.00', '40.0000', 'WITHIN_TOLERANCE'],
      ['stock', '6000.00', '60.0000', 'WITHIN_TOLERANCE'],
    ]);
    expect(body.nextCursor).toBeNull();
  });

  it('adds the changed calculation after a price move, oldest first, filtered and paged as a portfolio history is', async () => {
    await setPrice(stock, '150');
    const drift = await t.http().get(`/api/v1/households/${householdId}/drift`).set(owner.auth).expect(200);
    expect(drift.body).toMatchObject({ status: 'WARNING', totalValue: '13000.00', totalDrift: '9.2308' });
    expect(shown((await history()).items)).toEqual([
      ['bond', '4000.00', '40.0000', 'WITHIN_TOLERANCE'],
      ['stock', '6000.00', '60.0000', 'WITHIN_TOLERANCE'],
      ['bond', '4000.00', '30.7692', 'WARNING'],
      ['stock', '9000.00', '69.2308', 'WARNING'],
    ]);
    expect(shown((await history('?assetType=stock')).items)).toEqual([
      ['stock', '6000.00', '60.0000', 'WITHIN_TOLERANCE'],
      ['stock', '9000.00', '69.2308', 'WARNING'],
    ]);
    const first = await history('?limit=3');
    expect(first.items).toHaveLength(3);
    const rest = await history(`?limit=3&cursor=${first.nextCursor}`);
    expect(shown(rest.items)).toEqual([['stock', '9000.00', '69.2308', 'WARNING']]);
    // Not a portfolio's series: the accounts, without targets of their own, have none.
    const [{ n }] = await t.dataSource.query<Array<{ n: number }>>('SELECT count(*)::int AS n FROM portfolio_drifts');
    expect(n).toBe(0);
  });

  it("is a 404 for another user's household", async () => {
    await t.http().get(`/api/v1/households/${householdId}/drift/history`).set(stranger.auth).expect(404);
  });

  it('opened a WARNING alert on the household when the price moved it out of band, and told the webhook which household', async () => {
    const [opened] = await arrived('drift.alert.opened', 1);
    const [alert] = await alerts();
    expect(alert).toMatchObject({
      householdId,
      portfolioId: null,
      status: 'OPEN',
      level: 'WARNING',
      totalValue: '13000.00',
      totalDrift: '9.2308',
      planId: null,
      resolvedAt: null,
    });
    expect(
      alert.items.map((item: Record<string, string>) => [item.assetType, item.currentValue, item.currentPercentage, item.driftPercentage, item.driftLevel]),
    ).toEqual([
      ['bond', '4000.00', '30.7692', '-9.2308', 'WARNING'],
      ['stock', '9000.00', '69.2308', '9.2308', 'WARNING'],
    ]);
    expect(opened.body.data).toMatchObject({ id: alert.id, householdId, portfolioId: null, level: 'WARNING' });
    // Listed with the portfolios' alerts; not an alert of the account, which has no targets of its own.
    const all = (await t.http().get('/api/v1/drift-alerts').set(owner.auth).expect(200)).body.items;
    expect(all.map((item: { id: string; householdId: string | null }) => [item.id, item.householdId])).toEqual([[alert.id, householdId]]);
    expect((await t.http().get(`/api/v1/portfolios/${brokerage}/drift-alerts`).set(owner.auth).expect(200)).body.items).toEqual([]);
  });

  it('is acknowledged as a portfolio alert is, and a stranger can neither list nor acknowledge it', async () => {
    const [alert] = await alerts();
    await t.http().get(`/api/v1/households/${householdId}/drift-alerts`).set(stranger.auth).expect(404);
    await t.http().post(`/api/v1/drift-alerts/${alert.id}/acknowledge`).set(stranger.auth).expect(404);
    expect((await t.http().get('/api/v1/drift-alerts').set(stranger.auth).expect(200)).body.items).toEqual([]);
    const acknowledged = await t.http().post(`/api/v1/drift-alerts/${alert.id}/acknowledge`).set(owner.auth).expect(200);
    expect(acknowledged.body).toMatchObject({ id: alert.id, status: 'ACKNOWLEDGED', acknowledgedAt: expect.any(String) });
  });

  it('escalates the same alert to CRITICAL in place, re-opened, when the price moves further', async () => {
    const [before] = await alerts();
    await setPrice(stock, '300');
    const [escalated] = await arrived('drift.alert.escalated', 1);
    expect(escalated.body.data).toMatchObject({ id: before.id, householdId, level: 'CRITICAL', status: 'OPEN', acknowledgedAt: null, totalDrift: '21.8182' });
  });

  it('resolves the alert when the price moves back, and says so to the webhook', async () => {
    await setPrice(stock, '100');
    const [resolved] = await arrived('drift.alert.resolved', 1);
    const [alert] = await alerts();
    expect(alert).toMatchObject({ householdId, status: 'RESOLVED', resolvedAt: expect.any(String) });
    expect(resolved.body.data).toMatchObject({ id: alert.id, householdId, portfolioId: null, status: 'RESOLVED' });
    // The household keeps the default autoRebalance OFF: no automatic plan of either kind was proposed.
    expect(await t.dataSource.query("SELECT count(*)::int AS n FROM rebalancing_plans WHERE origin = 'AUTOMATIC'")).toEqual([{ n: 0 }]);
    expect(await t.dataSource.query('SELECT count(*)::int AS n FROM household_rebalancing_plans')).toEqual([{ n: 0 }]);
  });

  it('a scan evaluates the households with targets beside the portfolios, and moves their alerts', async () => {
    // A price written behind the API's back: no re-check follows, so only a scan can notice it.
    const priceBehindTheApi = (price: string) =>
      t.dataSource.query('INSERT INTO asset_prices (asset_id, price, as_of) VALUES ($1, $2, now())', [stock.id, price]);
    const scan = async () => {
      const started = await t.http().post('/api/v1/rebalancing/scan').set(admin.auth).expect(202);
      return eventually(async () => {
        const body = (await t.http().get(`/api/v1/rebalancing/scans/${started.body.id}`).set(admin.auth).expect(200)).body;
        return body.status === 'COMPLETED' ? body : undefined;
      }, 'the scan');
    };
    await priceBehindTheApi('150');
    expect(await scan()).toMatchObject({ portfolioCount: 0, householdCount: 1, batchCount: 1, evaluatedCount: 1, alertsOpened: 1, alertsResolved: 0 });
    const [, opened] = await arrived('drift.alert.opened', 2);
    expect(opened.body.data).toMatchObject({ householdId, level: 'WARNING', totalDrift: '9.2308' });
    await priceBehindTheApi('100');
    expect(await scan()).toMatchObject({ householdCount: 1, evaluatedCount: 1, alertsOpened: 0, alertsResolved: 1 });
    expect((await alerts()).map((alert: { status: string }) => alert.status)).toEqual(['RESOLVED', 'RESOLVED']);
  });

  it('a ledger write in one account re-checks its household: the sale leaves cash the household does not target', async () => {
    // Sell 30 of the 60 stock at $100: stock 3,000 (30 %), bond 4,000 (40 %), cash 3,000 (30 %) held without
    // a household target (band 0): 30 points over, CRITICAL.
    await record(t, owner, brokerage, { type: 'SELL', assetId: stock.id, quantity: '30', price: '100', executedAt: '2026-11-03T15:00:00Z' });
    const [, , opened] = await arrived('drift.alert.opened', 3);
    expect(opened.body.data).toMatchObject({ householdId, level: 'CRITICAL', totalValue: '10000.00', totalDrift: '30.0000' });
    expect((await alerts()).map((alert: { status: string; level: string }) => [alert.status, alert.level])).toEqual([
      ['OPEN', 'CRITICAL'],
      ['RESOLVED', 'WARNING'],
      ['RESOLVED', 'CRITICAL'],
    ]);
  });
});
