import { givenUser, givenWebhookEndpoint, openRepositoryWorld, type RepositoryWorld } from '../../test/support/repository-world';
import { WebhookRepository } from './webhook.repository';

describe('WebhookRepository on PostgreSQL', () => {
  let world: RepositoryWorld;
  let webhooks: WebhookRepository;
  let owner: string;
  let stranger: string;

  beforeAll(async () => {
    world = await openRepositoryWorld();
    webhooks = new WebhookRepository(world.dataSource);
    owner = await givenUser(world.dataSource, 'owner');
    stranger = await givenUser(world.dataSource, 'stranger');
  });
  afterAll(() => world.close());

  const manager = () => world.dataSource.manager;

  it("finds the user's endpoints subscribed to an event type, in id order", async () => {
    const user = await givenUser(world.dataSource);
    const a = await givenWebhookEndpoint(world.dataSource, user, ['drift.alert.opened', 'drift.alert.resolved']);
    const b = await givenWebhookEndpoint(world.dataSource, user, ['drift.alert.opened']);
    await givenWebhookEndpoint(world.dataSource, user, ['rebalance.plan.created']);
    await givenWebhookEndpoint(world.dataSource, stranger, ['drift.alert.opened']);
    expect(await webhooks.subscribedEndpointIds(manager(), user, 'drift.alert.opened')).toEqual([a, b].sort());
    expect(await webhooks.subscribedEndpointIds(manager(), user, 'drift.alert.escalated')).toEqual([]);
  });

  it('records an event with one pending delivery per endpoint, and the worker reads a delivery with both', async () => {
    const user = await givenUser(world.dataSource);
    const endpoint = await givenWebhookEndpoint(world.dataSource, user, ['drift.alert.opened']);
    const [delivery] = await webhooks.recordEvent(manager(), user, 'drift.alert.opened', { hello: 'world' }, [endpoint]);
    expect(delivery).toMatchObject({ endpointId: endpoint, status: 'PENDING', attempts: 0 });
    const read = await webhooks.findDelivery(delivery.id);
    expect(read?.endpoint?.id).toBe(endpoint);
    expect(read?.event).toMatchObject({ userId: user, type: 'drift.alert.opened', data: { hello: 'world' } });
  });

  it('creates, pages, finds and deletes endpoints for their owner only', async () => {
    const created = await webhooks.createEndpoint(owner, 'https://example.com/a', ['drift.alert.opened'], 'whsec_a');
    expect(created.secret).toBe('whsec_a');
    expect((await webhooks.pageOwnedEndpoints(owner, {})).rows.map((endpoint) => endpoint.id)).toContain(created.id);
    expect((await webhooks.pageOwnedEndpoints(stranger, {})).rows.map((endpoint) => endpoint.id)).not.toContain(created.id);
    expect((await webhooks.findOwnedEndpoint(owner, created.id))?.url).toBe('https://example.com/a');
    expect(await webhooks.findOwnedEndpoint(stranger, created.id)).toBeNull();
    expect(await webhooks.deleteOwnedEndpoint(stranger, created.id)).toBe(false);
    expect(await webhooks.deleteOwnedEndpoint(owner, created.id)).toBe(true);
    expect(await webhooks.findOwnedEndpoint(owner, created.id)).toBeNull();
  });

  it("pages an endpoint's deliveries for its owner only, and records attempts oldest first", async () => {
    const endpoint = await givenWebhookEndpoint(world.dataSource, owner, ['drift.alert.opened']);
    const [delivery] = await webhooks.recordEvent(manager(), owner, 'drift.alert.opened', {}, [endpoint]);
    await webhooks.recordAttempt(delivery.id, { status: 500, error: 'HTTP 500', durationMs: 12 }, 'PENDING');
    await webhooks.recordAttempt(delivery.id, { status: 204, error: null, durationMs: 8 }, 'SUCCEEDED');
    const page = await webhooks.pageOwnedDeliveries(owner, endpoint, {});
    expect(page.rows.map((row) => [row.id, row.status, row.attempts, row.event?.type])).toEqual([[delivery.id, 'SUCCEEDED', 2, 'drift.alert.opened']]);
    expect(page.rows[0].deliveredAt).not.toBeNull();
    expect((await webhooks.attemptsOf([delivery.id])).map((attempt) => attempt.responseStatus)).toEqual([500, 204]);
    expect(await webhooks.attemptsOf([])).toEqual([]);
    expect((await webhooks.pageOwnedDeliveries(stranger, endpoint, {})).rows).toEqual([]);
  });
});
