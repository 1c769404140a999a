import { Client } from 'pg';
import { TEST_ADMIN, TEST_PASSWORD } from './support/auth';
import { givenBulkPortfolios, type Queryable } from './support/bulk-portfolios';
import { spawnServer, type ServerProcess } from './support/spawn-server';
import { createTestDatabase, type TestDatabase } from './support/test-database';
import { eventually, startWebhookReceiver, type WebhookReceiver } from './support/webhook-receiver';

const TARGETS = [
  { assetType: 'stock', targetPercentage: '60', tolerancePercentage: '5' },
  { assetType: 'bond', targetPercentage: '40', tolerancePercentage: '5' },
];

/** Two (then three) processes of the built app on one database, sharing the job queue. */
describe('several instances on one database', () => {
  let database: TestDatabase;
  let client: Client;
  let db: Queryable;
  let receiver: WebhookReceiver;
  const servers: ServerProcess[] = [];
  let ports: number[] = [];
  let adminAuth: Record<string, string>;
  let outOfBand: string[];

  function start(): ServerProcess {
    const server = spawnServer({
      DATABASE_URL: database.url,
      ADMIN_EMAIL: TEST_ADMIN.email,
      ADMIN_PASSWORD: TEST_ADMIN.password,
      JOB_WORKERS: 'true',
      JOB_POLLING_INTERVAL_SECONDS: '0.5',
      JOB_EXPIRE_SECONDS: '3',
      JOB_MAINTENANCE_INTERVAL_SECONDS: '1',
      DRIFT_SCAN_BATCH_SIZE: '10',
      // Daily at 00:00 UTC: the scans here are the ones the tests start.
      DRIFT_SCAN_INTERVAL_MINUTES: '1440',
      WEBHOOK_ALLOW_PRIVATE: 'true',
    });
    servers.push(server);
    return server;
  }

  // The fields these tests read (ids, tokens, statuses) are strings.
  async function call(
    port: number,
    method: string,
    path: string,
    auth: Record<string, string> = {},
    body?: unknown,
  ): Promise<{ status: number; body: Record<string, string> }> {
    const response = await fetch(`http://127.0.0.1:${port}/api/v1${path}`, {
      method,
      headers: { 'Content-Type': 'application/json', ...auth },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null };
  }

  const scanOf = async (id: string) =>
    (
      await db.query<Array<{ status: string; batch_count: number; batches_done: number; evaluated_count: number; alerts_opened: number }>>(
        'SELECT * FROM drift_scans WHERE id = $1',
        [id],
      )
    )[0];

  beforeAll(async () => {
    database = await createTestDatabase();
    client = new Client({ connectionString: database.url });
    await client.connect();
    db = { query: async (sql, params) => (await client.query(sql, params as unknown[])).rows as never };
    receiver = await startWebhookReceiver();
    ports = await Promise.all([start().listening, start().listening]);

    const login = await call(ports[0], 'POST', '/auth/login', {}, { email: TEST_ADMIN.email, password: TEST_ADMIN.password });
    adminAuth = { Authorization: `Bearer ${login.body.accessToken}` };
    const user = await call(ports[0], 'POST', '/auth/register', {}, { email: 'many@example.com', password: TEST_PASSWORD });
    const userLogin = await call(ports[1], 'POST', '/auth/login', {}, { email: 'many@example.com', password: TEST_PASSWORD });
    const userAuth = { Authorization: `Bearer ${userLogin.body.accessToken}` };
    const asset = async (symbol: string, assetType: string) =>
      (await call(ports[0], 'POST', '/assets', adminAuth, { symbol, name: symbol, assetType, currency: 'USD', price: '100' })).body.id as string;
    const [stock, otherStock, bond] = [await asset('TSTK', 'stock'), await asset('TOTH', 'stock'), await asset('TBND', 'bond')];
    await givenBulkPortfolios(db, user.body.id, {
      count: 300,
      holdings: [
        { assetId: stock, quantity: '60' },
        { assetId: bond, quantity: '40' },
      ],
      targets: TARGETS,
    });
    outOfBand = await givenBulkPortfolios(db, user.body.id, {
      count: 300,
      holdings: [
        { assetId: otherStock, quantity: '90' },
        { assetId: bond, quantity: '10' },
      ],
      targets: TARGETS,
    });
    const hook = await call(ports[1], 'POST', '/webhooks', userAuth, { url: receiver.url('/many'), events: ['drift.alert.opened'] });
    expect(hook.status).toBe(201);
  }, 60_000);

  afterAll(async () => {
    for (const server of servers) server.child.kill('SIGKILL');
    await Promise.all(servers.map((server) => server.exited));
    await client.end();
    await receiver.close();
    await database.drop();
  });

  it('a scan evaluates each portfolio once, opens one alert per portfolio and delivers each event once', async () => {
    const started = await call(ports[1], 'POST', '/rebalancing/scan', adminAuth);
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({ portfolioCount: 600, batchCount: 60 });
    const finished = await eventually(async () => {
      const scan = await call(ports[0], 'GET', `/rebalancing/scans/${started.body.id}`, adminAuth);
      return scan.body.status === 'COMPLETED' ? scan.body : undefined;
    }, 'the scan');
    expect(finished).toMatchObject({ batchesDone: 60, evaluatedCount: 600, alertsOpened: 300 });
    const batches = await db.query<Array<{ n: number; evaluated: number }>>(
      'SELECT count(*)::int AS n, sum(evaluated)::int AS evaluated FROM drift_scan_batches WHERE scan_id = $1',
      [started.body.id],
    );
    expect(batches).toEqual([{ n: 60, evaluated: 600 }]);
    const alerts = await db.query<Array<{ portfolio_id: string }>>('SELECT portfolio_id FROM drift_alerts ORDER BY portfolio_id');
    expect(alerts.map((row) => row.portfolio_id)).toEqual(outOfBand);

    const received = await eventually(async () => (receiver.received.length >= 300 ? receiver.received : undefined), '300 deliveries');
    // A moment more, so a duplicate would have time to arrive.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(received).toHaveLength(300);
    expect(new Set(received.map((request) => request.body.id)).size).toBe(300);
    expect(new Set(received.map((request) => (request.body.data as { portfolioId: string }).portfolioId))).toEqual(new Set(outOfBand));
  });

  it('when an instance dies in the middle of a scan, another one finishes it, each batch once', async () => {
    // Only the victim runs workers while the scan starts, so it certainly holds batches when killed.
    const [first, victim] = servers;
    first.child.kill('SIGTERM');
    expect(await first.exited).toEqual({ code: 0, signal: null });
    const started = await call(ports[1], 'POST', '/rebalancing/scan', adminAuth);
    expect(started.status).toBe(202);
    const atKill = await eventually(
      async () => {
        const scan = await scanOf(started.body.id);
        return scan.batches_done >= 1 ? scan : undefined;
      },
      'the first batch',
      10_000,
    );
    victim.child.kill('SIGKILL');
    await victim.exited;
    const doneWhenKilled = (await scanOf(started.body.id)).batches_done;
    expect(atKill.batch_count).toBe(60);
    expect(doneWhenKilled).toBeLessThan(60);

    const survivor = start();
    await survivor.listening;
    const finished = await eventually(
      async () => {
        const scan = await scanOf(started.body.id);
        return scan.status === 'COMPLETED' ? scan : undefined;
      },
      'the survivor to finish the scan',
      45_000,
    );
    expect(finished).toMatchObject({ batches_done: 60, evaluated_count: 600, alerts_opened: 0 });
    const batches = await db.query<Array<{ n: number; evaluated: number }>>(
      'SELECT count(*)::int AS n, sum(evaluated)::int AS evaluated FROM drift_scan_batches WHERE scan_id = $1',
      [started.body.id],
    );
    expect(batches).toEqual([{ n: 60, evaluated: 600 }]);
    const [{ open }] = await db.query<Array<{ open: number }>>("SELECT count(*)::int AS open FROM drift_alerts WHERE status <> 'RESOLVED'");
    expect(open).toBe(300);
  }, 90_000);
});

describe('the schedule with two instances', () => {
  let database: TestDatabase;
  let client: Client;
  let servers: ServerProcess[];

  beforeAll(async () => {
    database = await createTestDatabase();
    client = new Client({ connectionString: database.url });
    await client.connect();
    const db: Queryable = { query: async (sql, params) => (await client.query(sql, params as unknown[])).rows as never };
    const [{ id: userId }] = await db.query<Array<{ id: string }>>("INSERT INTO users (email, password_hash) VALUES ('tick@example.com', 'x') RETURNING id");
    await givenBulkPortfolios(db, userId, {
      count: 50,
      cash: '100',
      holdings: [],
      targets: [{ assetType: 'cash', targetPercentage: '100', tolerancePercentage: '5' }],
    });
    const env = { DATABASE_URL: database.url, JOB_WORKERS: 'true', JOB_POLLING_INTERVAL_SECONDS: '0.5', DRIFT_SCAN_INTERVAL_MINUTES: '1' };
    servers = [spawnServer(env), spawnServer(env)];
    await Promise.all(servers.map((server) => server.listening));
  });

  afterAll(async () => {
    for (const server of servers) server.child.kill('SIGTERM');
    await Promise.all(servers.map((server) => server.exited));
    await client.end();
    await database.drop();
  });

  it('runs one scan per tick, not one per instance', async () => {
    const scans = async () =>
      (
        await client.query<{ minute: string; scans: number; evaluated: number }>(
          "SELECT date_trunc('minute', started_at)::text AS minute, count(*)::int AS scans, sum(evaluated_count)::int AS evaluated FROM drift_scans WHERE trigger = 'SCHEDULED' AND status = 'COMPLETED' GROUP BY 1 ORDER BY 1",
        )
      ).rows;
    await eventually(async () => ((await scans()).length > 0 ? true : undefined), 'a scheduled scan', 120_000);
    // Both instances keep the schedule; give the slower one time to (wrongly) start a second scan for the same tick.
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    const ticks = await scans();
    expect(ticks.length).toBeGreaterThan(0);
    for (const tick of ticks) expect(tick).toEqual({ minute: tick.minute, scans: 1, evaluated: 50 });
  }, 150_000);
});
