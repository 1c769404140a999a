import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { isAlive } from '../src/database/embedded-postgres';
import { spawnServer } from './support/spawn-server';

describe('the server process', () => {
  it('exits 1 with a clear message on an invalid environment value', async () => {
    const server = spawnServer({ PORT: 'abc', DATABASE_URL: 'postgres://postgres@127.0.0.1:1/none' });
    const { code } = await server.exited;
    expect(code).toBe(1);
    expect(server.output()).toContain('Invalid configuration:');
    expect(server.output()).toContain('PORT: must be an integer (got "abc")');
  });

  it('exits 1 quickly with a clear message when the database is unreachable', async () => {
    const started = Date.now();
    const server = spawnServer({ DATABASE_URL: 'postgres://postgres@127.0.0.1:1/rebalance' });
    const { code } = await server.exited;
    expect(code).toBe(1);
    expect(server.output()).toMatch(/rebalance: start-up failed: .*\(is DATABASE_URL reachable\?\)/);
    expect(server.output()).not.toMatch(/\n\s+at /);
    expect(Date.now() - started).toBeLessThan(30_000);
  });

  describe('with the embedded PostgreSQL', () => {
    const dataRoot = mkdtempSync(join(tmpdir(), 'rebalance-lifecycle-'));
    // The cluster runs as the postgres user, which must be able to reach its directory.
    chmodSync(dataRoot, 0o755);
    const dataDir = join(dataRoot, 'postgres');
    const pgPort = 55000 + Math.floor(Math.random() * 1000);
    const env = { EMBEDDED_POSTGRES_DIR: dataDir, EMBEDDED_POSTGRES_PORT: String(pgPort) };
    const databaseUrl = `postgres://postgres:postgres@127.0.0.1:${pgPort}/rebalance`;
    const postmasterPid = () => Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);

    afterAll(() => rmSync(dataRoot, { recursive: true, force: true }));

    it('serves health with the database up, and on SIGTERM exits 0 and stops PostgreSQL', async () => {
      const server = spawnServer(env);
      const port = await server.listening;
      const health = await fetch(`http://127.0.0.1:${port}/api/v1/health`);
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({ details: { database: { status: 'up' } } });
      const pid = postmasterPid();
      expect(isAlive(pid)).toBe(true);

      const client = new Client({ connectionString: databaseUrl });
      await client.connect();
      await client.query('CREATE TABLE restart_marker (note text); INSERT INTO restart_marker VALUES ($1)', ['kept']).catch(async () => {
        await client.query('CREATE TABLE restart_marker (note text)');
        await client.query("INSERT INTO restart_marker VALUES ('kept')");
      });
      await client.end();

      server.child.kill('SIGTERM');
      expect(await server.exited).toEqual({ code: 0, signal: null });
      expect(isAlive(pid)).toBe(false);
      expect(existsSync(join(dataDir, 'postmaster.pid'))).toBe(false);
    });

    it('keeps the data across a restart', async () => {
      const server = spawnServer(env);
      await server.listening;
      const client = new Client({ connectionString: databaseUrl });
      await client.connect();
      const { rows } = await client.query('SELECT note FROM restart_marker');
      await client.end();
      expect(rows).toEqual([{ note: 'kept' }]);
      server.child.kill('SIGTERM');
      expect((await server.exited).code).toBe(0);
    });

    it('lets a second process share the running PostgreSQL and leaves it to its owner', async () => {
      const owner = spawnServer(env);
      const ownerPort = await owner.listening;
      const pid = postmasterPid();
      const guest = spawnServer(env);
      const guestPort = await guest.listening;
      expect((await fetch(`http://127.0.0.1:${guestPort}/api/v1/health`)).status).toBe(200);
      guest.child.kill('SIGTERM');
      expect((await guest.exited).code).toBe(0);
      expect(isAlive(pid)).toBe(true);
      expect((await fetch(`http://127.0.0.1:${ownerPort}/api/v1/health`)).status).toBe(200);
      owner.child.kill('SIGTERM');
      expect((await owner.exited).code).toBe(0);
      expect(isAlive(pid)).toBe(false);
    });

    it('recovers from a killed process that left PostgreSQL running', async () => {
      const first = spawnServer(env);
      await first.listening;
      const orphan = postmasterPid();
      first.child.kill('SIGKILL');
      await first.exited;
      expect(isAlive(orphan)).toBe(true);

      const second = spawnServer(env);
      const port = await second.listening;
      expect(isAlive(orphan)).toBe(false);
      expect((await fetch(`http://127.0.0.1:${port}/api/v1/health`)).status).toBe(200);
      second.child.kill('SIGTERM');
      expect((await second.exited).code).toBe(0);
    });
  });
});
