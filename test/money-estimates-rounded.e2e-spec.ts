import { givenAdmin, givenUser, type TestUser } from './support/auth';
import { givenAsset, type TestAsset } from './support/catalogue';
import { givenPortfolio, record } from './support/portfolios';
import { createTestApp, type TestApp } from './support/test-app';

const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();

/**
 * 12,923 of cash and a stock target of 100%, the stock priced 30. Buying 12,923 of it buys
 * 12923 / 30 = 430.766666666… units, cut to 430.76666666, worth exactly 12,922.9999998 and leaving
 * 0.0000002 of cash. Those are estimates of a trade not made, shown half-even to 2 places:
 * "12923.00" and "0.00". The units and the price stay exact, and so does the ledger's cash balance.
 */
describe('money estimates are shown rounded half-even to 2 places; ledger amounts exact', () => {
  let t: TestApp;
  let owner: TestUser;
  let stock: TestAsset;
  let portfolioId: string;

  beforeAll(async () => {
    t = await createTestApp();
    const admin = await givenAdmin(t);
    owner = await givenUser(t);
    stock = await givenAsset(t, admin, { symbol: 'THIRTY', assetType: 'stock', price: '30' });
    portfolioId = await givenPortfolio(t, owner);
    await record(t, owner, portfolioId, { type: 'DEPOSIT', amount: '12923', executedAt: daysAgo(1) });
    await t
      .http()
      .put(`/api/v1/portfolios/${portfolioId}/targets`)
      .set(owner.auth)
      .send({ targets: [{ assetType: 'stock', targetPercentage: '100', preferredAssetId: stock.id }] })
      .expect(200);
  });
  afterAll(() => t.close());

  it('suggests buying 430.76666666 units for an estimated 12923.00, leaving 0.00 of cash', async () => {
    const response = await t.http().get(`/api/v1/portfolios/${portfolioId}/rebalance/suggestions`).set(owner.auth).expect(200);

    expect(response.body.suggestions).toEqual([
      expect.objectContaining({ action: 'BUY', assetId: stock.id, quantity: '430.76666666', price: '30', estimatedValue: '12923.00' }),
    ]);
    expect(response.body.summary).toMatchObject({ totalBuys: '12923.00', totalSells: '0.00', netCash: '-12923.00', cashAfter: '0.00' });
    expect(response.body.summary.driftAfter).toMatchObject({ totalValue: '12923.00' });
    expect(response.body.summary.driftAfter.items.map((item: Record<string, string>) => [item.assetType, item.currentValue])).toEqual([
      ['cash', '0.00'],
      ['stock', '12923.00'],
    ]);
  });

  it('shows the what-if of the same BUY the same way, with the ledger cash before exact', async () => {
    const response = await t
      .http()
      .post(`/api/v1/portfolios/${portfolioId}/rebalance/what-if`)
      .set(owner.auth)
      .send({ trades: [{ assetId: stock.id, action: 'BUY', value: '12923' }] })
      .expect(200);

    expect(response.body).toMatchObject({ cashBefore: '12923', cashAfter: '0.00', totalValueBefore: '12923.00', totalValueAfter: '12923.00' });
  });
});
