import { randomUUID } from 'node:crypto';
import { givenAdmin, givenUser, type TestUser } from './support/auth';
import { givenAsset, type TestAsset } from './support/catalogue';
import { givenSixtyThirtyTen, record, snapshotDatabase } from './support/portfolios';
import { createTestApp, type TestApp } from './support/test-app';

const DAY = (n: number) => new Date(Date.UTC(2026, 0, 1 + n, 15)).toISOString();
const TARGETS = [
  { assetType: 'stock', targetPercentage: '50', tolerancePercentage: '5' },
  { assetType: 'bond', targetPercentage: '40', tolerancePercentage: '5' },
  { assetType: 'cash', targetPercentage: '10' },
];
type Row = Record<string, unknown>;

describe('rebalancing plans: stored, cancelled, executed exactly once', () => {
  let t: TestApp;
  let owner: TestUser;
  let stock: TestAsset;
  let bond: TestAsset;

  beforeAll(async () => {
    t = await createTestApp();
    const admin = await givenAdmin(t);
    owner = await givenUser(t);
    stock = await givenAsset(t, admin, { symbol: 'PSTK', assetType: 'stock', price: '100' });
    bond = await givenAsset(t, admin, { symbol: 'PBND', assetType: 'bond', price: '100' });
  });
  afterAll(() => t.close());

  /** 60,000 stock / 30,000 bond / 10,000 cash against 50/40/10. */
  const givenDriftedPortfolio = () => givenSixtyThirtyTen(t, owner, { stock, bond }, TARGETS);
  const plans = (id: string) => `/api/v1/portfolios/${id}/rebalance/plans`;

  it('stores a PENDING plan, SELLs first, with the prices used', async () => {
    const id = await givenDriftedPortfolio();
    const created = await t.http().post(plans(id)).set(owner.auth).send({ strategy: 'TO_TARGET' }).expect(201);
    expect(created.body).toMatchObject({
      portfolioId: id,
      status: 'PENDING',
      executedAt: null,
      cancelledAt: null,
      options: { strategy: 'TO_TARGET', allowSells: true, cashFlow: '0' },
    });
    expect(created.body.items.map((item: Row) => [item.action, item.symbol, item.quantity, item.price, item.estimatedValue, item.status])).toEqual([
      ['SELL', 'PSTK', '100', '100', '10000.00', 'PENDING'],
      ['BUY', 'PBND', '100', '100', '10000.00', 'PENDING'],
    ]);
    const fetched = await t
      .http()
      .get(`${plans(id)}/${created.body.id}`)
      .set(owner.auth)
      .expect(200);
    expect(fetched.body).toEqual(created.body);
    const list = await t.http().get(plans(id)).set(owner.auth).expect(200);
    expect(list.body.items.map((plan: Row) => plan.id)).toEqual([created.body.id]);
  });

  it('executes as real SELL then BUY transactions, and the drift is then within tolerance', async () => {
    const id = await givenDriftedPortfolio();
    const plan = (await t.http().post(plans(id)).set(owner.auth).send({}).expect(201)).body;
    const executed = await t
      .http()
      .post(`${plans(id)}/${plan.id}/execute`)
      .set(owner.auth)
      .send({})
      .expect(200);
    expect(executed.body.status).toBe('EXECUTED');
    expect(executed.body.items.every((item: Row) => item.status === 'EXECUTED' && item.transactionId && item.executedAt)).toBe(true);
    const transactions = await t.http().get(`/api/v1/portfolios/${id}/transactions`).set(owner.auth).expect(200);
    expect(transactions.body.items.slice(-2).map((tx: Row) => [tx.type, tx.assetId, tx.quantity, tx.price])).toEqual([
      ['SELL', stock.id, '100', '100'],
      ['BUY', bond.id, '100', '100'],
    ]);
    const drift = await t.http().get(`/api/v1/portfolios/${id}/drift`).set(owner.auth).expect(200);
    expect(drift.body.status).toBe('WITHIN_TOLERANCE');
  });

  it('records the trades once when executed twice at the same time, and a repeat returns the same result', async () => {
    const id = await givenDriftedPortfolio();
    const plan = (await t.http().post(plans(id)).set(owner.auth).send({}).expect(201)).body;
    const [a, b] = await Promise.all(
      [1, 2].map(() =>
        t
          .http()
          .post(`${plans(id)}/${plan.id}/execute`)
          .set(owner.auth)
          .send({}),
      ),
    );
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(a.body).toEqual(b.body);
    const again = await t
      .http()
      .post(`${plans(id)}/${plan.id}/execute`)
      .set(owner.auth)
      .set('Idempotency-Key', 'exec-1')
      .send({})
      .expect(200);
    expect(again.body).toEqual(a.body);
    const [{ n }] = await t.dataSource.query('SELECT count(*)::int AS n FROM transactions WHERE portfolio_id = $1', [id]);
    expect(n).toBe(5);
  });

  it('executes at given fill prices', async () => {
    const id = await givenDriftedPortfolio();
    const plan = (await t.http().post(plans(id)).set(owner.auth).send({}).expect(201)).body;
    const sell = plan.items.find((item: Row) => item.action === 'SELL');
    await t
      .http()
      .post(`${plans(id)}/${plan.id}/execute`)
      .set(owner.auth)
      .send({ fills: [{ itemId: sell.id, price: '100.05' }] })
      .expect(200);
    const [tx] = await t.dataSource.query("SELECT price FROM transactions WHERE portfolio_id = $1 AND type = 'SELL'", [id]);
    expect(tx.price).toBe('100.05000000');
  });

  it('refuses a stale plan with 409 and changes nothing', async () => {
    const id = await givenDriftedPortfolio();
    const plan = (await t.http().post(plans(id)).set(owner.auth).send({}).expect(201)).body;
    await record(t, owner, id, { type: 'DEPOSIT', amount: '1', executedAt: DAY(2) });
    const before = await snapshotDatabase(t);
    const response = await t
      .http()
      .post(`${plans(id)}/${plan.id}/execute`)
      .set(owner.auth)
      .send({})
      .expect(409);
    expect(response.body.code).toBe('PLAN_STALE');
    expect(await snapshotDatabase(t)).toEqual(before);
  });

  it('cancels a pending plan, refuses to execute it, and refuses to cancel an executed one', async () => {
    const id = await givenDriftedPortfolio();
    const plan = (await t.http().post(plans(id)).set(owner.auth).send({}).expect(201)).body;
    const cancelled = await t
      .http()
      .post(`${plans(id)}/${plan.id}/cancel`)
      .set(owner.auth)
      .expect(200);
    expect(cancelled.body.status).toBe('CANCELLED');
    expect(cancelled.body.items.map((item: Row) => item.status)).toEqual(['CANCELLED', 'CANCELLED']);
    const refused = await t
      .http()
      .post(`${plans(id)}/${plan.id}/execute`)
      .set(owner.auth)
      .send({})
      .expect(409);
    expect(refused.body.code).toBe('PLAN_CANCELLED');

    const other = (await t.http().post(plans(id)).set(owner.auth).send({}).expect(201)).body;
    await t
      .http()
      .post(`${plans(id)}/${other.id}/execute`)
      .set(owner.auth)
      .send({})
      .expect(200);
    const late = await t
      .http()
      .post(`${plans(id)}/${other.id}/cancel`)
      .set(owner.auth)
      .expect(409);
    expect(late.body.code).toBe('PLAN_EXECUTED');
  });

  it('honors Idempotency-Key on plan creation: a replay returns the first plan, other options are a 422', async () => {
    const id = await givenDriftedPortfolio();
    const [first, second] = await Promise.all(
      [1, 2].map(() => t.http().post(plans(id)).set(owner.auth).set('Idempotency-Key', 'plan-abc').send({ strategy: 'TO_BAND' })),
    );
    // A replay repeats the first answer, status included, and says it is one.
    expect([first.status, second.status]).toEqual([201, 201]);
    expect([first.headers['idempotent-replayed'], second.headers['idempotent-replayed']].sort()).toEqual(['true', undefined]);
    expect(first.body).toEqual(second.body);
    const reused = await t.http().post(plans(id)).set(owner.auth).set('Idempotency-Key', 'plan-abc').send({ strategy: 'TO_TARGET' }).expect(422);
    expect(reused.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    const list = await t.http().get(plans(id)).set(owner.auth).expect(200);
    expect(list.body.items).toHaveLength(1);
  });

  it("answers another user's plan with 404 on every plan route", async () => {
    const id = await givenDriftedPortfolio();
    const plan = (await t.http().post(plans(id)).set(owner.auth).send({}).expect(201)).body;
    const stranger = await givenUser(t, 'stranger');
    await t
      .http()
      .get(`${plans(id)}/${plan.id}`)
      .set(stranger.auth)
      .expect(404);
    await t.http().get(plans(id)).set(stranger.auth).expect(404);
    await t.http().post(plans(id)).set(stranger.auth).send({}).expect(404);
    await t
      .http()
      .post(`${plans(id)}/${plan.id}/cancel`)
      .set(stranger.auth)
      .expect(404);
    await t
      .http()
      .post(`${plans(id)}/${plan.id}/execute`)
      .set(stranger.auth)
      .send({})
      .expect(404);
    await t
      .http()
      .get(`${plans(id)}/${randomUUID()}`)
      .set(owner.auth)
      .expect(404);
    const mine = await t
      .http()
      .get(`${plans(id)}/${plan.id}`)
      .set(owner.auth)
      .expect(200);
    expect(mine.body.status).toBe('PENDING');
  });
});
