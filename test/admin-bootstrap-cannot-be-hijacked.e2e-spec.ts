import { Client } from 'pg';
import { TEST_PASSWORD } from './support/auth';
import { spawnServer, type ServerProcess } from './support/spawn-server';
import { createTestDatabase, type TestDatabase } from './support/test-database';

const OPERATOR_PASSWORD = 'the operator chose this one';
const ROTATED_PASSWORD = 'the operator rotated to this';

/**
 * Restarts of the built server on one database, as an operator would run them: ADMIN_EMAIL and
 * ADMIN_PASSWORD create the admin, never hand admin to an account someone else registered, and
 * change an admin's password only when ADMIN_PASSWORD_RESET says so.
 */
describe('the configured admin account', () => {
  let database: TestDatabase;
  let db: Client;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = new Client({ connectionString: database.url });
    await db.connect();
  });
  afterAll(async () => {
    // A server a failed test left running would keep Jest waiting.
    for (const server of servers) if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill('SIGTERM');
    await Promise.all(servers.map((server) => server.exited));
    await db.end();
    await database.drop();
  });

  const servers: ServerProcess[] = [];

  function start(env: NodeJS.ProcessEnv = {}): ServerProcess {
    const server = spawnServer({ DATABASE_URL: database.url, MIGRATIONS_RUN: 'false', JOB_WORKERS: 'false', ...env });
    servers.push(server);
    return server;
  }

  /** 'exited <code>', or 'listening' for a server that started when it should not have. */
  async function outcomeOf(server: ServerProcess): Promise<string> {
    const exited = server.exited.then(({ code }) => `exited ${code}`);
    return Promise.race([
      exited,
      server.listening.then(
        () => 'listening',
        () => exited,
      ),
    ]);
  }

  async function stop(server: ServerProcess): Promise<void> {
    server.child.kill('SIGTERM');
    expect(await server.exited).toEqual({ code: 0, signal: null });
  }

  async function post(port: number, path: string, body: object): Promise<{ status: number; body: Record<string, string> }> {
    const response = await fetch(`http://127.0.0.1:${port}/api/v1${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, string> };
  }

  async function roleAfterLogin(port: number, email: string, password: string): Promise<string | number> {
    const login = await post(port, '/auth/login', { email, password });
    if (login.status !== 200) return login.status;
    const me = await fetch(`http://127.0.0.1:${port}/api/v1/auth/me`, { headers: { Authorization: `Bearer ${login.body.accessToken}` } });
    return ((await me.json()) as { role: string }).role;
  }

  const account = async (email: string) =>
    (await db.query('SELECT role, password_hash FROM users WHERE email = $1', [email])).rows as Array<{ role: string; password_hash: string }>;

  it('refuses to start when someone registered ADMIN_EMAIL first, and leaves that account a user with its own password', async () => {
    const early = start();
    const port = await early.listening;
    expect((await post(port, '/auth/register', { email: 'boss@example.com', password: TEST_PASSWORD })).status).toBe(201);
    await stop(early);
    const [registered] = await account('boss@example.com');

    for (const reset of ['false', 'true']) {
      const refused = start({ ADMIN_EMAIL: 'boss@example.com', ADMIN_PASSWORD: OPERATOR_PASSWORD, ADMIN_PASSWORD_RESET: reset });
      expect(await outcomeOf(refused)).toBe('exited 1');
      expect(refused.output()).toContain(
        'rebalance: start-up failed: ADMIN_EMAIL boss@example.com belongs to an account registered through the API (role user), whose password the operator did not set, so it is not made admin.',
      );
      expect(await account('boss@example.com')).toEqual([registered]);
    }
    expect(registered.role).toBe('user');
  });

  it('creates the admin when the email is free, keeps its password on a restart with another ADMIN_PASSWORD, and sets it with ADMIN_PASSWORD_RESET=true', async () => {
    const admin = { ADMIN_EMAIL: 'root@example.com' };

    const first = start({ ...admin, ADMIN_PASSWORD: OPERATOR_PASSWORD });
    const port1 = await first.listening;
    expect(await roleAfterLogin(port1, 'root@example.com', OPERATOR_PASSWORD)).toBe('admin');
    // Registration can no longer take the email: it is the admin's.
    expect((await post(port1, '/auth/register', { email: 'root@example.com', password: TEST_PASSWORD })).status).toBe(409);
    await stop(first);

    const ignored = start({ ...admin, ADMIN_PASSWORD: ROTATED_PASSWORD });
    const port2 = await ignored.listening;
    expect(await roleAfterLogin(port2, 'root@example.com', OPERATOR_PASSWORD)).toBe('admin');
    expect(await roleAfterLogin(port2, 'root@example.com', ROTATED_PASSWORD)).toBe(401);
    expect(ignored.output()).toContain(
      'admin account root@example.com keeps its password: ADMIN_PASSWORD differs and is ignored unless ADMIN_PASSWORD_RESET=true',
    );
    await stop(ignored);

    const reset = start({ ...admin, ADMIN_PASSWORD: ROTATED_PASSWORD, ADMIN_PASSWORD_RESET: 'true' });
    const port3 = await reset.listening;
    expect(await roleAfterLogin(port3, 'root@example.com', ROTATED_PASSWORD)).toBe('admin');
    expect(await roleAfterLogin(port3, 'root@example.com', OPERATOR_PASSWORD)).toBe(401);
    expect(reset.output()).toContain('admin account root@example.com: password set from ADMIN_PASSWORD (ADMIN_PASSWORD_RESET=true)');
    await stop(reset);

    expect(await account('root@example.com')).toEqual([{ role: 'admin', password_hash: expect.stringMatching(/^\$argon2id\$/) }]);
  });
});
