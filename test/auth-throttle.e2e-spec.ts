import { emailTracker } from '../src/auth/auth-throttler.guard';
import { createTestApp, type TestApp } from './support/test-app';

describe('login and registration throttling', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ env: { AUTH_THROTTLE_LIMIT: '3', AUTH_THROTTLE_WINDOW_SECONDS: '60' } });
  });
  afterAll(() => t.close());

  it('answers 429 problem+json with Retry-After once the limit is spent', async () => {
    for (let attempt = 1; attempt <= 3; attempt++) {
      await t.http().post('/api/v1/auth/login').send({ email: 'target@example.com', password: `guess number ${attempt}` }).expect(401);
    }
    const blocked = await t.http().post('/api/v1/auth/login').send({ email: 'target@example.com', password: 'guess number 4' }).expect(429);
    expect(blocked.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(blocked.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect(blocked.body).toMatchObject({ status: 429, code: 'TOO_MANY_REQUESTS' });
  });

  it('counts per email whatever its spelling', async () => {
    expect(await emailTracker({ body: { email: ' Target@Example.com ' }, ip: '10.0.0.1' })).toBe('email:target@example.com');
    expect(await emailTracker({ body: {}, ip: '10.0.0.1' })).toBe('ip:10.0.0.1');
  });

  it('leaves authenticated routes alone', async () => {
    await t.http().get('/api/v1/health').expect(200);
  });
});
