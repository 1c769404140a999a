import { givenAdmin, givenUser, type TestUser } from './support/auth';
import { givenAsset, type TestAsset } from './support/catalogue';
import { givenPortfolio, record, snapshotDatabase } from './support/portfolios';
import { createTestApp, type TestApp } from './support/test-app';

describe('transactions: bad input is refused and changes nothing', () => {
  let t: TestApp;
  let owner: TestUser;
  let asset: TestAsset;
  let portfolioId: string;
  let lotId: string;

  beforeAll(async () => {
    t = await createTestApp();
    const admin = await givenAdmin(t);
    owner = await givenUser(t);
    asset = await givenAsset(t, admin, { symbol: 'BAD', assetType: 'stock', price: '10' });
    portfolioId = await givenPortfolio(t, owner, { lotMethod: 'SPECIFIC_ID' });
    await record(t, owner, portfolioId, { type: 'DEPOSIT', amount: '1000', executedAt: '2026-01-02T00:00:00Z' });
    lotId = await record(t, owner, portfolioId, { type: 'BUY', assetId: asset.id, quantity: '10', price: '10', executedAt: '2026-01-03T00:00:00Z' });
  });
  afterAll(() => t.close());

  const post = (body: Record<string, unknown>) => t.http().post(`/api/v1/portfolios/${portfolioId}/transactions`).set(owner.auth).send(body);
  const buy = (override: Record<string, unknown>) => ({
    type: 'BUY',
    assetId: asset.id,
    quantity: '1',
    price: '10',
    executedAt: '2026-02-01T00:00:00Z',
    ...override,
  });

  it.each([
    ['zero quantity', { quantity: '0' }, 'quantity', 'isDecimal'],
    ['negative quantity', { quantity: '-1' }, 'quantity', 'isDecimal'],
    ['non-numeric quantity', { quantity: 'ten' }, 'quantity', 'isDecimal'],
    ['9 decimal places', { quantity: '0.123456789' }, 'quantity', 'isDecimal'],
    ['an absurd magnitude', { price: '1000000000000' }, 'price', 'isDecimal'],
    ['a negative price', { price: '-10' }, 'price', 'isDecimal'],
    ['a future date', { executedAt: '2999-01-01T00:00:00Z' }, 'executedAt', 'isNotFuture'],
    ['a missing asset', { assetId: undefined }, 'assetId', 'isDefined'],
    ['an amount on a BUY', { amount: '5' }, 'amount', 'allowedForType'],
    ['an unknown type', { type: 'GIFT' }, 'type', 'isIn'],
  ])('400 for %s', async (_case, override, field, rule) => {
    const before = await snapshotDatabase(t);
    const response = await post(buy(override)).expect(400);
    expect(response.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field, rule })]));
    expect(await snapshotDatabase(t)).toEqual(before);
  });

  it.each([
    [
      'an unknown asset',
      { type: 'BUY', assetId: '00000000-0000-4000-8000-000000000000', quantity: '1', price: '10', executedAt: '2026-02-01T00:00:00Z' },
      'VALIDATION_FAILED',
    ],
    ['a BUY beyond cash', { type: 'BUY', assetId: 'ASSET', quantity: '1000', price: '10', executedAt: '2026-02-01T00:00:00Z' }, 'INSUFFICIENT_CASH'],
    ['a WITHDRAWAL beyond cash', { type: 'WITHDRAWAL', amount: '100000', executedAt: '2026-02-01T00:00:00Z' }, 'INSUFFICIENT_CASH'],
    [
      'a SELL beyond holdings',
      { type: 'SELL', assetId: 'ASSET', quantity: '11', price: '10', executedAt: '2026-02-01T00:00:00Z', lots: [{ lotId: 'LOT', quantity: '11' }] },
      'INSUFFICIENT_QUANTITY',
    ],
    ['a SPECIFIC_ID sell without lots', { type: 'SELL', assetId: 'ASSET', quantity: '1', price: '10', executedAt: '2026-02-01T00:00:00Z' }, 'LOTS_REQUIRED'],
    [
      'lots that do not add up',
      { type: 'SELL', assetId: 'ASSET', quantity: '2', price: '10', executedAt: '2026-02-01T00:00:00Z', lots: [{ lotId: 'LOT', quantity: '1' }] },
      'LOT_OVERDRAWN',
    ],
    [
      'an unknown lot',
      {
        type: 'SELL',
        assetId: 'ASSET',
        quantity: '1',
        price: '10',
        executedAt: '2026-02-01T00:00:00Z',
        lots: [{ lotId: '00000000-0000-4000-8000-000000000000', quantity: '1' }],
      },
      'UNKNOWN_LOT',
    ],
  ])('422 for %s', async (_case, body, code) => {
    const before = await snapshotDatabase(t);
    // Ids exist only once beforeAll ran; the table names them by placeholder.
    const payload = JSON.parse(
      JSON.stringify(body)
        .replace(/"LOT"/g, JSON.stringify(lotId))
        .replace(/"ASSET"/g, JSON.stringify(asset.id)),
    );
    const response = await post(payload).expect(422);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body.code).toBe(code);
    expect(await snapshotDatabase(t)).toEqual(before);
  });

  it('suggests a DEPOSIT or TRANSFER_IN when a BUY lacks cash', async () => {
    const response = await post(buy({ quantity: '1000' })).expect(422);
    expect(response.body.detail).toContain('Record a DEPOSIT first, or a TRANSFER_IN');
  });

  it("refuses another portfolio's lot in a SPECIFIC_ID sell", async () => {
    const other = await givenPortfolio(t, owner, { lotMethod: 'SPECIFIC_ID' });
    await record(t, owner, other, { type: 'DEPOSIT', amount: '100', executedAt: '2026-01-02T00:00:00Z' });
    const otherLot = await record(t, owner, other, { type: 'BUY', assetId: asset.id, quantity: '1', price: '10', executedAt: '2026-01-03T00:00:00Z' });
    const response = await post({
      type: 'SELL',
      assetId: asset.id,
      quantity: '1',
      price: '10',
      executedAt: '2026-02-01T00:00:00Z',
      lots: [{ lotId: otherLot, quantity: '1' }],
    }).expect(422);
    expect(response.body.code).toBe('UNKNOWN_LOT');
  });

  it('refuses an asset in another currency, saying multi-currency is not supported yet', async () => {
    const admin = await givenAdmin(t);
    const euro = await givenAsset(t, admin, { symbol: 'EURX', assetType: 'stock', currency: 'EUR' });
    const response = await post(buy({ assetId: euro.id })).expect(422);
    expect(response.body).toMatchObject({ code: 'CURRENCY_MISMATCH' });
    expect(response.body.detail).toContain('multi-currency portfolios are not supported yet');
  });

  it('lets exactly one of two concurrent sells of the whole holding through', async () => {
    const id = await givenPortfolio(t, owner);
    await record(t, owner, id, { type: 'DEPOSIT', amount: '100', executedAt: '2026-01-02T00:00:00Z' });
    await record(t, owner, id, { type: 'BUY', assetId: asset.id, quantity: '5', price: '10', executedAt: '2026-01-03T00:00:00Z' });
    const sell = { type: 'SELL', assetId: asset.id, quantity: '5', price: '12', executedAt: '2026-02-01T00:00:00Z' };
    const responses = await Promise.all([1, 2].map(() => t.http().post(`/api/v1/portfolios/${id}/transactions`).set(owner.auth).send(sell)));
    expect(responses.map((r) => r.status).sort()).toEqual([201, 422]);
    const positions = await t.http().get(`/api/v1/portfolios/${id}/positions`).set(owner.auth).expect(200);
    expect(positions.body.items).toEqual([expect.objectContaining({ assetType: 'cash', quantity: '110' })]);
  });
});
