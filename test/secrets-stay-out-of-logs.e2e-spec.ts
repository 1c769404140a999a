import { spawnServer, type ServerProcess } from './support/spawn-server';
import { createTestDatabase, type TestDatabase } from './support/test-database';
import { eventually } from './support/webhook-receiver';

const SECRETS = {
  api_key: 'rb_live_QUERYSTRINGSECRET0000000000000000000000000',
  access_token: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJxdWVyeSJ9.QUERYSIGNATURE',
  token: 'plain-query-token-SECRET',
};

/** The built server's own log, read from its stdout: what an operator's log store would keep. */
describe('secrets stay out of the request log', () => {
  let database: TestDatabase;
  let server: ServerProcess;
  let port: number;

  beforeAll(async () => {
    database = await createTestDatabase();
    server = spawnServer({ DATABASE_URL: database.url, MIGRATIONS_RUN: 'false', LOG_LEVEL: 'info', LOG_FORMAT: 'json', JOB_WORKERS: 'false' });
    port = await server.listening;
  });
  afterAll(async () => {
    server.child.kill('SIGTERM');
    await server.exited;
    await database.drop();
  });

  /** The JSON log lines about one request, once it has been answered and logged. */
  async function logLinesOf(requestId: string): Promise<Array<{ req?: { url: string }; res?: { statusCode: number } }>> {
    return eventually(async () => {
      const lines = server
        .output()
        .split('\n')
        .filter((line) => line.startsWith('{') && line.includes(requestId))
        .map((line) => JSON.parse(line));
      return lines.some((line) => line.res) ? lines : undefined;
    }, `the log line of ${requestId}`);
  }

  it('masks api_key, access_token and token in a query string, and keeps the rest of the URL', async () => {
    const query = `limit=5&api_key=${SECRETS.api_key}&access_token=${SECRETS.access_token}&token=${SECRETS.token}&cursor=abc`;
    const response = await fetch(`http://127.0.0.1:${port}/api/v1/portfolios?${query}`);
    expect(response.status).toBe(401);

    const lines = await logLinesOf(response.headers.get('x-request-id') ?? '');
    expect(lines.find((line) => line.res)).toMatchObject({
      req: { url: '/api/v1/portfolios?limit=5&api_key=[REDACTED]&access_token=[REDACTED]&token=[REDACTED]&cursor=abc' },
      res: { statusCode: 401 },
    });
    for (const secret of Object.values(SECRETS)) expect(server.output()).not.toContain(secret);
  });

  it('masks them on a route that does not exist as well', async () => {
    const response = await fetch(`http://127.0.0.1:${port}/api/v1/nowhere?api_key=${SECRETS.api_key}`, { headers: { 'X-API-Key': SECRETS.api_key } });
    expect(response.status).toBe(404);

    const lines = await logLinesOf(response.headers.get('x-request-id') ?? '');
    expect(lines.find((line) => line.res)?.req?.url).toBe('/api/v1/nowhere?api_key=[REDACTED]');
    expect(server.output()).not.toContain(SECRETS.api_key);
  });
});
