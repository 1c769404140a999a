import { givenUser, type TestUser } from './support/auth';
import { givenPortfolio, record, snapshotDatabase } from './support/portfolios';
import { createTestApp, type TestApp } from './support/test-app';
import { eventually, FAST_JOBS_ENV } from './support/webhook-receiver';

describe('webhook targets: an IPv6 address carrying an internal IPv4 address is refused', () => {
  let t: TestApp;
  let owner: TestUser;

  beforeAll(async () => {
    t = await createTestApp();
    owner = await givenUser(t, 'owner');
  });
  afterAll(() => t.close());

  it.each([
    ['https://[::169.254.169.254]/hook', 'IPv4-compatible metadata service'],
    ['https://[::127.0.0.1]/hook', 'IPv4-compatible loopback'],
    ['https://[::7f00:1]/hook', 'IPv4-compatible loopback, in hex'],
    ['https://[::10.0.0.1]/hook', 'IPv4-compatible private'],
    ['https://[::ffff:169.254.169.254]/hook', 'IPv4-mapped metadata service'],
    ['https://[64:ff9b::10.0.0.1]/hook', 'NAT64 private'],
    ['https://[64:ff9b:1::8.8.8.8]/hook', 'local-use NAT64'],
    ['https://[2002:7f00:1::1]/hook', '6to4 loopback'],
    ['https://[fd00:ec2::254]/hook', 'AWS metadata over IPv6'],
  ])('refuses %s (%s) with 422 naming url, writing nothing', async (url) => {
    const before = await snapshotDatabase(t);
    const response = await t
      .http()
      .post('/api/v1/webhooks')
      .set(owner.auth)
      .send({ url, events: ['drift.alert.opened'] })
      .expect(422);
    expect(response.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [expect.objectContaining({ field: 'url', rule: 'publicAddress' })] });
    expect(await snapshotDatabase(t)).toEqual(before);
  });

  it('accepts an IPv6 form of a public IPv4 address', async () => {
    await t
      .http()
      .post('/api/v1/webhooks')
      .set(owner.auth)
      .send({ url: 'https://[64:ff9b::8.8.8.8]/hook', events: ['drift.alert.opened'] })
      .expect(201);
  });
});

describe('webhook targets: cloud metadata services are refused even with WEBHOOK_ALLOW_PRIVATE=true', () => {
  let t: TestApp;
  let owner: TestUser;

  beforeAll(async () => {
    t = await createTestApp({ env: { ...FAST_JOBS_ENV, WEBHOOK_RETRY_LIMIT: '0' } });
    expect(t.config.webhooks.allowPrivate).toBe(true);
    owner = await givenUser(t, 'owner');
  });
  afterAll(() => t.close());

  it.each([
    'http://169.254.169.254/latest/meta-data/',
    'http://[fd00:ec2::254]/latest/meta-data/',
    'http://[::ffff:a9fe:a9fe]/',
    'http://[::169.254.169.254]/',
  ])('refuses to register %s', async (url) => {
    const response = await t
      .http()
      .post('/api/v1/webhooks')
      .set(owner.auth)
      .send({ url, events: ['rebalance.plan.created'] })
      .expect(422);
    expect(response.body.errors).toEqual([
      expect.objectContaining({ field: 'url', rule: 'publicAddress', message: expect.stringContaining('cloud metadata address') }),
    ]);
  });

  it('still registers a loopback receiver, as local testing needs', async () => {
    await t
      .http()
      .post('/api/v1/webhooks')
      .set(owner.auth)
      .send({ url: 'http://127.0.0.1:9/hook', events: ['drift.alert.opened'] })
      .expect(201);
  });

  it('does not deliver to a metadata URL stored before the rule, and records why', async () => {
    // As if registered by an older version: the row is written directly.
    const [{ id: webhookId }] = await t.dataSource.query(
      "INSERT INTO webhook_endpoints (user_id, url, events, secret) VALUES ($1, 'http://169.254.169.254/latest/meta-data/', $2, 'whsec_test') RETURNING id",
      [owner.id, ['rebalance.plan.created']],
    );
    const portfolioId = await givenPortfolio(t, owner);
    await record(t, owner, portfolioId, { type: 'DEPOSIT', amount: '1000', executedAt: '2026-01-02T00:00:00Z' });
    await t
      .http()
      .put(`/api/v1/portfolios/${portfolioId}/targets`)
      .set(owner.auth)
      .send({ targets: [{ assetType: 'cash', targetPercentage: '100' }] })
      .expect(200);
    await t.http().post(`/api/v1/portfolios/${portfolioId}/rebalance/plans`).set(owner.auth).send({}).expect(201);
    const delivery = await eventually(async () => {
      const [item] = (await t.http().get(`/api/v1/webhooks/${webhookId}/deliveries`).set(owner.auth).expect(200)).body.items;
      return item && item.status !== 'PENDING' ? item : undefined;
    }, 'the delivery to settle');
    expect(delivery).toMatchObject({ status: 'FAILED', attempts: 1 });
    expect(delivery.attemptLog).toEqual([
      expect.objectContaining({
        responseStatus: null,
        error: 'url refused: host 169.254.169.254 resolves to 169.254.169.254, which is a cloud metadata address',
      }),
    ]);
  });
});
