import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
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

    it('stops node and PostgreSQL when SIGTERM goes to `npm start` alone, as a container runtime sends it to PID 1', async () => {
      // --ignore-scripts skips only the prestart build (npm test has built already); start itself still runs.
      const npm = spawn('npm', ['start', '--ignore-scripts'], {
        cwd: resolve(__dirname, '..'),
        env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'test', LOG_LEVEL: 'warn', PORT: '0', ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => npm.on('exit', (code, signal) => done({ code, signal })));
      const port = await new Promise<number>((done, fail) => {
        const onData = (chunk: Buffer) => {
          output += chunk.toString();
          const match = /listening on http:\/\/[^:]+:(\d+)/.exec(output);
          if (match) done(Number(match[1]));
        };
        npm.stdout.on('data', onData);
        npm.stderr.on('data', onData);
        void exited.then(({ code }) => fail(new Error(`npm start exited with ${code} before listening:\n${output}`)));
      });
      expect((await fetch(`http://127.0.0.1:${port}/api/v1/health`)).status).toBe(200);
      const postgres = postmasterPid();
      // The postmaster's parent is the node process npm started.
      const stat = readFileSync(`/proc/${postgres}/stat`, 'utf8');
      const node = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      expect(node).not.toBe(npm.pid);
      expect(isAlive(node)).toBe(true);

      npm.kill('SIGTERM');
      expect(await exited).toEqual({ code: 0, signal: null });
      expect(isAlive(node)).toBe(false);
      expect(isAlive(postgres)).toBe(false);
      expect(existsSync(join(dataDir, 'postmaster.pid'))).toBe(false);
    });

    it('exits 1 saying which setting to change when the embedded PostgreSQL port is taken', async () => {
      const squatter = createServer();
      const takenPort = await new Promise<number>((done) => squatter.listen(0, '127.0.0.1', () => done((squatter.address() as { port: number }).port)));
      try {
        const server = spawnServer({ ...env, EMBEDDED_POSTGRES_PORT: String(takenPort) });
        expect((await server.exited).code).toBe(1);
        expect(server.output()).toContain(`port ${takenPort} on 127.0.0.1 is already in use by another process; set EMBEDDED_POSTGRES_PORT to a free port`);
        expect(server.output()).not.toContain('DATABASE_URL');
      } finally {
        squatter.close();
      }
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
