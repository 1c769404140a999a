import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { resolve } from 'node:path';
import autocannon from 'autocannon';
import { ASSET_CLASSES } from './dataset';

export interface RouteFigures {
  rps: number;
  p50Ms: number;
  p99Ms: number;
  percentOfCeiling: number;
  non2xx: number;
  errors: number;
  timeouts: number;
}

export interface HttpFigures {
  connections: number;
  durationSeconds: number;
  warmupSeconds: number;
  ceilingRps: number;
  routes: Record<string, RouteFigures>;
}

export interface HttpOptions {
  /** The bench database, already holding the generated data. */
  databaseUrl: string;
  durationSeconds: number;
  warmupSeconds: number;
  connections: number;
}

interface Route {
  name: string;
  method: 'GET' | 'POST';
  path: string;
  body?: unknown;
}

const CEILING = 'health';
const PASSWORD = 'bench-password-long-enough';

/** The production build, as `npm start` runs it, on an ephemeral port, with the bench database. */
export async function startServer(databaseUrl: string): Promise<{ url: string; process: ChildProcess; stop(): Promise<void> }> {
  // Node flags for the server alone, e.g. `--cpu-prof --cpu-prof-dir=prof` to profile what the bench measures.
  const nodeFlags = process.env.BENCH_SERVER_NODE_FLAGS?.split(' ').filter(Boolean) ?? [];
  const child = spawn(process.execPath, [...nodeFlags, resolve(__dirname, '../src/main.js')], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      DATABASE_URL: databaseUrl,
      HOST: '127.0.0.1',
      PORT: '0',
      JWT_SECRET: 'bench-only-secret-that-is-long-enough-for-production',
      // The bench starts no scan; the schedule must not add one in the middle of a measurement.
      DRIFT_SCAN_INTERVAL_MINUTES: '1440',
      // One user sends every request: the limit is counted as usual, but must not turn the run into 429s.
      RATE_LIMIT_PER_MINUTE: '1000000000',
      // Suggestions are solved on the solver pool: 50 clients at once would overflow its default queue
      // of 8 and measure the SOLVER_BUSY answer, so here every request waits its turn, including the
      // warm-up's solves still queued when the measured run opens its 50 connections.
      SOLVER_QUEUE_LIMIT: '1000',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  const url = await new Promise<string>((resolveUrl, reject) => {
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => {
      stderr += chunk;
      const match = /listening on (http:\/\/[^\s]+)/.exec(stderr);
      if (match) resolveUrl(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`the server exited with ${code} before listening:\n${stderr}`)));
  });
  return {
    url,
    process: child,
    stop: async () => {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}

export async function call(url: string, method: string, path: string, token: string | null, body?: unknown): Promise<Record<string, unknown>> {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

/**
 * The measured portfolio, made through the API as a user would: 20 positions of 3 lots each, bought
 * over three years, in assets of the generated catalogue, drifted from its targets so suggestions
 * and what-if have work to do.
 */
async function givenPortfolio(url: string, databaseUrl: string): Promise<{ token: string; portfolioId: string; held: string[] }> {
  const email = `http-bench-${Date.now()}@rebalance.local`;
  await call(url, 'POST', '/api/v1/auth/register', null, { email, password: PASSWORD });
  const { accessToken } = (await call(url, 'POST', '/api/v1/auth/login', null, { email, password: PASSWORD })) as { accessToken: string };
  const { id: portfolioId } = (await call(url, 'POST', '/api/v1/portfolios', accessToken, { name: 'HTTP bench' })) as { id: string };
  const assets = await catalogue(databaseUrl, 20);
  await call(url, 'POST', `/api/v1/portfolios/${portfolioId}/transactions`, accessToken, {
    type: 'DEPOSIT',
    amount: '2000000',
    executedAt: '2023-01-02T00:00:00Z',
  });
  for (const [i, asset] of assets.entries()) {
    for (const [j, year] of [2023, 2024, 2025].entries()) {
      await call(url, 'POST', `/api/v1/portfolios/${portfolioId}/transactions`, accessToken, {
        type: 'BUY',
        assetId: asset.id,
        // The first class twice as heavy as the rest, so the portfolio is out of its bands.
        quantity: String((asset.assetType === ASSET_CLASSES[0] ? 40 : 20) + i + j),
        price: String(50 + 10 * j + i),
        executedAt: `${year}-0${1 + (i % 9)}-15T00:00:00Z`,
      });
    }
  }
  await call(url, 'PUT', `/api/v1/portfolios/${portfolioId}/targets`, accessToken, {
    targets: [40, 10, 30, 10, 5, 5].map((target, i) => ({ assetType: ASSET_CLASSES[i], targetPercentage: String(target), tolerancePercentage: '5' })),
  });
  return { token: accessToken, portfolioId, held: assets.map((asset) => asset.id) };
}

async function catalogue(databaseUrl: string, count: number): Promise<Array<{ id: string; assetType: string }>> {
  const { Client } = await import('pg');
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: string; asset_type: string }>('SELECT id, asset_type FROM assets ORDER BY symbol LIMIT $1', [count]);
    return rows.map((row) => ({ id: row.id, assetType: row.asset_type }));
  } finally {
    await client.end();
  }
}

function run(url: string, route: Route, token: string, seconds: number, connections: number): Promise<autocannon.Result> {
  return autocannon({
    url: `${url}${route.path}`,
    method: route.method,
    connections,
    duration: seconds,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: route.body === undefined ? undefined : JSON.stringify(route.body),
  });
}

/**
 * Each route under `connections` concurrent clients for a fixed time, after a warm-up of its own:
 * the health route is the ceiling (what the stack serves for a request that does almost nothing).
 * autocannon counts a 4xx or 5xx as a response like any other, so failures are counted here, and
 * any failure fails the run: a figure from failed requests would measure the error path.
 */
export async function http(options: HttpOptions, progress: (line: string) => void): Promise<HttpFigures> {
  const server = await startServer(options.databaseUrl);
  try {
    const { token, portfolioId, held } = await givenPortfolio(server.url, options.databaseUrl);
    const portfolio = `/api/v1/portfolios/${portfolioId}`;
    const routes: Route[] = [
      { name: CEILING, method: 'GET', path: '/api/v1/health' },
      { name: 'drift', method: 'GET', path: `${portfolio}/drift` },
      { name: 'suggestions', method: 'GET', path: `${portfolio}/rebalance/suggestions` },
      {
        name: 'what-if (5 trades)',
        method: 'POST',
        path: `${portfolio}/rebalance/what-if`,
        body: {
          trades: [
            { assetId: held[0], action: 'SELL', value: '5000' },
            { assetId: held[6], action: 'SELL', quantity: '3' },
            { assetType: ASSET_CLASSES[1], action: 'BUY', value: '2000' },
            { assetType: ASSET_CLASSES[2], action: 'BUY', value: '4000' },
            { assetId: held[3], action: 'BUY', value: '1000' },
          ],
        },
      },
      { name: 'positions', method: 'GET', path: `${portfolio}/positions` },
    ];
    const results: Array<[Route, autocannon.Result]> = [];
    for (const route of routes) {
      progress(`${route.name}: warm-up ${options.warmupSeconds} s, then ${options.durationSeconds} s`);
      await run(server.url, route, token, options.warmupSeconds, options.connections);
      results.push([route, await run(server.url, route, token, options.durationSeconds, options.connections)]);
    }
    const ceilingRps = results[0][1].requests.average;
    const figures: HttpFigures = {
      connections: options.connections,
      durationSeconds: options.durationSeconds,
      warmupSeconds: options.warmupSeconds,
      ceilingRps,
      routes: {},
    };
    for (const [route, result] of results) {
      figures.routes[route.name] = {
        rps: result.requests.average,
        p50Ms: result.latency.p50,
        p99Ms: result.latency.p99,
        percentOfCeiling: Number(((100 * result.requests.average) / ceilingRps).toFixed(1)),
        non2xx: result.non2xx,
        errors: result.errors,
        timeouts: result.timeouts,
      };
    }
    const failed = Object.entries(figures.routes).filter(([, route]) => route.non2xx + route.errors + route.timeouts > 0);
    if (failed.length > 0) {
      throw new Error(
        `requests failed, so these figures are void: ${failed.map(([name, route]) => `${name}: ${route.non2xx} non-2xx, ${route.errors} errors, ${route.timeouts} timeouts`).join('; ')}`,
      );
    }
    return figures;
  } finally {
    await server.stop();
  }
}
