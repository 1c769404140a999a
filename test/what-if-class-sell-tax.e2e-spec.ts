import { givenAdmin, givenUser, type TestUser } from './support/auth';
import { givenAsset } from './support/catalogue';
import { givenPortfolio, record } from './support/portfolios';
import { createTestApp, type TestApp } from './support/test-app';

const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();

/**
 * 40 WS1 bought at 80 long ago and 20 WS2 bought at 120 half a year ago, both priced 100 now, with
 * 4,400 of cash. A what-if SELL of 3,000 of stock sells 20 WS1 (+400, long-term) and 10 WS2
 * (−200, short-term); each part of the class trade counts once.
 */
describe('what-if: the estimated tax of a class-level SELL over several assets', () => {
  let t: TestApp;
  let owner: TestUser;
  let portfolioId: string;

  beforeAll(async () => {
    t = await createTestApp();
    const admin = await givenAdmin(t);
    owner = await givenUser(t);
    const ws1 = await givenAsset(t, admin, { symbol: 'WS1', assetType: 'stock', price: '100' });
    const ws2 = await givenAsset(t, admin, { symbol: 'WS2', assetType: 'stock', price: '100' });
    portfolioId = await givenPortfolio(t, owner);
    await record(t, owner, portfolioId, { type: 'DEPOSIT', amount: '10000', executedAt: daysAgo(720) });
    await record(t, owner, portfolioId, { type: 'BUY', assetId: ws1.id, quantity: '40', price: '80', executedAt: daysAgo(700) });
    await record(t, owner, portfolioId, { type: 'BUY', assetId: ws2.id, quantity: '20', price: '120', executedAt: daysAgo(180) });
    await t
      .http()
      .put(`/api/v1/portfolios/${portfolioId}/targets`)
      .set(owner.auth)
      .send({
        targets: [
          { assetType: 'stock', targetPercentage: '60' },
          { assetType: 'cash', targetPercentage: '40' },
        ],
      })
      .expect(200);
  });
  afterAll(() => t.close());

  it('estimates +400 long-term and −200 short-term for a SELL of 3,000 of stock', async () => {
    const response = await t
      .http()
      .post(`/api/v1/portfolios/${portfolioId}/rebalance/what-if`)
      .set(owner.auth)
      .send({ trades: [{ assetType: 'stock', action: 'SELL', value: '3000' }] })
      .expect(200);

    expect(response.body).toMatchObject({ cashBefore: '4400', cashAfter: '7400.00', totalValueBefore: '10400.00', totalValueAfter: '10400.00' });
    expect(response.body.estimatedTax).toEqual({
      shortTerm: { gains: '0.00', losses: '-200.00', net: '-200.00' },
      longTerm: { gains: '400.00', losses: '0.00', net: '400.00' },
      washSaleDisallowed: '0.00',
      washSales: [],
    });
  });
});
