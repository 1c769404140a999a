import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { spawnServer, type ServerProcess } from './support/spawn-server';
import { createTestDatabase, type TestDatabase } from './support/test-database';

const WALKTHROUGH_JS = resolve(__dirname, '../dist/src/scripts/readme-walkthrough.js');
const ADMIN = { ADMIN_EMAIL: 'operator@example.com', ADMIN_PASSWORD: 'an operator password for the walk-through' };

/** The README's walk-through, as a newcomer runs it: the built server on a fresh database, every marked block, in order. */
describe('the README walk-through', () => {
  let database: TestDatabase;
  let server: ServerProcess;
  let port: number;

  beforeAll(async () => {
    database = await createTestDatabase();
    server = spawnServer({ DATABASE_URL: database.url, ...ADMIN });
    port = await server.listening;
  });
  afterAll(async () => {
    server.child.kill('SIGTERM');
    await server.exited;
    await database.drop();
  });

  it('runs top to bottom as written, ending within tolerance', async () => {
    const run = await promisify(execFile)(process.execPath, [WALKTHROUGH_JS, `http://127.0.0.1:${port}`], {
      env: { PATH: process.env.PATH, HOME: process.env.HOME, ...ADMIN },
      maxBuffer: 16 * 1024 * 1024,
    }).catch((error: { stdout?: string; stderr?: string; message: string }) => {
      throw new Error(`${error.message}\n${error.stdout ?? ''}\n${(error.stderr ?? '').slice(-4000)}`);
    });
    expect(run.stdout).toContain('The README walk-through ran as written.');
    // The what-if example leaves the portfolio at its targets, as the README says.
    expect(run.stdout).toMatch(/"status":"WITHIN_TOLERANCE"/);
  }, 120_000);
});
