import { givenAdmin, givenUser, type TestUser } from './support/auth';
import { givenAsset, type TestAsset } from './support/catalogue';
import { givenPortfolio, record } from './support/portfolios';
import { createTestApp, type TestApp } from './support/test-app';

const DAY = (n: number) => new Date(Date.UTC(2026, 0, 1 + n, 15)).toISOString();

describe('the lot method decides which lots a sale relieves', () => {
  let t: TestApp;
  let owner: TestUser;
  let asset: TestAsset;

  beforeAll(async () => {
    t = await createTestApp();
    const admin = await givenAdmin(t);
    owner = await givenUser(t);
    asset = await givenAsset(t, admin, { symbol: 'LOTS', assetType: 'stock', price: '40' });
  });
  afterAll(() => t.close());

  /**
   * Same history in each portfolio:
   *   A: 3 × 20.20 + 0.20 = 60.80 (day 1)   B: 3 × 30.30 + 0.30 = 91.20 (day 2)   C: 3 × 10.10 + 0.10 = 30.40 (day 3)
   *   SELL 4 × 40.40 − 0.40 on day 10; the fee splits 3:1 by quantity, so 3 units bring 120.90 and 1 unit 40.30.
   */
  async function sellFromThreeLots(
    lotMethod: string,
    pick?: (lots: Record<string, string>) => unknown,
  ): Promise<{ rows: string[][]; total: string; lots: Record<string, string> }> {
    const id = await givenPortfolio(t, owner, { lotMethod });
    await record(t, owner, id, { type: 'DEPOSIT', amount: '1000', executedAt: DAY(0) });
    const lots: Record<string, string> = {};
    for (const [name, day, price, fee] of [
      ['A', 1, '20.20', '0.20'],
      ['B', 2, '30.30', '0.30'],
      ['C', 3, '10.10', '0.10'],
    ] as const) {
      lots[name] = await record(t, owner, id, { type: 'BUY', assetId: asset.id, quantity: '3', price, fee, executedAt: DAY(day) });
    }
    await record(t, owner, id, {
      type: 'SELL',
      assetId: asset.id,
      quantity: '4',
      price: '40.40',
      fee: '0.40',
      executedAt: DAY(10),
      ...(pick ? { lots: pick(lots) } : {}),
    });
    const response = await t.http().get(`/api/v1/portfolios/${id}/realized-gains`).set(owner.auth).expect(200);
    const nameOf = Object.fromEntries(Object.entries(lots).map(([name, lotId]) => [lotId, name]));
    return {
      rows: response.body.items.map((row: Record<string, string>) => [nameOf[row.lotId], row.quantity, row.proceeds, row.costBasis, row.gain]),
      total: response.body.totals.total.gain,
      lots,
    };
  }

  it('FIFO relieves the oldest lots', async () => {
    const { rows, total } = await sellFromThreeLots('FIFO');
    expect(rows).toEqual([
      ['A', '3', '120.9', '60.8', '60.1'],
      ['B', '1', '40.3', '30.4', '9.9'],
    ]);
    expect(total).toBe('70');
  });

  it('LIFO relieves the newest lots', async () => {
    const { rows, total } = await sellFromThreeLots('LIFO');
    expect(rows).toEqual([
      ['B', '1', '40.3', '30.4', '9.9'],
      ['C', '3', '120.9', '30.4', '90.5'],
    ]);
    expect(total).toBe('100.4');
  });

  it('HIFO relieves the dearest lots', async () => {
    const { rows, total } = await sellFromThreeLots('HIFO');
    expect(rows).toEqual([
      ['A', '1', '40.3', '20.2666666667', '20.0333333333'],
      ['B', '3', '120.9', '91.2', '29.7'],
    ]);
    expect(total).toBe('49.7333333333');
  });

  it('SPECIFIC_ID relieves exactly the named lots', async () => {
    const { rows, total } = await sellFromThreeLots('SPECIFIC_ID', (lots) => [
      { lotId: lots.C, quantity: '1' },
      { lotId: lots.A, quantity: '3' },
    ]);
    expect(rows).toEqual([
      ['A', '3', '120.9', '60.8', '60.1'],
      ['C', '1', '40.3', '10.1333333333', '30.1666666667'],
    ]);
    expect(total).toBe('90.2666666667');
  });
});

describe("wash sales reach across the same user's portfolios (IRS Publication 550, wash sales, example 1)", () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('disallows the $250 loss and adds it to the replacement bought in another portfolio: basis $1,050', async () => {
    const admin = await givenAdmin(t);
    const owner = await givenUser(t);
    const asset = await givenAsset(t, admin, { symbol: 'WASH', assetType: 'stock', price: '8' });
    const taxable = await givenPortfolio(t, owner, { name: 'Taxable' });
    const other = await givenPortfolio(t, owner, { name: 'Other' });
    await record(t, owner, taxable, { type: 'DEPOSIT', amount: '1000', executedAt: DAY(0) });
    const sold = await record(t, owner, taxable, { type: 'BUY', assetId: asset.id, quantity: '100', price: '10', executedAt: DAY(1) });
    await record(t, owner, taxable, { type: 'SELL', assetId: asset.id, quantity: '100', price: '7.50', executedAt: DAY(40) });

    const before = await t.http().get(`/api/v1/portfolios/${taxable}/realized-gains`).set(owner.auth).expect(200);
    expect(before.body.items[0]).toMatchObject({
      lotId: sold,
      proceeds: '750',
      costBasis: '1000',
      gain: '-250',
      washSaleDisallowed: '0',
      reportableGain: '-250',
    });

    // Bought within 30 days after the sale, in the other portfolio.
    await record(t, owner, other, { type: 'DEPOSIT', amount: '800', executedAt: DAY(45) });
    const replacement = await record(t, owner, other, { type: 'BUY', assetId: asset.id, quantity: '100', price: '8', executedAt: DAY(50) });

    const after = await t.http().get(`/api/v1/portfolios/${taxable}/realized-gains`).set(owner.auth).expect(200);
    expect(after.body.items[0]).toMatchObject({ lotId: sold, gain: '-250', washSaleDisallowed: '250', reportableGain: '0' });
    expect(after.body.totals.shortTerm).toMatchObject({ gain: '-250', washSaleDisallowed: '250', reportableGain: '0' });

    const lots = await t.http().get(`/api/v1/portfolios/${other}/lots`).set(owner.auth).expect(200);
    // The 39 days the sold shares were held are tacked on: day 50 − 39 = day 11.
    expect(lots.body.items).toEqual([
      expect.objectContaining({
        id: replacement,
        quantity: '100',
        costBasis: '1050',
        washSaleAdjustment: '250',
        acquiredAt: DAY(50),
        holdingPeriodStart: DAY(11),
        unrealizedGain: '-250.00',
      }),
    ]);

    // A stranger's purchase of the same asset in the window changes nothing for this user.
    const stranger = await givenUser(t, 'stranger');
    const strangers = await givenPortfolio(t, stranger);
    await record(t, stranger, strangers, { type: 'DEPOSIT', amount: '100', executedAt: DAY(41) });
    await record(t, stranger, strangers, { type: 'BUY', assetId: asset.id, quantity: '1', price: '8', executedAt: DAY(41) });
    const unchanged = await t.http().get(`/api/v1/portfolios/${taxable}/realized-gains`).set(owner.auth).expect(200);
    expect(unchanged.body.items[0].washSaleDisallowed).toBe('250');
  });
});

describe('transfers in, dividends and fees', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('brings holdings in with their own basis and holding period, without touching cash', async () => {
    const admin = await givenAdmin(t);
    const owner = await givenUser(t);
    const asset = await givenAsset(t, admin, { symbol: 'XFER', assetType: 'bond', price: '120' });
    const id = await givenPortfolio(t, owner);
    const lot = await record(t, owner, id, {
      type: 'TRANSFER_IN',
      assetId: asset.id,
      quantity: '10',
      costPerUnit: '100',
      acquiredAt: '2024-03-15T00:00:00Z',
      executedAt: DAY(4),
    });
    await record(t, owner, id, { type: 'DIVIDEND', assetId: asset.id, amount: '50', executedAt: DAY(5) });
    await record(t, owner, id, { type: 'FEE', amount: '5.25', executedAt: DAY(6) });
    await record(t, owner, id, { type: 'SELL', assetId: asset.id, quantity: '4', price: '125', fee: '1', executedAt: DAY(7) });

    const lots = await t.http().get(`/api/v1/portfolios/${id}/lots`).set(owner.auth).expect(200);
    expect(lots.body.items).toEqual([
      expect.objectContaining({ id: lot, quantity: '6', costBasis: '600', acquiredAt: '2024-03-15T00:00:00.000Z', term: 'LONG', longTermAt: '2025-03-16' }),
    ]);
    const gains = await t.http().get(`/api/v1/portfolios/${id}/realized-gains`).set(owner.auth).expect(200);
    expect(gains.body.items).toEqual([expect.objectContaining({ quantity: '4', proceeds: '499', costBasis: '400', gain: '99', term: 'LONG' })]);
    expect(gains.body.totals.longTerm.gain).toBe('99');
    const detail = await t.http().get(`/api/v1/portfolios/${id}`).set(owner.auth).expect(200);
    // 50 dividend − 5.25 fee + 499 proceeds
    expect(detail.body).toMatchObject({ cash: '543.75', marketValue: '720.00', totalValue: '1263.75', costBasis: '600', unrealizedGain: '120.00' });
  });

  it('filters realized gains by disposal date', async () => {
    const admin = await givenAdmin(t);
    const owner = await givenUser(t);
    const asset = await givenAsset(t, admin, { symbol: 'WHEN', assetType: 'stock', price: '10' });
    const id = await givenPortfolio(t, owner);
    await record(t, owner, id, { type: 'DEPOSIT', amount: '100', executedAt: DAY(0) });
    await record(t, owner, id, { type: 'BUY', assetId: asset.id, quantity: '3', price: '10', executedAt: DAY(1) });
    for (const day of [10, 20, 30]) await record(t, owner, id, { type: 'SELL', assetId: asset.id, quantity: '1', price: '11', executedAt: DAY(day) });
    const window = await t
      .http()
      .get(`/api/v1/portfolios/${id}/realized-gains?from=${DAY(15)}&to=${DAY(30)}`)
      .set(owner.auth)
      .expect(200);
    expect(window.body.items.map((row: { disposedAt: string }) => row.disposedAt)).toEqual([DAY(20), DAY(30)]);
    expect(window.body.totals.total.gain).toBe('2');
  });
});
