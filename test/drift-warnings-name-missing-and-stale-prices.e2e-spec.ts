import { givenAdmin, givenUser, type TestUser } from './support/auth';
import { givenAsset } from './support/catalogue';
import { givenPortfolio, record } from './support/portfolios';
import { createTestApp, type TestApp } from './support/test-app';

/**
 * The drift GET reads its positions in a statement of its own: its warnings must still be the ones
 * the positions route gives, in the same order. ZOLD's only price is years old (stale), ANEW has
 * a fresh one and MNOP has none (a BUY's price is not a catalogue price).
 */
describe('the drift warnings name missing and stale prices as the positions do', () => {
  let t: TestApp;
  let owner: TestUser;
  let portfolioId: string;

  beforeAll(async () => {
    t = await createTestApp();
    const admin = await givenAdmin(t);
    owner = await givenUser(t);
    const stale = await givenAsset(t, admin, { symbol: 'ZOLD', assetType: 'stock', price: '10', priceAsOf: '2020-01-01T00:00:00Z' });
    const fresh = await givenAsset(t, admin, { symbol: 'ANEW', assetType: 'stock', price: '10', priceAsOf: new Date().toISOString() });
    const unpriced = await givenAsset(t, admin, { symbol: 'MNOP', assetType: 'bond' });
    portfolioId = await givenPortfolio(t, owner);
    await record(t, owner, portfolioId, { type: 'DEPOSIT', amount: '1000', executedAt: '2026-01-02T00:00:00Z' });
    for (const asset of [stale, fresh, unpriced]) {
      await record(t, owner, portfolioId, { type: 'BUY', assetId: asset.id, quantity: '2', price: '5', executedAt: '2026-01-03T00:00:00Z' });
    }
    await t
      .http()
      .put(`/api/v1/portfolios/${portfolioId}/targets`)
      .set(owner.auth)
      .send({
        targets: [
          { assetType: 'stock', targetPercentage: '50' },
          { assetType: 'bond', targetPercentage: '20' },
          { assetType: 'cash', targetPercentage: '30' },
        ],
      })
      .expect(200);
  });
  afterAll(() => t.close());

  it('warns of MNOP (no price) and ZOLD (stale), by symbol, and values MNOP at 0', async () => {
    const drift = await t.http().get(`/api/v1/portfolios/${portfolioId}/drift`).set(owner.auth).expect(200);
    const positions = await t.http().get(`/api/v1/portfolios/${portfolioId}/positions`).set(owner.auth).expect(200);
    expect(drift.body.warnings).toEqual(positions.body.warnings);
    expect(drift.body.warnings).toEqual(['No price for MNOP: valued at 0', 'The price of ZOLD is stale (as of 2020-01-01T00:00:00.000Z)']);
    // 970 cash, 2 × 10 of each priced stock, the bond at 0.
    expect(drift.body.totalValue).toBe('1010.00');
  });
});
