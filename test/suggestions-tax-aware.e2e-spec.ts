import { randomUUID } from 'node:crypto';
import { givenAdmin, givenUser, type TestUser } from './support/auth';
import { givenAsset, type TestAsset } from './support/catalogue';
import { givenPortfolio, record, snapshotDatabase } from './support/portfolios';
import { createTestApp, type TestApp } from './support/test-app';

const DAY = (n: number) => new Date(Date.UTC(2026, 0, 1 + n, 15)).toISOString();
const DAYS_AGO = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();
const TARGETS = [
  { assetType: 'stock', targetPercentage: '50', tolerancePercentage: '5' },
  { assetType: 'bond', targetPercentage: '40', tolerancePercentage: '5' },
  { assetType: 'cash', targetPercentage: '10' },
];

type Row = Record<string, unknown>;
const brief = (suggestions: Row[]) => suggestions.map((s) => [s.action, s.symbol, s.estimatedValue, s.priority]);

describe('suggestions on the 60/30/10 portfolio against 50/40/10', () => {
  let t: TestApp;
  let owner: TestUser;
  let admin: TestUser;
  let stock: TestAsset;
  let bond: TestAsset;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await givenAdmin(t);
    owner = await givenUser(t);
    stock = await givenAsset(t, admin, { symbol: 'SSTK', assetType: 'stock', price: '100' });
    bond = await givenAsset(t, admin, { symbol: 'SBND', assetType: 'bond', price: '100' });
  });
  afterAll(() => t.close());

  /** stock: 300 units bought at 80 (a gain) and 300 at 120 (a loss), worth 100 now; bond 300 at 100; cash 10,000. */
  async function givenDriftedPortfolio(user: TestUser = owner): Promise<{ id: string; gainLot: string; lossLot: string }> {
    const id = await givenPortfolio(t, user);
    await record(t, user, id, { type: 'DEPOSIT', amount: '100000', executedAt: DAY(0) });
    const gainLot = await record(t, user, id, { type: 'BUY', assetId: stock.id, quantity: '300', price: '80', executedAt: DAY(1) });
    const lossLot = await record(t, user, id, { type: 'BUY', assetId: stock.id, quantity: '300', price: '120', executedAt: DAY(2) });
    await record(t, user, id, { type: 'BUY', assetId: bond.id, quantity: '300', price: '100', executedAt: DAY(3) });
    await t.http().put(`/api/v1/portfolios/${id}/targets`).set(user.auth).send({ targets: TARGETS }).expect(200);
    return { id, gainLot, lossLot };
  }

  const suggest = (id: string, query = '') => t.http().get(`/api/v1/portfolios/${id}/rebalance/suggestions${query}`).set(owner.auth);

  it('TO_TARGET: sell 10,000 of stock and buy 10,000 of bond, selling the loss lot first', async () => {
    const { id, lossLot } = await givenDriftedPortfolio();
    const before = await snapshotDatabase(t);
    const response = await suggest(id).expect(200);
    expect(brief(response.body.suggestions)).toEqual([
      ['SELL', 'SSTK', '10000.00', 'MEDIUM'],
      ['BUY', 'SBND', '10000.00', 'MEDIUM'],
    ]);
    // Fractional units, no minimum trade: a linear program, solved to optimality, with no MIP gap to report.
    expect(response.body.solver).toEqual({ status: 'OPTIMAL', mipGap: null, timeMs: expect.any(Number) });
    const [sell, buy] = response.body.suggestions;
    expect(sell).toMatchObject({
      assetId: stock.id,
      quantity: '100',
      currentQuantity: '600',
      suggestedQuantity: '500',
      price: '100',
      taxImplication: 'LOSS',
      lots: [{ lotId: lossLot, quantity: '100', gain: '-2000.00', term: expect.any(String) }],
      taxLossHarvesting: true,
      washSale: false,
    });
    expect(buy).toMatchObject({ assetId: bond.id, quantity: '100', currentQuantity: '300', suggestedQuantity: '400', taxImplication: 'NEUTRAL', lots: [] });
    expect(response.body.summary).toMatchObject({
      totalBuys: '10000.00',
      totalSells: '10000.00',
      netCash: '0.00',
      cashAfter: '10000.00',
      turnoverPercentage: '10.0000',
    });
    expect(response.body.summary.driftBefore.status).toBe('WARNING');
    expect(response.body.summary.driftAfter.status).toBe('WITHIN_TOLERANCE');
    expect(response.body.summary.driftAfter.items.map((item: Row) => item.driftPercentage)).toEqual(['0.0000', '0.0000', '0.0000']);
    expect(await snapshotDatabase(t)).toEqual(before);
  });

  it('executing the plan in a FIFO portfolio realizes the loss lot it chose, not the oldest lot', async () => {
    const { id, lossLot } = await givenDriftedPortfolio();
    const plan = (await t.http().post(`/api/v1/portfolios/${id}/rebalance/plans`).set(owner.auth).send({}).expect(201)).body;
    await t.http().post(`/api/v1/portfolios/${id}/rebalance/plans/${plan.id}/execute`).set(owner.auth).send({}).expect(200);
    const gains = await t.http().get(`/api/v1/portfolios/${id}/realized-gains`).set(owner.auth).expect(200);
    expect(gains.body.items.map((row: Row) => [row.lotId, row.quantity, row.gain])).toEqual([[lossLot, '100', '-2000']]);
  });

  it('TO_BAND: move only to the band edge, 5,000 each and a cent', async () => {
    const { id } = await givenDriftedPortfolio();
    const response = await suggest(id, '?strategy=TO_BAND').expect(200);
    // 55 % and 35 % of 100,000 are 5,000 away; the solver aims a cent inside each band, so rounding its
    // units to 8 places can never leave a class a micro-dollar outside.
    expect(brief(response.body.suggestions)).toEqual([
      ['SELL', 'SSTK', '5000.01', 'MEDIUM'],
      ['BUY', 'SBND', '5000.01', 'MEDIUM'],
    ]);
  });

  it('allowSells=false with a 20,000 cash flow: buys only', async () => {
    const { id } = await givenDriftedPortfolio();
    const response = await suggest(id, '?allowSells=false&cashFlow=20000').expect(200);
    expect(response.body.suggestions.length).toBeGreaterThan(0);
    expect(response.body.suggestions.every((s: Row) => s.action === 'BUY')).toBe(true);
    expect(Number(response.body.summary.cashAfter)).toBeGreaterThanOrEqual(0);
    // 120,000 after the deposit: bond to 40% is 48,000, i.e. 18,000 more. Priority follows
    // the class's current level (bond is WARNING now), not the level after the deposit.
    expect(brief(response.body.suggestions)).toEqual([['BUY', 'SBND', '18000.00', 'MEDIUM']]);
  });

  // A user of their own: the plan executed above sold this stock at a loss today, and a purchase that
  // replaced that loss cannot replace a second one (the ledger's rule), so the owner's history would decide.
  it('avoids a wash sale by selling another lot when the asset was bought 10 days ago', async () => {
    const user = await givenUser(t, 'wash-avoider');
    const { id, lossLot } = await givenDriftedPortfolio(user);
    await record(t, user, id, { type: 'DEPOSIT', amount: '100', executedAt: DAYS_AGO(10) });
    await record(t, user, id, { type: 'BUY', assetId: stock.id, quantity: '1', price: '100', executedAt: DAYS_AGO(10) });
    const response = await t.http().get(`/api/v1/portfolios/${id}/rebalance/suggestions`).set(user.auth).expect(200);
    const sell = response.body.suggestions.find((s: Row) => s.action === 'SELL');
    expect(sell.lots.map((lot: Row) => lot.lotId)).not.toContain(lossLot);
    expect(sell).toMatchObject({ taxLossHarvesting: false, washSale: false });
  });

  it('marks the loss sale as a wash sale, not harvesting, when there is no other choice', async () => {
    const user = await givenUser(t, 'wash-seller');
    const id = await givenPortfolio(t, user);
    await record(t, user, id, { type: 'DEPOSIT', amount: '100000', executedAt: DAY(0) });
    const lossLot = await record(t, user, id, { type: 'BUY', assetId: stock.id, quantity: '500', price: '120', executedAt: DAY(1) });
    await record(t, user, id, { type: 'BUY', assetId: bond.id, quantity: '300', price: '100', executedAt: DAY(2) });
    await t.http().put(`/api/v1/portfolios/${id}/targets`).set(user.auth).send({ targets: TARGETS }).expect(200);
    // The replacement purchase is in another portfolio of the same user.
    const other = await givenPortfolio(t, user);
    await record(t, user, other, { type: 'DEPOSIT', amount: '100', executedAt: DAYS_AGO(10) });
    await record(t, user, other, { type: 'BUY', assetId: stock.id, quantity: '1', price: '100', executedAt: DAYS_AGO(10) });
    const response = await t.http().get(`/api/v1/portfolios/${id}/rebalance/suggestions`).set(user.auth).expect(200);
    const sell = response.body.suggestions.find((s: Row) => s.action === 'SELL');
    expect(sell.lots.map((lot: Row) => lot.lotId)).toEqual([lossLot]);
    // Stock is 50,000 of 90,000 against 50%: 50 units sold at 100, a loss of 1,000; one replacement share for the 50 disallows 1,000 × 1 / 50 = 20.
    expect(sell.lots).toEqual([expect.objectContaining({ lotId: lossLot, quantity: '50', gain: '-1000.00', washSaleDisallowed: '20.00' })]);
    expect(sell).toMatchObject({ taxImplication: 'LOSS', taxLossHarvesting: false, washSale: true });
  });

  // A user of their own: the plan executed above bought this bond today, which already replaced any
  // earlier loss of the owner's (the ledger's rule), so buying it again would be no wash sale.
  it('buys another asset of the class instead of one sold at a loss in the last 30 days', async () => {
    const replacement = await givenAsset(t, admin, { symbol: 'SBN2', assetType: 'bond', price: '50' });
    const user = await givenUser(t, 'loss-seller');
    const { id } = await givenDriftedPortfolio(user);
    // The loss sale is in another portfolio of the same user: buying SBND back now would be a wash sale.
    const other = await givenPortfolio(t, user);
    await record(t, user, other, { type: 'DEPOSIT', amount: '1000', executedAt: DAYS_AGO(20) });
    await record(t, user, other, { type: 'BUY', assetId: bond.id, quantity: '5', price: '150', executedAt: DAYS_AGO(20) });
    await record(t, user, other, { type: 'SELL', assetId: bond.id, quantity: '5', price: '100', executedAt: DAYS_AGO(5) });
    const response = await t.http().get(`/api/v1/portfolios/${id}/rebalance/suggestions`).set(user.auth).expect(200);
    const buy = response.body.suggestions.find((s: Row) => s.action === 'BUY');
    expect(buy).toMatchObject({ assetId: replacement.id, symbol: 'SBN2', quantity: '200', estimatedValue: '10000.00', washSale: false });
    expect(buy.reason).toContain('with SBN2 instead of SBND, which was sold at a loss in the last 30 days');
  });

  it('suggests nothing when every class is within tolerance', async () => {
    const id = await givenPortfolio(t, owner);
    await record(t, owner, id, { type: 'DEPOSIT', amount: '1000', executedAt: DAY(0) });
    await record(t, owner, id, { type: 'BUY', assetId: stock.id, quantity: '5', price: '100', executedAt: DAY(1) });
    await record(t, owner, id, { type: 'BUY', assetId: bond.id, quantity: '4', price: '100', executedAt: DAY(1) });
    await t.http().put(`/api/v1/portfolios/${id}/targets`).set(owner.auth).send({ targets: TARGETS }).expect(200);
    const response = await suggest(id).expect(200);
    expect(response.body.suggestions).toEqual([]);
  });

  it.each([
    ['?strategy=SIDEWAYS', 'strategy'],
    ['?minTradeValue=-1', 'minTradeValue'],
    ['?allowSells=maybe', 'allowSells'],
  ])('refuses %s with 400', async (query, field) => {
    const { id } = await givenDriftedPortfolio();
    const response = await suggest(id, query).expect(400);
    expect(response.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
  });

  it('refuses a withdrawal larger than the portfolio with 422, and answers 409 without targets', async () => {
    const { id } = await givenDriftedPortfolio();
    const response = await suggest(id, '?cashFlow=-100000.01').expect(422);
    expect(response.body.errors).toEqual([expect.objectContaining({ field: 'cashFlow' })]);
    const bare = await givenPortfolio(t, owner);
    await suggest(bare).expect(409);
  });

  it("answers another user's portfolio with 404", async () => {
    const { id } = await givenDriftedPortfolio();
    const stranger = await givenUser(t, 'stranger');
    for (const path of ['rebalance/suggestions', 'tax-loss-harvesting']) {
      await t.http().get(`/api/v1/portfolios/${id}/${path}`).set(stranger.auth).expect(404);
      await t.http().get(`/api/v1/portfolios/${randomUUID()}/${path}`).set(owner.auth).expect(404);
    }
  });

  it('lists tax-loss harvesting opportunities with thresholds, wash-sale status and tax saving', async () => {
    // A user of its own: the owner above bought SSTK 10 days ago, which would block the sale.
    const investor = await givenUser(t, 'investor');
    const sibling = await givenAsset(t, admin, { symbol: 'SSTK2', assetType: 'stock', price: '50' });
    const { id, lossLot } = await givenDriftedPortfolio(investor);
    const harvest = (query: string) => t.http().get(`/api/v1/portfolios/${id}/tax-loss-harvesting${query}`).set(investor.auth);
    const response = await harvest('?minLoss=100&shortTermRate=40&longTermRate=15').expect(200);
    // 300 units bought at 120, worth 100: a 6,000 loss, 16.6667% of the 36,000 basis.
    expect(response.body.opportunities).toEqual([
      expect.objectContaining({
        lotId: lossLot,
        assetId: stock.id,
        symbol: 'SSTK',
        quantity: '300',
        unrealizedLoss: '6000.00',
        unrealizedLossPercent: '16.6667',
        washSaleBlocked: false,
        washSaleSafeAfter: null,
        replacementCandidates: [{ assetId: sibling.id, symbol: 'SSTK2' }],
      }),
    ]);
    const [opportunity] = response.body.opportunities;
    expect(opportunity.estimatedTaxSaving).toBe(opportunity.term === 'LONG' ? '900.00' : '2400.00');
    expect((await harvest('?minLossPercent=20').expect(200)).body.opportunities).toEqual([]);
    expect((await harvest('?minLoss=6000.01').expect(200)).body.opportunities).toEqual([]);

    // A purchase 10 days ago blocks the sale until the 31st day after it.
    await record(t, investor, id, { type: 'BUY', assetId: stock.id, quantity: '1', price: '100', executedAt: DAYS_AGO(10) });
    const blocked = await harvest('').expect(200);
    const lot = blocked.body.opportunities.find((o: Row) => o.lotId === lossLot);
    expect(lot).toMatchObject({ washSaleBlocked: true, washSaleSafeAfter: new Date(Date.now() + 21 * 86_400_000).toISOString().slice(0, 10) });
  });
});
