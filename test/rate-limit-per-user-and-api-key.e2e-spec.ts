import { givenApiKey, givenUser, type TestUser } from './support/auth';
import { createTestApp, type TestApp } from './support/test-app';

const USER_LIMIT = 4;
const KEY_LIMIT = 2;

describe('rate limits: a budget per user and per API key, announced on every response', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ env: { RATE_LIMIT_PER_MINUTE: String(USER_LIMIT), RATE_LIMIT_API_KEY_PER_MINUTE: String(KEY_LIMIT) } });
  });
  afterAll(() => t.close());

  /** Windows are whole minutes of the database's clock: start a story early in one, so it never straddles two. */
  async function atStartOfWindow(): Promise<void> {
    const [{ left }] = await t.dataSource.query('SELECT 60 - extract(second FROM clock_timestamp())::float AS left');
    if (left < 10) await new Promise((resolve) => setTimeout(resolve, left * 1000 + 100));
  }

  const me = (auth: Record<string, string>) => t.http().get('/api/v1/auth/me').set(auth);

  it('counts down on normal responses, then answers 429 problem+json with Retry-After', async () => {
    await atStartOfWindow();
    const user = await givenUser(t);
    const responses = [];
    for (let i = 0; i < USER_LIMIT; i += 1) responses.push(await me(user.auth).expect(200));
    expect(responses.map((response) => [response.headers['ratelimit-limit'], response.headers['ratelimit-remaining']])).toEqual([
      ['4', '3'],
      ['4', '2'],
      ['4', '1'],
      ['4', '0'],
    ]);
    const reset = Number(responses[0].headers['ratelimit-reset']);
    expect(reset).toBeGreaterThanOrEqual(1);
    expect(reset).toBeLessThanOrEqual(60);

    const refused = await me(user.auth).expect(429);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.body).toMatchObject({ status: 429, code: 'RATE_LIMITED', type: 'urn:rebalance:problem:rate-limited', instance: '/api/v1/auth/me' });
    expect(refused.headers).toMatchObject({ 'ratelimit-limit': '4', 'ratelimit-remaining': '0' });
    expect(Number(refused.headers['retry-after'])).toBe(Number(refused.headers['ratelimit-reset']));
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    // Refused requests do no work: a write is refused as well.
    await t.http().post('/api/v1/portfolios').set(user.auth).send({ name: 'Too many' }).expect(429);
    const [{ n }] = await t.dataSource.query('SELECT count(*)::int AS n FROM portfolios WHERE user_id = $1', [user.id]);
    expect(n).toBe(0);
  });

  it("gives each API key a budget of its own, apart from its owner's and other users'", async () => {
    await atStartOfWindow();
    const owner: TestUser = await givenUser(t, 'owner');
    const key = await givenApiKey(t, owner, ['portfolios:read']); // the owner's first request
    const other = await givenApiKey(t, owner, ['portfolios:read']); // and second

    const viaKey = { 'X-API-Key': key.secret };
    const first = await me(viaKey).expect(200);
    expect(first.headers).toMatchObject({ 'ratelimit-limit': String(KEY_LIMIT), 'ratelimit-remaining': '1' });
    await me(viaKey).expect(200);
    await me(viaKey).expect(429);

    // The other key and the owner's session still have theirs.
    const otherKey = await me({ 'X-API-Key': other.secret }).expect(200);
    expect(otherKey.headers['ratelimit-remaining']).toBe('1');
    const session = await me(owner.auth).expect(200);
    expect(session.headers).toMatchObject({ 'ratelimit-limit': String(USER_LIMIT), 'ratelimit-remaining': '1' });

    // Spending the owner's budget leaves another user untouched.
    await me(owner.auth).expect(200);
    await me(owner.auth).expect(429);
    const stranger = await givenUser(t, 'stranger');
    const theirs = await me(stranger.auth).expect(200);
    expect(theirs.headers['ratelimit-remaining']).toBe(String(USER_LIMIT - 1));
  });

  it('writes nothing for a refused request: the counter row keeps its version', async () => {
    await atStartOfWindow();
    const user = await givenUser(t, 'flooder');
    for (let i = 0; i < USER_LIMIT; i += 1) await me(user.auth).expect(200);
    await me(user.auth).expect(429);
    const counterRow = () =>
      t.dataSource.query('SELECT xmin::text AS xmin, ctid::text AS ctid, count FROM rate_limit_counters WHERE subject = $1', [`user:${user.id}`]);
    const before = await counterRow();
    expect(before).toEqual([expect.objectContaining({ count: USER_LIMIT })]);
    for (let i = 0; i < 5; i += 1) await me(user.auth).expect(429);
    // A new row version (an UPDATE) would change xmin and ctid; a refusal only reads the row.
    expect(await counterRow()).toEqual(before);
  });

  it('leaves the health probes without the headers: a probe is never limited', async () => {
    const health = await t.http().get('/api/v1/health/live').expect(200);
    expect(health.headers['ratelimit-limit']).toBeUndefined();
  });

  it('documents the headers and the 429 on every authenticated operation, on 401s and on login, and not on the probes', async () => {
    const document = (await t.http().get('/docs-json').expect(200)).body;
    const listPortfolios = document.paths['/api/v1/portfolios'].get;
    expect(Object.keys(listPortfolios.responses['200'].headers)).toEqual(['RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset']);
    expect(listPortfolios.responses['429']).toMatchObject({
      headers: { 'Retry-After': { $ref: '#/components/headers/Retry-After' } },
      content: {
        'application/problem+json': {
          schema: {
            allOf: [
              { $ref: '#/components/schemas/ProblemDetailsDto' },
              { properties: { code: { enum: ['RATE_LIMITED', 'TOO_MANY_FAILED_AUTHENTICATIONS'] } } },
            ],
          },
        },
      },
    });
    expect(document.components.headers['RateLimit-Reset'].schema).toEqual({ type: 'integer', format: 'int32', minimum: 0, maximum: 2_147_483_647 });
    expect(Object.keys(listPortfolios.responses['401'].headers)).toEqual(['RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset']);
    expect(Object.keys(document.paths['/api/v1/auth/login'].post.responses['200'].headers)).toEqual([
      'RateLimit-Limit',
      'RateLimit-Remaining',
      'RateLimit-Reset',
    ]);
    expect(document.paths['/api/v1/health/live'].get.responses['429']).toBeUndefined();
    expect(document.paths['/api/v1/health/live'].get.responses['200'].headers).toBeUndefined();
  });
});
