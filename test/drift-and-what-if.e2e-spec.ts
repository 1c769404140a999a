import { randomUUID } from 'node:crypto';
import { givenAdmin, givenUser, type TestUser } from './support/auth';
import { givenAsset, type TestAsset } from './support/catalogue';
import { givenPortfolio, record, snapshotDatabase } from './support/portfolios';
import { createTestApp, type TestApp } from './support/test-app';

const DAY = (n: number) => new Date(Date.UTC(2026, 0, 1 + n, 15)).toISOString();
const TARGETS = [
  { assetType: 'stock', targetPercentage: '50', tolerancePercentage: '5' },
  { assetType: 'bond', targetPercentage: '40', tolerancePercentage: '5' },
  { assetType: 'cash', targetPercentage: '10' },
];

/**
 * Holdings worth 60,000 stock / 30,000 bond / 10,000 cash against targets
 * 50/40/10 with a band of 5: drift +10 (WARNING: exactly 2 × band), −10
 * (WARNING) and 0 (WITHIN_TOLERANCE). The stock was bought at 80 and is worth 100.
 */
describe('drift and what-if on the 60/30/10 portfolio', () => {
  let t: TestApp;
  let admin: TestUser;
  let owner: TestUser;
  let stock: TestAsset;
  let bond: TestAsset;
  let portfolioId: string;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await givenAdmin(t);
    owner = await givenUser(t);
    stock = await givenAsset(t, admin, { symbol: 'STK', assetType: 'stock' });
    bond = await givenAsset(t, admin, { symbol: 'BND', assetType: 'bond', price: '100' });
    portfolioId = await givenPortfolio(t, owner);
    await record(t, owner, portfolioId, { type: 'DEPOSIT', amount: '88000', executedAt: DAY(0) });
    await record(t, owner, portfolioId, { type: 'BUY', assetId: stock.id, quantity: '600', price: '80', executedAt: DAY(1) });
    await record(t, owner, portfolioId, { type: 'BUY', assetId: bond.id, quantity: '300', price: '100', executedAt: DAY(1) });
    await t.http().put(`/api/v1/assets/${stock.id}/price`).set(admin.auth).send({ price: '100', asOf: new Date().toISOString() }).expect(200);
  });
  afterAll(() => t.close());

  it('answers 409 before targets are set', async () => {
    const response = await t.http().get(`/api/v1/portfolios/${portfolioId}/drift`).set(owner.auth).expect(409);
    expect(response.body.code).toBe('TARGETS_NOT_SET');
  });

  it('stores and returns the targets with their effective bands', async () => {
    const put = await t
      .http()
      .put(`/api/v1/portfolios/${portfolioId}/targets`)
      .set(owner.auth)
      .send({ targets: [...TARGETS.slice(0, 2), { assetType: 'cash', targetPercentage: 10, relativeTolerancePercentage: '25', preferredAssetId: undefined }] })
      .expect(200);
    expect(
      put.body.targets.map((target: Record<string, string>) => [
        target.assetType,
        target.targetPercentage,
        target.tolerancePercentage,
        target.relativeTolerancePercentage,
        target.effectiveTolerancePercentage,
      ]),
    ).toEqual([
      ['bond', '40', '5', null, '5'],
      ['cash', '10', '5', '25', '2.5'],
      ['stock', '50', '5', null, '5'],
    ]);
    await t.http().put(`/api/v1/portfolios/${portfolioId}/targets`).set(owner.auth).send({ targets: TARGETS }).expect(200);
    const get = await t.http().get(`/api/v1/portfolios/${portfolioId}/targets`).set(owner.auth).expect(200);
    expect(get.body.targets.map((target: Record<string, string>) => target.effectiveTolerancePercentage)).toEqual(['5', '5', '5']);
  });

  it('reports +10 WARNING, −10 WARNING and 0 WITHIN_TOLERANCE', async () => {
    const response = await t.http().get(`/api/v1/portfolios/${portfolioId}/drift`).set(owner.auth).expect(200);
    expect(response.body).toMatchObject({ portfolioId, totalValue: '100000.00', status: 'WARNING', totalDrift: '10.0000', warnings: [] });
    expect(response.body.items).toEqual([
      {
        assetType: 'bond',
        currentValue: '30000.00',
        currentPercentage: '30.0000',
        targetPercentage: '40.0000',
        tolerancePercentage: '5.0000',
        driftPercentage: '-10.0000',
        driftLevel: 'WARNING',
      },
      {
        assetType: 'cash',
        currentValue: '10000.00',
        currentPercentage: '10.0000',
        targetPercentage: '10.0000',
        tolerancePercentage: '5.0000',
        driftPercentage: '0.0000',
        driftLevel: 'WITHIN_TOLERANCE',
      },
      {
        assetType: 'stock',
        currentValue: '60000.00',
        currentPercentage: '60.0000',
        targetPercentage: '50.0000',
        tolerancePercentage: '5.0000',
        driftPercentage: '10.0000',
        driftLevel: 'WARNING',
      },
    ]);
  });

  it('simulates a SELL of 10,000 stock and a BUY of 10,000 bond: back to 50/40/10, cash and total unchanged, tax estimated', async () => {
    const before = await snapshotDatabase(t);
    const response = await t
      .http()
      .post(`/api/v1/portfolios/${portfolioId}/rebalance/what-if`)
      .set(owner.auth)
      .send({
        trades: [
          { assetType: 'stock', action: 'SELL', value: '10000' },
          { assetType: 'bond', action: 'BUY', value: 10000 },
        ],
      })
      .expect(200);
    expect(response.body).toMatchObject({
      cashBefore: '10000',
      cashAfter: '10000.00',
      totalValueBefore: '100000.00',
      totalValueAfter: '100000.00',
      warnings: [],
    });
    expect(response.body.before.status).toBe('WARNING');
    expect(response.body.after.status).toBe('WITHIN_TOLERANCE');
    expect(response.body.after.items.map((item: Record<string, string>) => [item.assetType, item.currentValue, item.driftPercentage])).toEqual([
      ['bond', '40000.00', '0.0000'],
      ['cash', '10000.00', '0.0000'],
      ['stock', '50000.00', '0.0000'],
    ]);
    // 100 shares bought at 80, sold at 100.
    expect(response.body.estimatedTax).toEqual({
      shortTerm: { gains: '2000.00', losses: '0.00', net: '2000.00' },
      longTerm: { gains: '0.00', losses: '0.00', net: '0.00' },
      washSaleDisallowed: '0.00',
      washSales: [],
    });
    expect(await snapshotDatabase(t)).toEqual(before);
  });

  it('with no trades shows the portfolio as it is', async () => {
    const response = await t.http().post(`/api/v1/portfolios/${portfolioId}/rebalance/what-if`).set(owner.auth).send({ trades: [] }).expect(200);
    expect(response.body.after.items).toEqual(response.body.before.items);
  });

  it('moves the total only by cashFlow, and warns when cash would go negative', async () => {
    const response = await t
      .http()
      .post(`/api/v1/portfolios/${portfolioId}/rebalance/what-if`)
      .set(owner.auth)
      .send({ trades: [{ assetId: bond.id, action: 'BUY', value: '25000' }], cashFlow: '5000' })
      .expect(200);
    expect(response.body).toMatchObject({ totalValueBefore: '100000.00', totalValueAfter: '105000.00', cashAfter: '-10000.00' });
    expect(response.body.warnings.length).toBeGreaterThan(0);
  });

  it.each([
    [{ trades: [{ assetType: 'stock', action: 'SELL', value: '60000.01' }] }, 'trades[0].value'],
    [{ trades: [{ assetId: 'UNKNOWN', action: 'BUY', value: '1' }] }, 'trades[0].assetId'],
    [{ trades: [], cashFlow: '-100000.01' }, 'cashFlow'],
  ])('answers 422 naming the trade for %j', async (body, field) => {
    const payload = JSON.parse(JSON.stringify(body).replace('UNKNOWN', randomUUID()));
    const response = await t.http().post(`/api/v1/portfolios/${portfolioId}/rebalance/what-if`).set(owner.auth).send(payload).expect(422);
    expect(response.body.errors).toEqual([expect.objectContaining({ field })]);
  });

  it('reports an empty portfolio as EMPTY, without alarms', async () => {
    const id = await givenPortfolio(t, owner);
    await t.http().put(`/api/v1/portfolios/${id}/targets`).set(owner.auth).send({ targets: TARGETS }).expect(200);
    const response = await t.http().get(`/api/v1/portfolios/${id}/drift`).set(owner.auth).expect(200);
    expect(response.body).toMatchObject({ status: 'EMPTY', totalValue: '0.00', totalDrift: '0.0000' });
  });

  it('keeps a history point only when the drift changed', async () => {
    const id = await givenPortfolio(t, owner);
    await record(t, owner, id, { type: 'DEPOSIT', amount: '1000', executedAt: DAY(0) });
    await record(t, owner, id, { type: 'BUY', assetId: bond.id, quantity: '5', price: '100', executedAt: DAY(1) });
    await t.http().put(`/api/v1/portfolios/${id}/targets`).set(owner.auth).send({ targets: TARGETS }).expect(200);
    await t.http().get(`/api/v1/portfolios/${id}/drift`).set(owner.auth).expect(200);
    await t.http().get(`/api/v1/portfolios/${id}/drift`).set(owner.auth).expect(200);
    await record(t, owner, id, { type: 'DEPOSIT', amount: '1000', executedAt: DAY(2) });
    await t.http().get(`/api/v1/portfolios/${id}/drift`).set(owner.auth).expect(200);
    const history = await t.http().get(`/api/v1/portfolios/${id}/drift/history?assetType=cash`).set(owner.auth).expect(200);
    expect(history.body.items.map((point: Record<string, string>) => [point.currentValue, point.currentPercentage, point.driftLevel])).toEqual([
      ['500.00', '50.0000', 'CRITICAL'],
      ['1500.00', '75.0000', 'CRITICAL'],
    ]);
    const all = await t.http().get(`/api/v1/portfolios/${id}/drift/history`).set(owner.auth).expect(200);
    expect(all.body.items).toHaveLength(6);
  });

  // Last: it changes the 60/30/10 portfolio the tests above use.
  it('makes 1,000 of crypto, a class without a target, visible with target 0 and the default untargeted band of 2', async () => {
    const crypto = await givenAsset(t, admin, { symbol: 'CRY', assetType: 'crypto', price: '1000' });
    await record(t, owner, portfolioId, { type: 'DEPOSIT', amount: '1000', executedAt: DAY(2) });
    await record(t, owner, portfolioId, { type: 'BUY', assetId: crypto.id, quantity: '1', price: '1000', executedAt: DAY(2) });
    const response = await t.http().get(`/api/v1/portfolios/${portfolioId}/drift`).set(owner.auth).expect(200);
    // Total 101,000: each share is value × 100 / 101,000, shown half-even to 4 decimals.
    expect(response.body).toMatchObject({ totalValue: '101000.00', status: 'CRITICAL', totalDrift: '10.3960' });
    expect(
      response.body.items.map((item: Record<string, string>) => [
        item.assetType,
        item.currentValue,
        item.currentPercentage,
        item.targetPercentage,
        item.tolerancePercentage,
        item.driftPercentage,
        item.driftLevel,
      ]),
    ).toEqual([
      ['bond', '30000.00', '29.7030', '40.0000', '5.0000', '-10.2970', 'CRITICAL'],
      ['cash', '10000.00', '9.9010', '10.0000', '5.0000', '-0.0990', 'WITHIN_TOLERANCE'],
      // 0.9901 points over a target of 0 is inside the portfolio's untargeted band (default 2).
      ['crypto', '1000.00', '0.9901', '0.0000', '2.0000', '0.9901', 'WITHIN_TOLERANCE'],
      ['stock', '60000.00', '59.4059', '50.0000', '5.0000', '9.4059', 'WARNING'],
    ]);
  });
});
