import { givenAdmin, givenApiKey, givenUser, type TestUser } from './support/auth';
import { givenAsset, type TestAsset } from './support/catalogue';
import { givenPortfolio, record } from './support/portfolios';
import { createTestApp, type TestApp } from './support/test-app';

const DAY = (n: number) => new Date(Date.UTC(2026, 0, 1 + n, 15)).toISOString();
const DEPOSIT = { type: 'DEPOSIT', amount: '1000', executedAt: DAY(0) };

describe('Idempotency-Key: a retried POST does its work once', () => {
  let t: TestApp;
  let owner: TestUser;

  beforeAll(async () => {
    t = await createTestApp();
    owner = await givenUser(t);
  });
  afterAll(() => t.close());

  const transactions = (id: string) => `/api/v1/portfolios/${id}/transactions`;
  async function countTransactions(portfolioId: string): Promise<number> {
    const [{ n }] = await t.dataSource.query('SELECT count(*)::int AS n FROM transactions WHERE portfolio_id = $1', [portfolioId]);
    return n;
  }

  it('replays the first status and body, marked as a replay, and records the transaction once', async () => {
    const id = await givenPortfolio(t, owner);
    const first = await t.http().post(transactions(id)).set(owner.auth).set('Idempotency-Key', 'deposit-1').send(DEPOSIT).expect(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const again = await t
      .http()
      .post(transactions(id))
      .set(owner.auth)
      .set('Idempotency-Key', 'deposit-1')
      .send({ executedAt: DAY(0), amount: '1000', type: 'DEPOSIT' })
      .expect(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.text).toBe(first.text);
    expect(await countTransactions(id)).toBe(1);
    const portfolio = await t.http().get(`/api/v1/portfolios/${id}`).set(owner.auth).expect(200);
    expect(portfolio.body.cash).toBe('1000');
  });

  it('answers 422 when the key comes back with another body or on another route, and does nothing', async () => {
    const id = await givenPortfolio(t, owner);
    await t.http().post(transactions(id)).set(owner.auth).set('Idempotency-Key', 'deposit-2').send(DEPOSIT).expect(201);
    const otherBody = await t
      .http()
      .post(transactions(id))
      .set(owner.auth)
      .set('Idempotency-Key', 'deposit-2')
      .send({ ...DEPOSIT, amount: '1001' })
      .expect(422);
    expect(otherBody.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(otherBody.body).toMatchObject({ status: 422, code: 'IDEMPOTENCY_KEY_REUSED', detail: 'This Idempotency-Key was used with another request body' });
    const otherRoute = await t.http().post('/api/v1/portfolios').set(owner.auth).set('Idempotency-Key', 'deposit-2').send({ name: 'Another' }).expect(422);
    expect(otherRoute.body).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED', detail: 'This Idempotency-Key was used on another route' });
    expect(await countTransactions(id)).toBe(1);
    const [{ n }] = await t.dataSource.query('SELECT count(*)::int AS n FROM portfolios WHERE user_id = $1 AND name = $2', [owner.id, 'Another']);
    expect(n).toBe(0);
  });

  it('runs concurrent duplicates once: the others wait and replay the same answer', async () => {
    const id = await givenPortfolio(t, owner);
    const responses = await Promise.all(
      [1, 2, 3].map(() => t.http().post(transactions(id)).set(owner.auth).set('Idempotency-Key', 'deposit-race').send(DEPOSIT)),
    );
    expect(responses.map((response) => response.status)).toEqual([201, 201, 201]);
    expect(responses.filter((response) => response.headers['idempotent-replayed'] === 'true')).toHaveLength(2);
    expect(new Set(responses.map((response) => response.body.id)).size).toBe(1);
    expect(await countTransactions(id)).toBe(1);
  });

  describe('executing a plan', () => {
    let admin: TestUser;
    let stock: TestAsset;
    let bond: TestAsset;

    beforeAll(async () => {
      admin = await givenAdmin(t);
      stock = await givenAsset(t, admin, { symbol: 'ISTK', assetType: 'stock', price: '100' });
      bond = await givenAsset(t, admin, { symbol: 'IBND', assetType: 'bond', price: '100' });
    });

    it('records the trades once for two concurrent requests with one key', async () => {
      const id = await givenPortfolio(t, owner);
      await record(t, owner, id, { type: 'DEPOSIT', amount: '10000', executedAt: DAY(0) });
      await record(t, owner, id, { type: 'BUY', assetId: stock.id, quantity: '80', price: '100', executedAt: DAY(1) });
      const targets = [
        { assetType: 'stock', targetPercentage: '50' },
        { assetType: 'bond', targetPercentage: '50', preferredAssetId: bond.id },
      ];
      await t.http().put(`/api/v1/portfolios/${id}/targets`).set(owner.auth).send({ targets }).expect(200);
      const plan = (await t.http().post(`/api/v1/portfolios/${id}/rebalance/plans`).set(owner.auth).send({}).expect(201)).body;
      const execute = () =>
        t.http().post(`/api/v1/portfolios/${id}/rebalance/plans/${plan.id}/execute`).set(owner.auth).set('Idempotency-Key', 'execute-once').send({});
      const [a, b] = await Promise.all([execute(), execute()]);
      expect([a.status, b.status]).toEqual([200, 200]);
      expect(a.body).toEqual(b.body);
      expect(a.body.status).toBe('EXECUTED');
      const trades = await t.dataSource.query("SELECT type, asset_id FROM transactions WHERE portfolio_id = $1 AND type IN ('BUY', 'SELL') ORDER BY sequence", [
        id,
      ]);
      expect(trades).toEqual([
        { type: 'BUY', asset_id: stock.id },
        { type: 'SELL', asset_id: stock.id },
        { type: 'BUY', asset_id: bond.id },
      ]);
    });
  });

  it("keeps each caller's keys apart: another user, or an API key, may use the same key", async () => {
    const mine = await givenPortfolio(t, owner);
    const stranger = await givenUser(t, 'stranger');
    const theirs = await givenPortfolio(t, stranger);
    await t.http().post(transactions(mine)).set(owner.auth).set('Idempotency-Key', 'shared-name').send(DEPOSIT).expect(201);
    const other = await t.http().post(transactions(theirs)).set(stranger.auth).set('Idempotency-Key', 'shared-name').send(DEPOSIT).expect(201);
    expect(other.headers['idempotent-replayed']).toBeUndefined();
    expect(await countTransactions(theirs)).toBe(1);

    // The owner's own API key is a separate integration with a key space of its own.
    const key = await givenApiKey(t, owner, ['portfolios:write', 'portfolios:read']);
    const viaKey = await t.http().post(transactions(mine)).set('X-API-Key', key.secret).set('Idempotency-Key', 'shared-name').send(DEPOSIT).expect(201);
    expect(viaKey.headers['idempotent-replayed']).toBeUndefined();
    expect(await countTransactions(mine)).toBe(2);
  });

  it('refuses a malformed key with 400 before doing anything', async () => {
    const id = await givenPortfolio(t, owner);
    for (const bad of ['has space', 'x'.repeat(256), 'ünïcode']) {
      const response = await t.http().post(transactions(id)).set(owner.auth).set('Idempotency-Key', bad).send(DEPOSIT).expect(400);
      expect(response.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'Idempotency-Key', rule: 'isIdempotencyKey' }] });
    }
    expect(await countTransactions(id)).toBe(0);
  });

  it('keeps no failure: after a 422 the same key and body run again once the cause is fixed', async () => {
    const id = await givenPortfolio(t, owner);
    const withdrawal = { type: 'WITHDRAWAL', amount: '500', executedAt: DAY(2) };
    const refused = await t.http().post(transactions(id)).set(owner.auth).set('Idempotency-Key', 'withdraw-1').send(withdrawal).expect(422);
    expect(refused.headers['idempotent-replayed']).toBeUndefined();
    await record(t, owner, id, DEPOSIT);
    await t.http().post(transactions(id)).set(owner.auth).set('Idempotency-Key', 'withdraw-1').send(withdrawal).expect(201);
    expect(await countTransactions(id)).toBe(2);
  });

  it('forgets a key after 24 hours: an expired key runs the request again', async () => {
    const id = await givenPortfolio(t, owner);
    await t.http().post(transactions(id)).set(owner.auth).set('Idempotency-Key', 'old-key').send(DEPOSIT).expect(201);
    await t.dataSource.query("UPDATE idempotency_keys SET expires_at = now() - interval '1 second' WHERE key = 'old-key'");
    const again = await t.http().post(transactions(id)).set(owner.auth).set('Idempotency-Key', 'old-key').send(DEPOSIT).expect(201);
    expect(again.headers['idempotent-replayed']).toBeUndefined();
    expect(await countTransactions(id)).toBe(2);
    const [{ expires }] = await t.dataSource.query("SELECT expires_at > now() + interval '23 hours' AS expires FROM idempotency_keys WHERE key = 'old-key'");
    expect(expires).toBe(true);
  });

  it('leaves routes without @Idempotent() alone, such as login', async () => {
    await t.http().post('/api/v1/auth/login').set('Idempotency-Key', 'login-1').send({ email: owner.email, password: owner.password }).expect(200);
    await t.http().post('/api/v1/auth/login').set('Idempotency-Key', 'login-1').send({ email: owner.email, password: 'a wrong password here' }).expect(401);
  });
});
