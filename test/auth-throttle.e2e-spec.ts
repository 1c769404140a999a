import { emailTracker } from '../src/auth/auth-throttler.guard';
import { createTestApp, type TestApp } from './support/test-app';

describe('login and registration throttling', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ env: { AUTH_THROTTLE_LIMIT: '3', AUTH_THROTTLE_WINDOW_SECONDS: '60' } });
  });
  afterAll(() => t.close());

  it('answers 429 problem+json with Retry-After once the limit is spent', async () => {
    const remaining = [];
    for (let attempt = 1; attempt <= 3; attempt++) {
      const refused = await t
        .http()
        .post('/api/v1/auth/login')
        .send({ email: 'target@example.com', password: `guess number ${attempt}` })
        .expect(401);
      remaining.push([refused.headers['ratelimit-limit'], refused.headers['ratelimit-remaining']]);
    }
    // The standard headers, for the tighter of the two budgets (address and email), not the library's own.
    expect(remaining).toEqual([
      ['3', '2'],
      ['3', '1'],
      ['3', '0'],
    ]);
    const blocked = await t.http().post('/api/v1/auth/login').send({ email: 'target@example.com', password: 'guess number 4' }).expect(429);
    expect(blocked.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(blocked.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect(blocked.body).toMatchObject({ status: 429, code: 'TOO_MANY_REQUESTS' });
    expect(blocked.headers).toMatchObject({ 'ratelimit-limit': '3', 'ratelimit-remaining': '0', 'ratelimit-reset': blocked.headers['retry-after'] });
    expect(Object.keys(blocked.headers).filter((name) => /^(x-ratelimit|retry-after-)/.test(name))).toEqual([]);
  });

  it('counts per email whatever its spelling', async () => {
    expect(await emailTracker({ body: { email: ' Target@Example.com ' }, ip: '10.0.0.1' })).toBe('email:target@example.com');
    expect(await emailTracker({ body: {}, ip: '10.0.0.1' })).toBe('ip:10.0.0.1');
  });

  it('leaves authenticated routes alone', async () => {
    await t.http().get('/api/v1/health').expect(200);
  });
});
