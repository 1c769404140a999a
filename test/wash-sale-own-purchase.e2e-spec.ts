import { givenAdmin, givenUser, type TestUser } from './support/auth';
import { givenAsset, type TestAsset } from './support/catalogue';
import { givenPortfolio, record } from './support/portfolios';
import { createTestApp, type TestApp } from './support/test-app';

const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();

/**
 * A lot's own purchase is not its replacement (IRC §1091; Treas. Reg. §1.1091-1(a); Rev. Rul. 56-602).
 * 16 X bought at 80 long ago (+320 at 100) and 16 X bought at 120 ten days ago (−320 at 100), with
 * 4,800 of cash against targets stock 20 / cash 80: 1,600 of stock is to be sold. The only purchase
 * of X in the last 30 days is the losing lot's own, so selling it is no wash sale: harvesting,
 * suggestions and the ledger that records the executed plan all agree.
 */
describe('wash sales: a single recent losing lot is not replaced by its own purchase', () => {
  let t: TestApp;
  let owner: TestUser;
  let x: TestAsset;
  let portfolioId: string;
  let gainLot: string;
  let lossLot: string;

  beforeAll(async () => {
    t = await createTestApp();
    const admin = await givenAdmin(t);
    owner = await givenUser(t);
    x = await givenAsset(t, admin, { symbol: 'WSX', assetType: 'stock', price: '100' });
    portfolioId = await givenPortfolio(t, owner);
    await record(t, owner, portfolioId, { type: 'DEPOSIT', amount: '8000', executedAt: daysAgo(700) });
    gainLot = await record(t, owner, portfolioId, { type: 'BUY', assetId: x.id, quantity: '16', price: '80', executedAt: daysAgo(600) });
    lossLot = await record(t, owner, portfolioId, { type: 'BUY', assetId: x.id, quantity: '16', price: '120', executedAt: daysAgo(10) });
    await t
      .http()
      .put(`/api/v1/portfolios/${portfolioId}/targets`)
      .set(owner.auth)
      .send({
        targets: [
          { assetType: 'stock', targetPercentage: '20' },
          { assetType: 'cash', targetPercentage: '80' },
        ],
      })
      .expect(200);
  });
  afterAll(() => t.close());

  it('harvesting lists the loss of 320 as not blocked', async () => {
    const response = await t.http().get(`/api/v1/portfolios/${portfolioId}/tax-loss-harvesting`).set(owner.auth).expect(200);

    expect(response.body.opportunities).toEqual([
      expect.objectContaining({
        lotId: lossLot,
        unrealizedLoss: '320.00',
        term: 'SHORT',
        washSaleBlocked: false,
        washSaleDisallowed: '0.00',
        washSaleSafeAfter: null,
      }),
    ]);
  });

  it('the tax-aware plan sells the losing lot (−320 short-term) rather than the gaining one (+320 long-term), and the ledger disallows nothing', async () => {
    const suggestions = await t.http().get(`/api/v1/portfolios/${portfolioId}/rebalance/suggestions`).set(owner.auth).expect(200);
    expect(suggestions.body.suggestions).toEqual([
      expect.objectContaining({
        action: 'SELL',
        quantity: '16',
        estimatedValue: '1600.00',
        lots: [{ lotId: lossLot, quantity: '16', gain: '-320.00', term: 'SHORT', washSaleDisallowed: '0.00' }],
        estimatedRealizedGain: { shortTerm: '-320.00', longTerm: '0.00' },
        taxLossHarvesting: true,
        washSale: false,
      }),
    ]);
    expect(gainLot).not.toBe(lossLot);

    const plan = await t.http().post(`/api/v1/portfolios/${portfolioId}/rebalance/plans`).set(owner.auth).send({}).expect(201);
    await t.http().post(`/api/v1/portfolios/${portfolioId}/rebalance/plans/${plan.body.id}/execute`).set(owner.auth).send({}).expect(200);
    const gains = await t.http().get(`/api/v1/portfolios/${portfolioId}/realized-gains`).set(owner.auth).expect(200);
    expect(gains.body.items.map((row: Record<string, string>) => [row.lotId, row.gain, row.washSaleDisallowed, row.term])).toEqual([
      [lossLot, '-320', '0', 'SHORT'],
    ]);
  });
});
