import { givenAdmin, givenUser, type TestUser } from './support/auth';
import { givenAsset, type TestAsset } from './support/catalogue';
import { givenSixtyThirtyTen, record, snapshotDatabase } from './support/portfolios';
import { createTestApp, type TestApp } from './support/test-app';

const DAY = (n: number) => new Date(Date.UTC(2026, 0, 1 + n, 15)).toISOString();
type Row = Record<string, unknown>;

/** Every story starts from 60,000 stock / 30,000 bond / 10,000 cash, all at 100 a unit. */
describe('a plan records its cash flow with its trades, and says what execute recorded', () => {
  let t: TestApp;
  let owner: TestUser;
  let stock: TestAsset;
  let bond: TestAsset;

  beforeAll(async () => {
    t = await createTestApp();
    const admin = await givenAdmin(t);
    owner = await givenUser(t);
    stock = await givenAsset(t, admin, { symbol: 'CFSTK', assetType: 'stock', price: '100' });
    bond = await givenAsset(t, admin, { symbol: 'CFBND', assetType: 'bond', price: '100' });
  });
  afterAll(() => t.close());

  const givenPortfolioAt = (targets: Row[]) => givenSixtyThirtyTen(t, owner, { stock, bond }, targets);
  const FIFTY_FORTY_TEN = [
    { assetType: 'stock', targetPercentage: '50' },
    { assetType: 'bond', targetPercentage: '40' },
    { assetType: 'cash', targetPercentage: '10' },
  ];
  const plans = (id: string) => `/api/v1/portfolios/${id}/rebalance/plans`;
  const transactionsOf = async (id: string) =>
    (await t.http().get(`/api/v1/portfolios/${id}/transactions`).set(owner.auth).expect(200)).body.items
      .slice(3)
      .map((tx: Row) => [tx.type, tx.amount ?? tx.quantity]);
  const levels = (drift: { items: Row[] }) => drift.items.map((item) => [item.assetType, item.currentValue, item.currentPercentage, item.driftLevel]);

  it('deposits 20,000 before buying with it: 120,000 at 50/40/10 needs 18,000 more bond', async () => {
    const id = await givenPortfolioAt(FIFTY_FORTY_TEN);
    const plan = (await t.http().post(plans(id)).set(owner.auth).send({ cashFlow: '20000' }).expect(201)).body;
    expect(plan.items.map((item: Row) => [item.action, item.symbol, item.quantity])).toEqual([['BUY', 'CFBND', '180']]);
    expect(plan.execution).toBeNull();

    const executed = (
      await t
        .http()
        .post(`${plans(id)}/${plan.id}/execute`)
        .set(owner.auth)
        .send({})
        .expect(200)
    ).body;

    expect(await transactionsOf(id)).toEqual([
      ['DEPOSIT', '20000'],
      ['BUY', '180'],
    ]);
    expect(executed.status).toBe('EXECUTED');
    expect(executed.execution).toMatchObject({ executedItems: 1, skippedItems: 0, totalBuys: '18000', totalSells: '0' });
    const [deposit] = await t.dataSource.query<Array<{ id: string }>>(
      "SELECT id FROM transactions WHERE portfolio_id = $1 AND type = 'DEPOSIT' ORDER BY sequence DESC LIMIT 1",
      [id],
    );
    expect(executed.execution.cashFlowTransactionId).toBe(deposit.id);
    expect(executed.execution.driftAfter.status).toBe('WITHIN_TOLERANCE');
    expect(levels(executed.execution.driftAfter)).toEqual([
      ['bond', '48000.00', '40.0000', 'WITHIN_TOLERANCE'],
      ['cash', '12000.00', '10.0000', 'WITHIN_TOLERANCE'],
      ['stock', '60000.00', '50.0000', 'WITHIN_TOLERANCE'],
    ]);
  });

  it('withdraws 10,000 after the sells and before the buys: 90,000 at 50/40/10', async () => {
    const id = await givenPortfolioAt(FIFTY_FORTY_TEN);
    const plan = (await t.http().post(plans(id)).set(owner.auth).send({ cashFlow: '-10000' }).expect(201)).body;

    const executed = (
      await t
        .http()
        .post(`${plans(id)}/${plan.id}/execute`)
        .set(owner.auth)
        .send({})
        .expect(200)
    ).body;

    // 60,000 → 45,000 stock (sell 150); 30,000 → 36,000 bond (buy 60); cash 10,000 + 15,000 − 10,000 − 6,000 = 9,000.
    expect(await transactionsOf(id)).toEqual([
      ['SELL', '150'],
      ['WITHDRAWAL', '10000'],
      ['BUY', '60'],
    ]);
    expect(executed.execution).toMatchObject({ executedItems: 2, skippedItems: 0, totalBuys: '6000', totalSells: '15000' });
    expect(levels(executed.execution.driftAfter)).toEqual([
      ['bond', '36000.00', '40.0000', 'WITHIN_TOLERANCE'],
      ['cash', '9000.00', '10.0000', 'WITHIN_TOLERANCE'],
      ['stock', '45000.00', '50.0000', 'WITHIN_TOLERANCE'],
    ]);
    // The measured drift is the one stored in the history.
    const history = (await t.http().get(`/api/v1/portfolios/${id}/drift/history?assetType=stock`).set(owner.auth).expect(200)).body.items;
    expect(history.at(-1)).toMatchObject({ calculatedAt: executed.executedAt, currentValue: '45000.00' });
  });

  it('refuses a plan made stale by a write in between with 409, recording neither its cash flow nor its trades', async () => {
    const id = await givenPortfolioAt(FIFTY_FORTY_TEN);
    const plan = (await t.http().post(plans(id)).set(owner.auth).send({ cashFlow: '-10000' }).expect(201)).body;
    // Spending the cash elsewhere leaves the plan stale: it was computed on the history before.
    await record(t, owner, id, { type: 'WITHDRAWAL', amount: '9000', executedAt: DAY(2) });
    const before = await snapshotDatabase(t);
    const response = await t
      .http()
      .post(`${plans(id)}/${plan.id}/execute`)
      .set(owner.auth)
      .send({});
    expect(response.status).toBe(409);
    expect(await snapshotDatabase(t)).toEqual(before);
  });

  it('says PARTIALLY_EXECUTED when a class has nothing to buy, and measures the drift that left', async () => {
    // No asset of class reit exists, so its buy cannot be recorded.
    const id = await givenPortfolioAt([
      { assetType: 'stock', targetPercentage: '50' },
      { assetType: 'bond', targetPercentage: '30' },
      { assetType: 'reit', targetPercentage: '10' },
      { assetType: 'cash', targetPercentage: '10' },
    ]);
    const plan = (await t.http().post(plans(id)).set(owner.auth).send({}).expect(201)).body;
    expect(plan.items.map((item: Row) => [item.action, item.assetType, item.status])).toEqual([
      ['SELL', 'stock', 'PENDING'],
      ['BUY', 'reit', 'SKIPPED'],
    ]);

    const executed = (
      await t
        .http()
        .post(`${plans(id)}/${plan.id}/execute`)
        .set(owner.auth)
        .send({})
        .expect(200)
    ).body;

    expect(executed.status).toBe('PARTIALLY_EXECUTED');
    expect(executed.items.map((item: Row) => item.status)).toEqual(['EXECUTED', 'SKIPPED']);
    expect(executed.execution).toMatchObject({ executedItems: 1, skippedItems: 1, totalBuys: '0', totalSells: '10000', cashFlowTransactionId: null });
    // Sold 10,000 of stock and bought no reit: the money waits in cash, 10 points over its target.
    expect(executed.execution.driftAfter.status).toBe('WARNING');
    expect(levels(executed.execution.driftAfter)).toEqual([
      ['bond', '30000.00', '30.0000', 'WITHIN_TOLERANCE'],
      ['cash', '20000.00', '20.0000', 'WARNING'],
      ['reit', '0.00', '0.0000', 'WARNING'],
      ['stock', '50000.00', '50.0000', 'WITHIN_TOLERANCE'],
    ]);
    const again = await t
      .http()
      .post(`${plans(id)}/${plan.id}/execute`)
      .set(owner.auth)
      .send({})
      .expect(200);
    expect(again.body).toEqual(executed);
    const cancel = await t
      .http()
      .post(`${plans(id)}/${plan.id}/cancel`)
      .set(owner.auth)
      .expect(409);
    expect(cancel.body.code).toBe('PLAN_EXECUTED');
  });
});
