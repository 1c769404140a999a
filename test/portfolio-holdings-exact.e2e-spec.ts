import { givenAdmin, givenUser, type TestUser } from './support/auth';
import { givenAsset, type TestAsset } from './support/catalogue';
import { givenPortfolio, record, snapshotDatabase } from './support/portfolios';
import { createTestApp, type TestApp } from './support/test-app';

const DAY = (n: number) => new Date(Date.UTC(2026, 0, 1 + n, 15)).toISOString();

/**
 * Three lots at prices binary floats get wrong, then one SELL spanning two
 * of them. Hand computation (FIFO):
 *   lot1 3 × 10.10 + 0.10 = 30.40   lot2 3 × 20.20 + 0.20 = 60.80   lot3 3 × 30.30 + 0.30 = 91.20
 *   SELL 4 × 40.40 − 0.40 = 161.20, fee split 3:1 → 0.30 / 0.10
 *   lot1: proceeds 121.20 − 0.30 = 120.90, basis 30.40 → gain 90.50
 *   lot2: proceeds 40.40 − 0.10 = 40.30, basis 60.80 / 3 = 20.2666666667 (10 dp) → gain 20.0333333333
 *   lot2 keeps 2 units with basis 60.80 − 20.2666666667 = 40.5333333333
 *   cash 10000 − 30.40 − 60.80 − 91.20 + 161.20 = 9978.80
 */
describe('holdings are exact: three lots and a sale, FIFO', () => {
  let t: TestApp;
  let owner: TestUser;
  let asset: TestAsset;
  let portfolioId: string;
  const lotIds: string[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    const admin = await givenAdmin(t);
    owner = await givenUser(t);
    asset = await givenAsset(t, admin, { symbol: 'FLT', assetType: 'stock', price: '50.05' });
    portfolioId = await givenPortfolio(t, owner);
    await record(t, owner, portfolioId, { type: 'DEPOSIT', amount: '10000', executedAt: DAY(0) });
    for (const [i, price, fee] of [
      [1, '10.10', '0.10'],
      [2, '20.20', '0.20'],
      [3, '30.30', '0.30'],
    ] as const) {
      lotIds.push(await record(t, owner, portfolioId, { type: 'BUY', assetId: asset.id, quantity: '3', price, fee, executedAt: DAY(i) }));
    }
    await record(t, owner, portfolioId, { type: 'SELL', assetId: asset.id, quantity: 4, price: 40.4, fee: '0.40', executedAt: DAY(10) });
  });
  afterAll(() => t.close());

  it('reports realized gains per lot to the cent and beyond', async () => {
    const response = await t.http().get(`/api/v1/portfolios/${portfolioId}/realized-gains`).set(owner.auth).expect(200);
    expect(
      response.body.items.map((row: Record<string, string>) => [
        row.lotId,
        row.quantity,
        row.proceeds,
        row.costBasis,
        row.gain,
        row.washSaleDisallowed,
        row.reportableGain,
        row.term,
      ]),
    ).toEqual([
      [lotIds[0], '3', '120.9', '30.4', '90.5', '0', '90.5', 'SHORT'],
      [lotIds[1], '1', '40.3', '20.2666666667', '20.0333333333', '0', '20.0333333333', 'SHORT'],
    ]);
    expect(response.body.totals.shortTerm).toEqual({
      proceeds: '161.2',
      costBasis: '50.6666666667',
      gain: '110.5333333333',
      washSaleDisallowed: '0',
      reportableGain: '110.5333333333',
    });
    expect(response.body.totals.longTerm).toEqual({ proceeds: '0', costBasis: '0', gain: '0', washSaleDisallowed: '0', reportableGain: '0' });
  });

  it('keeps the open lots with their exact remaining basis', async () => {
    const response = await t.http().get(`/api/v1/portfolios/${portfolioId}/lots`).set(owner.auth).expect(200);
    expect(
      response.body.items.map((lot: Record<string, string>) => [lot.id, lot.quantity, lot.costBasis, lot.costPerUnit, lot.unrealizedGain, lot.term]),
    ).toEqual([
      [lotIds[1], '2', '40.5333333333', '20.26666667', '59.57', 'SHORT'],
      [lotIds[2], '3', '91.2', '30.40000000', '58.95', 'SHORT'],
    ]);
  });

  it('values positions and the cash line, weights half-even to 4 decimals', async () => {
    const response = await t.http().get(`/api/v1/portfolios/${portfolioId}/positions`).set(owner.auth).expect(200);
    // 5 × 50.05 = 250.25; total 250.25 + 9978.80 = 10229.05
    expect(response.body.items).toEqual([
      expect.objectContaining({
        assetId: asset.id,
        symbol: 'FLT',
        assetType: 'stock',
        quantity: '5',
        costBasis: '131.7333333333',
        averageCost: '26.34666667',
        price: '50.05',
        marketValue: '250.25',
        unrealizedGain: '118.52',
        unrealizedGainPercent: '89.9671',
        weightPercentage: '2.4465',
      }),
      expect.objectContaining({ assetId: null, assetType: 'cash', quantity: '9978.8', marketValue: '9978.80', weightPercentage: '97.5535' }),
    ]);
    const detail = await t.http().get(`/api/v1/portfolios/${portfolioId}`).set(owner.auth).expect(200);
    expect(detail.body).toMatchObject({
      cash: '9978.8',
      marketValue: '250.25',
      totalValue: '10229.05',
      costBasis: '131.7333333333',
      unrealizedGain: '118.52',
      warnings: [],
    });
  });

  it('re-derives when a BUY is backdated before the sale', async () => {
    const early = await record(t, owner, portfolioId, { type: 'BUY', assetId: asset.id, quantity: '1', price: '5', executedAt: DAY(0) });
    const response = await t.http().get(`/api/v1/portfolios/${portfolioId}/realized-gains`).set(owner.auth).expect(200);
    // FIFO now relieves the new lot (1 @ 5) and all of lot1 (3), and nothing of lot2.
    expect(response.body.items.map((row: Record<string, string>) => [row.lotId, row.quantity, row.costBasis])).toEqual([
      [early, '1', '5'],
      [lotIds[0], '3', '30.4'],
    ]);
    await t.http().delete(`/api/v1/portfolios/${portfolioId}/transactions/${early}`).set(owner.auth).expect(204);
    const restored = await t.http().get(`/api/v1/portfolios/${portfolioId}/realized-gains`).set(owner.auth).expect(200);
    expect(restored.body.totals.total.gain).toBe('110.5333333333');
  });

  it('refuses a backdated SELL of units not yet held, and changes nothing', async () => {
    const before = await snapshotDatabase(t);
    const response = await t
      .http()
      .post(`/api/v1/portfolios/${portfolioId}/transactions`)
      .set(owner.auth)
      .send({ type: 'SELL', assetId: asset.id, quantity: '1', price: '10', executedAt: DAY(0) })
      .expect(422);
    expect(response.body).toMatchObject({ code: 'INSUFFICIENT_QUANTITY', status: 422 });
    expect(await snapshotDatabase(t)).toEqual(before);
  });

  it('refuses deleting the DEPOSIT that the BUYs spent, and changes nothing', async () => {
    const before = await snapshotDatabase(t);
    const list = await t.http().get(`/api/v1/portfolios/${portfolioId}/transactions?limit=1`).set(owner.auth).expect(200);
    expect(list.body.items[0].type).toBe('DEPOSIT');
    const response = await t.http().delete(`/api/v1/portfolios/${portfolioId}/transactions/${list.body.items[0].id}`).set(owner.auth).expect(422);
    expect(response.body).toMatchObject({ code: 'INSUFFICIENT_CASH', transactionId: lotIds[0] });
    expect(response.body.detail).toContain(`This change would make the BUY of ${DAY(1)} (${lotIds[0]}) impossible`);
    expect(response.body.detail).toContain('Buying 3 FLT');
    expect(await snapshotDatabase(t)).toEqual(before);
  });

  it('lists the history in time order, page by page', async () => {
    const first = await t.http().get(`/api/v1/portfolios/${portfolioId}/transactions?limit=3`).set(owner.auth).expect(200);
    expect(first.body.items.map((tx: { type: string }) => tx.type)).toEqual(['DEPOSIT', 'BUY', 'BUY']);
    const second = await t.http().get(`/api/v1/portfolios/${portfolioId}/transactions?limit=3&cursor=${first.body.nextCursor}`).set(owner.auth).expect(200);
    expect(second.body.items.map((tx: { type: string; quantity: string | null; price: string | null }) => [tx.type, tx.quantity, tx.price])).toEqual([
      ['BUY', '3', '30.3'],
      ['SELL', '4', '40.4'],
    ]);
    expect(second.body.nextCursor).toBeNull();
  });
});
