import { Client } from 'pg';
import { isDatabaseUnavailable } from '../src/database/postgres-errors';
import { givenUser } from './support/auth';
import { createTestApp, type TestApp } from './support/test-app';

describe('a database connection lost under a query', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('answers 503 DATABASE_UNAVAILABLE with Retry-After, not 500, and the next request is served', async () => {
    const user = await givenUser(t);
    // Hold the users table so the request's query waits where we can find it, then kill its connection.
    const locker = new Client({ connectionString: t.database.url });
    await locker.connect();
    try {
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE users IN ACCESS EXCLUSIVE MODE');
      const pending = t
        .http()
        .get('/api/v1/auth/me')
        .set(user.auth)
        .then((response) => response);
      let terminated = false;
      while (!terminated) {
        const { rows } = await locker.query<{ terminated: boolean }>(
          `SELECT pg_terminate_backend(pid) AS terminated FROM pg_stat_activity
           WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()`,
        );
        terminated = rows.some((row) => row.terminated);
        if (!terminated) await new Promise((resolve) => setTimeout(resolve, 20));
      }
      await locker.query('ROLLBACK');
      const response = await pending;
      expect(response.status).toBe(503);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.body).toMatchObject({ status: 503, code: 'DATABASE_UNAVAILABLE', instance: '/api/v1/auth/me' });
      expect(response.headers['retry-after']).toBe('5');
      expect(response.text).not.toMatch(/terminating connection|administrator command/);
    } finally {
      await locker.end();
    }
    // The pool dropped the dead connection and opened another.
    const again = await t.http().get('/api/v1/auth/me').set(user.auth).expect(200);
    expect(again.body.id).toBe(user.id);
  });

  it('tells a lost connection from a fault in the query itself', () => {
    const sqlState = (code: string) => Object.assign(new Error('query failed'), { code });
    expect(isDatabaseUnavailable(sqlState('57P01'))).toBe(true);
    expect(isDatabaseUnavailable(sqlState('08006'))).toBe(true);
    expect(isDatabaseUnavailable(sqlState('53300'))).toBe(true);
    expect(isDatabaseUnavailable(sqlState('ECONNREFUSED'))).toBe(true);
    expect(isDatabaseUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error('wrapped'), { driverError: sqlState('57P01') }))).toBe(true);
    expect(isDatabaseUnavailable(sqlState('23505'))).toBe(false);
    expect(isDatabaseUnavailable(sqlState('42P01'))).toBe(false);
    expect(isDatabaseUnavailable(new Error('division by zero'))).toBe(false);
  });
});
