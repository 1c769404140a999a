import { Client } from 'pg';
import { clientAddressKey } from '../src/auth/rate-limit/failed-auth-limiter';
import { givenUser } from './support/auth';
import { createTestApp, type TestApp } from './support/test-app';

const FAILURES_PER_MINUTE = 3;

describe('requests without valid credentials: a budget per client address, spent before any database query', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ env: { AUTH_FAILURES_PER_MINUTE: String(FAILURES_PER_MINUTE) } });
  });
  afterAll(() => t.close());

  /** The budget is a minute of this process's clock: start a story early in one, so it never straddles two. */
  async function atStartOfWindow(): Promise<void> {
    const left = 60 - new Date().getSeconds();
    if (left < 10) await new Promise((resolve) => setTimeout(resolve, left * 1000 + 100));
  }

  it('counts bad API keys down on each 401, then answers 429 without querying the database, even for good credentials', async () => {
    await atStartOfWindow();
    const user = await givenUser(t, 'neighbour');
    const queries = jest.spyOn(Client.prototype, 'query');
    try {
      const remaining = [];
      for (let i = 0; i < FAILURES_PER_MINUTE; i += 1) {
        const refused = await t.http().get('/api/v1/portfolios').set('X-API-Key', `rb_live_guess${i}`).expect(401);
        remaining.push([refused.headers['ratelimit-limit'], refused.headers['ratelimit-remaining']]);
      }
      expect(remaining).toEqual([
        ['3', '2'],
        ['3', '1'],
        ['3', '0'],
      ]);
      // Each guess was looked up: that is the cost the limit caps.
      expect(queries.mock.calls.length).toBeGreaterThanOrEqual(FAILURES_PER_MINUTE);

      queries.mockClear();
      const flood = [];
      for (let i = 0; i < 5; i += 1) flood.push(await t.http().get('/api/v1/portfolios').set('X-API-Key', `rb_live_more${i}`).expect(429));
      flood.push(await t.http().get('/api/v1/portfolios').set('Authorization', 'Bearer not-a-token').expect(429));
      // Checking a valid token would be the query the limit exists to save, so it waits too.
      flood.push(await t.http().get('/api/v1/auth/me').set(user.auth).expect(429));
      expect(queries).not.toHaveBeenCalled();

      const last = flood[flood.length - 1];
      expect(last.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(last.body).toMatchObject({ status: 429, code: 'TOO_MANY_FAILED_AUTHENTICATIONS', instance: '/api/v1/auth/me' });
      expect(last.headers).toMatchObject({ 'ratelimit-limit': '3', 'ratelimit-remaining': '0' });
      const retryAfter = Number(last.headers['retry-after']);
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(60);
      expect(Number(last.headers['ratelimit-reset'])).toBe(retryAfter);
    } finally {
      queries.mockRestore();
    }
  });

  it('leaves the health probes and login answering from a limited address', async () => {
    await t.http().get('/api/v1/health/live').expect(200);
    await t.http().post('/api/v1/auth/login').send({ email: 'nobody@example.com', password: 'not the password' }).expect(401);
  });

  it('counts IPv6 clients per /64 and IPv4-mapped clients as their IPv4 address', () => {
    expect(clientAddressKey('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(clientAddressKey('2001:db8:1:2:bbbb::9')).toBe('2001:db8:1:2::/64');
    expect(clientAddressKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(clientAddressKey(undefined)).toBe('unknown');
  });
});
