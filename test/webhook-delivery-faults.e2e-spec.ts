import { givenUser, type TestUser } from './support/auth';
import { givenPortfolio, record } from './support/portfolios';
import { createTestApp, type TestApp } from './support/test-app';
import { eventually, FAST_JOBS_ENV, startWebhookReceiver, type WebhookReceiver } from './support/webhook-receiver';
import { verifySignature } from '../src/rebalancing/domain/webhook-events';

describe('webhook deliveries: retries with the same event id, timeouts, exhaustion', () => {
  let t: TestApp;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    t = await createTestApp({ env: { ...FAST_JOBS_ENV, WEBHOOK_RETRY_LIMIT: '3' } });
    receiver = await startWebhookReceiver();
  });
  afterAll(async () => {
    await t.close();
    await receiver.close();
  });

  /** A user whose endpoint at path hears about plans; returns the endpoint and its secret. */
  async function subscriber(name: string, path: string): Promise<{ user: TestUser; webhookId: string; secret: string; portfolioId: string }> {
    const user = await givenUser(t, name);
    const hook = await t
      .http()
      .post('/api/v1/webhooks')
      .set(user.auth)
      .send({ url: receiver.url(path), events: ['rebalance.plan.created'] })
      .expect(201);
    const portfolioId = await givenPortfolio(t, user);
    await record(t, user, portfolioId, { type: 'DEPOSIT', amount: '1000', executedAt: '2026-01-02T00:00:00Z' });
    await t
      .http()
      .put(`/api/v1/portfolios/${portfolioId}/targets`)
      .set(user.auth)
      .send({ targets: [{ assetType: 'cash', targetPercentage: '100' }] })
      .expect(200);
    return { user, webhookId: hook.body.id, secret: hook.body.secret, portfolioId };
  }

  const createPlan = (user: TestUser, portfolioId: string) =>
    t.http().post(`/api/v1/portfolios/${portfolioId}/rebalance/plans`).set(user.auth).send({}).expect(201);
  const settled = (user: TestUser, webhookId: string) =>
    eventually(async () => {
      const [delivery] = (await t.http().get(`/api/v1/webhooks/${webhookId}/deliveries`).set(user.auth).expect(200)).body.items;
      return delivery && delivery.status !== 'PENDING' ? delivery : undefined;
    }, 'the delivery to settle');

  it('a receiver that fails twice then succeeds gets the event three times, same id, each validly signed', async () => {
    receiver.on('/flaky', (n) => (n <= 2 ? 500 : 200));
    const { user, webhookId, secret, portfolioId } = await subscriber('flaky', '/flaky');
    const plan = await createPlan(user, portfolioId);
    const delivery = await settled(user, webhookId);
    expect(delivery).toMatchObject({ status: 'SUCCEEDED', attempts: 3, eventType: 'rebalance.plan.created', deliveredAt: expect.any(String) });
    expect(delivery.attemptLog.map((attempt: { responseStatus: number }) => attempt.responseStatus)).toEqual([500, 500, 200]);
    const requests = receiver.received.filter((request) => request.path === '/flaky');
    expect(requests).toHaveLength(3);
    expect(new Set(requests.map((request) => request.body.id))).toEqual(new Set([delivery.eventId]));
    expect(new Set(requests.map((request) => request.rawBody)).size).toBe(1);
    expect(requests[0].body).toMatchObject({ type: 'rebalance.plan.created', data: { id: plan.body.id, origin: 'MANUAL' } });
    for (const request of requests) {
      const header = request.headers['x-rebalance-signature'] as string;
      expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
      expect(verifySignature(secret, request.rawBody, header, Math.floor(Date.now() / 1000))).toBe(true);
      expect(verifySignature(secret, request.rawBody.replace('MANUAL', 'AUTOMATIC'), header, Math.floor(Date.now() / 1000))).toBe(false);
    }
  });

  it('a receiver that hangs is timed out and the event retried', async () => {
    receiver.on('/hang', (n) => (n === 1 ? 'hang' : 204));
    const { user, webhookId, portfolioId } = await subscriber('hang', '/hang');
    await createPlan(user, portfolioId);
    const delivery = await settled(user, webhookId);
    expect(delivery).toMatchObject({ status: 'SUCCEEDED', attempts: 2 });
    expect(delivery.attemptLog).toEqual([
      { attemptedAt: expect.any(String), responseStatus: null, error: 'timed out after 1000 ms', durationMs: expect.any(Number) },
      { attemptedAt: expect.any(String), responseStatus: 204, error: null, durationMs: expect.any(Number) },
    ]);
    expect(delivery.attemptLog[0].durationMs).toBeGreaterThanOrEqual(1000);
  });

  it('gives up after the retry limit and marks the delivery FAILED', async () => {
    receiver.on('/down', () => 503);
    const { user, webhookId, portfolioId } = await subscriber('down', '/down');
    await createPlan(user, portfolioId);
    const delivery = await settled(user, webhookId);
    // The first try and WEBHOOK_RETRY_LIMIT=3 retries.
    expect(delivery).toMatchObject({ status: 'FAILED', attempts: 4, deliveredAt: null });
    expect(delivery.attemptLog.map((attempt: { error: string }) => attempt.error)).toEqual(Array(4).fill('receiver answered 503'));
  });

  it("sends a user's events only to that user's endpoints", async () => {
    const quiet = await subscriber('quiet', '/quiet');
    const loud = await subscriber('loud', '/loud');
    await createPlan(loud.user, loud.portfolioId);
    await settled(loud.user, loud.webhookId);
    expect(receiver.received.filter((request) => request.path === '/quiet')).toEqual([]);
    const log = await t.http().get(`/api/v1/webhooks/${quiet.webhookId}/deliveries`).set(quiet.user.auth).expect(200);
    expect(log.body).toEqual({ items: [], nextCursor: null });
  });
});
