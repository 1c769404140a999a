import 'reflect-metadata';
import { execSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { resolve } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AppModule } from '../src/app.module';
import { loadConfig } from '../src/config/app-config';
import { startEmbeddedPostgres } from '../src/database/embedded-postgres';
import { withAdminClient, withDatabase } from '../src/database/postgres-admin';
import { type DatasetShape, generate, SIZES, type Size } from './dataset';
import { HOUSEHOLD_COUNTS, householdBench, householdSection, householdTargets, type HouseholdFigures } from './household-plans';
import { http, type HttpFigures } from './http';
import { floor, naiveScan, serviceScan, type ScanFigures } from './scan';
import { scaling, type ScalingPoint } from './scaling';

const BENCH_DATABASE = 'rebalance_bench';
const PARTS = ['scan', 'http', 'scaling', 'household-plans'] as const;
type Part = (typeof PARTS)[number];

function parseArgs(argv: string[]): { size: Size; only: Part | null; seed: number; out: string } {
  const value = (flag: string) => {
    const index = argv.indexOf(flag);
    return index >= 0 ? argv[index + 1] : undefined;
  };
  const size = (value('--size') ?? 'default') as Size;
  if (!(size in SIZES)) throw new Error(`--size must be one of ${Object.keys(SIZES).join(', ')}`);
  const only = (value('--only') ?? null) as Part | null;
  if (only !== null && !PARTS.includes(only)) throw new Error(`--only must be one of ${PARTS.join(', ')}`);
  const seed = Number(value('--seed') ?? 42);
  if (!Number.isInteger(seed)) throw new Error('--seed must be an integer');
  return { size, only, seed, out: value('--out') ?? 'docs' };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const round = (value: number, places = 1) => Number(value.toFixed(places));

async function main(): Promise<void> {
  const { size, only, seed, out } = parseArgs(process.argv.slice(2));
  const shape = SIZES[size];
  const config = loadConfig({
    ...process.env,
    NODE_ENV: 'production',
    JWT_SECRET: 'bench-only-secret-that-is-long-enough-for-production',
    LOG_LEVEL: 'warn',
    // The bench starts scans itself; the schedule must not add one in the middle.
    DRIFT_SCAN_INTERVAL_MINUTES: '1440',
    JOB_POLLING_INTERVAL_SECONDS: '0.5',
  });
  const embedded = config.databaseUrl ? null : await startEmbeddedPostgres({ dataDir: '.data/bench-postgres', port: 54331 });
  const serverUrl = config.databaseUrl ?? (embedded as { url: string }).url;
  try {
    // A fresh database every run, so the figures never depend on an earlier one.
    await withAdminClient(serverUrl, async (client) => {
      await client.query(`DROP DATABASE IF EXISTS ${BENCH_DATABASE} WITH (FORCE)`);
      await client.query(`CREATE DATABASE ${BENCH_DATABASE}`);
    });
    const url = withDatabase(serverUrl, BENCH_DATABASE);
    const app = await NestFactory.createApplicationContext(AppModule.forRoot(config, url), { logger: ['error', 'warn'] });
    const dataSource = app.get<DataSource>(getDataSourceToken());
    const [{ server_version: version }] = await dataSource.query<Array<{ server_version: string }>>('SHOW server_version');
    const started = Date.now();
    const total = 7;
    let step = 0;
    await generate(dataSource, shape, seed, (name) => {
      step++;
      process.stdout.write(`\r[${'#'.repeat(step)}${'.'.repeat(total - step)}] ${step}/${total} ${name.padEnd(24)}`);
    });
    process.stdout.write(`\r[${'#'.repeat(total)}] data ready in ${((Date.now() - started) / 1000).toFixed(1)} s${' '.repeat(20)}\n`);

    let scan: ScanFigures | null = null;
    if (only === null || only === 'scan') {
      // First scan opens the alerts of the portfolios out of band; the measured ones are the steady state a schedule sees.
      await serviceScan(app, dataSource);
      const scans = [await serviceScan(app, dataSource), await serviceScan(app, dataSource), await serviceScan(app, dataSource)];
      const floors = [await floor(dataSource), await floor(dataSource), await floor(dataSource)];
      const naive = await naiveScan(dataSource);
      if (scans.some((run) => run.evaluated !== shape.portfolios)) throw new Error('a scan did not evaluate every portfolio');
      const scanMs = median(scans.map((run) => run.ms));
      const floorMs = median(floors.map((run) => run.ms));
      scan = {
        portfolios: shape.portfolios,
        floorMs: round(floorMs),
        scanMs: round(scanMs),
        naiveMs: round(naive.ms),
        scanToFloor: round(scanMs / floorMs, 2),
        naiveToScan: round(naive.ms / scanMs, 2),
        peakRssMb: round(Math.max(...scans.map((run) => run.peakRssMb))),
      };
    }
    await app.close();

    let httpFigures: HttpFigures | null = null;
    if (only === null || only === 'http') {
      const seconds = size === 'smoke' ? { durationSeconds: 2, warmupSeconds: 1 } : { durationSeconds: 10, warmupSeconds: 3 };
      httpFigures = await http({ databaseUrl: url, connections: 50, ...seconds }, (line) => console.log(`http: ${line}`));
    }

    let scalingPoints: ScalingPoint[] | null = null;
    if (only === null || only === 'scaling') {
      console.log('scaling: suggestion generation at 100 to 100,000 lots');
      scalingPoints = scaling(seed).map((point) => ({ ...point, ms: round(point.ms, 2), growth: point.growth === null ? null : round(point.growth, 2) }));
    }

    let householdPlans: HouseholdFigures | null = null;
    if (only === null || only === 'household-plans') {
      const count = HOUSEHOLD_COUNTS[size];
      console.log(`household-plans: planning the ${count} households of the seeded corpus`);
      householdPlans = await householdBench(seed, count, undefined, (done) => process.stdout.write(`\rhousehold-plans: ${done}/${count}`));
      process.stdout.write('\n');
    }

    const machine: Machine = {
      cpu: cpus()[0]?.model ?? 'unknown',
      cores: cpus().length,
      memoryGb: round(totalmem() / 2 ** 30),
      node: process.version,
      postgres: version,
      date: new Date().toISOString(),
      commit: execSync('git rev-parse --short HEAD', { encoding: 'utf8' }).trim(),
    };
    const result: Result = { size, seed, machine, dataset: shape, scan, http: httpFigures, scaling: scalingPoints, householdPlans };
    if (scan) console.table({ scan });
    if (httpFigures) console.table(httpFigures.routes);
    if (scalingPoints) console.table(scalingPoints);
    if (householdPlans) console.log(householdPlans);
    mkdirSync(resolve(out), { recursive: true });
    writeFileSync(resolve(out, 'benchmarks.json'), `${JSON.stringify(result, null, 2)}\n`);
    writeFileSync(resolve(out, 'benchmarks.md'), report(result));
    console.log(`wrote ${out}/benchmarks.md and ${out}/benchmarks.json`);
  } finally {
    await embedded?.stop();
  }
}

interface Result {
  size: Size;
  seed: number;
  machine: Machine;
  dataset: DatasetShape;
  scan: ScanFigures | null;
  http: HttpFigures | null;
  scaling: ScalingPoint[] | null;
  householdPlans: HouseholdFigures | null;
}

interface Machine {
  cpu: string;
  cores: number;
  memoryGb: number;
  node: string;
  postgres: string;
  date: string;
  commit: string;
}

/** Each target of the issue, the figure it is judged on, and whether this run meets it. */
function targets(result: Result): Array<[string, string, boolean]> {
  const rows: Array<[string, string, boolean]> = [];
  const { scan, http: web, scaling: points } = result;
  if (result.householdPlans) rows.push(...householdTargets(result.householdPlans));
  if (scan) {
    rows.push(['scan ≤ 1.5 × floor', `${scan.scanToFloor}×`, scan.scanToFloor <= 1.5]);
    rows.push(['scan ≥ 20 × faster than naive', `${scan.naiveToScan}×`, scan.naiveToScan >= 20]);
    rows.push(['scan peak RSS ≤ 300 MB', `${scan.peakRssMb} MB`, scan.peakRssMb <= 300]);
  }
  if (web) {
    const share = (name: string, floor: number): [string, string, boolean] => [
      `${name} ≥ ${floor} % of the ceiling`,
      `${web.routes[name].percentOfCeiling} %`,
      web.routes[name].percentOfCeiling >= floor,
    ];
    rows.push(share('drift', 50), share('suggestions', 30), share('what-if (5 trades)', 30));
  }
  if (points) {
    const worst = Math.max(...points.flatMap((point) => (point.growth === null ? [] : [point.growth])));
    const largest = points[points.length - 1];
    rows.push(['suggestions grow ≤ ~12× per 10× lots', `${worst}× at worst`, worst <= 12.5]);
    rows.push([`${largest.lots.toLocaleString('en-US')} lots in under 1 s`, `${largest.ms} ms`, largest.ms < 1000]);
  }
  return rows;
}

function report(result: Result): string {
  const { machine, dataset, scan, http: web, scaling: points } = result;
  const perSecond = (ms: number) => Math.round((dataset.portfolios * 1000) / ms).toLocaleString('en-US');
  const profiles = readFileSync(resolve(__dirname, '../../bench/profiles.md'), 'utf8');
  return `# Benchmarks

Written by \`npm run bench -- --size ${result.size}\` (seed ${result.seed}); every figure in the tables below comes from that one run.
The last section, on profiles and fixes, is kept by hand in \`bench/profiles.md\`.

| machine | |
|---|---|
| CPU | ${machine.cpu} × ${machine.cores} |
| memory | ${machine.memoryGb} GiB |
| Node.js | ${machine.node} |
| PostgreSQL | ${machine.postgres} |
| date | ${machine.date} |
| commit | ${machine.commit} |

Data: ${dataset.portfolios.toLocaleString('en-US')} portfolios × ${dataset.positionsPerPortfolio} positions × ${dataset.lotsPerPosition} lots over ${dataset.assets} assets in 6 classes, every portfolio with targets.

## Targets

| target | this run | met |
|---|---:|:---:|
${targets(result)
  .map(([target, figure, met]) => `| ${target} | ${figure} | ${met ? 'yes' : '**no**'} |`)
  .join('\n')}

## Drift scan

${
  scan
    ? `| design | what it does | time (ms) | portfolios/s |
|---|---|---:|---:|
| floor | one SQL aggregate: every portfolio's value per class, nothing else | ${scan.floorMs} | ${perSecond(scan.floorMs)} |
| scan | the service's scan: batches on the job queue, a set-based status per portfolio, alert changes | ${scan.scanMs} | ${perSecond(scan.scanMs)} |
| naive | per portfolio: positions, assets, prices and targets through the ORM, drift in JS, one after another | ${scan.naiveMs} | ${perSecond(scan.naiveMs)} |

- scan / floor: **${scan.scanToFloor}×**; naive / scan: **${scan.naiveToScan}×**.
- Peak RSS of the process running the scan: **${scan.peakRssMb} MB**.
- Times are medians of three runs (the naive design runs once). The scan's are steady-state scans:
  a first, unmeasured scan opens the alerts of the portfolios out of band.
`
    : 'Not run (see --only).\n'
}
## HTTP

${
  web
    ? `The production build (\`node dist/src/main.js\`, \`NODE_ENV=production\`, request logging on) on the bench database, under
autocannon with ${web.connections} connections: ${web.warmupSeconds} s of warm-up, then ${web.durationSeconds} s measured, per route, one route at a time.
The portfolio has 20 positions of 3 lots each, made through the API. The client runs on the same two cores as the server and PostgreSQL.

| route | requests/s | p50 (ms) | p99 (ms) | % of ceiling | non-2xx | errors | timeouts |
|---|---:|---:|---:|---:|---:|---:|---:|
${Object.entries(web.routes)
  .map(
    ([name, route]) =>
      `| ${name === 'health' ? 'health (ceiling)' : name} | ${Math.round(route.rps)} | ${route.p50Ms} | ${route.p99Ms} | ${route.percentOfCeiling} | ${route.non2xx} | ${route.errors} | ${route.timeouts} |`,
  )
  .join('\n')}

Routes: \`GET /api/v1/health\` (checks the database with one query), \`GET …/drift\`, \`GET …/rebalance/suggestions\`,
\`POST …/rebalance/what-if\` with 5 trades, \`GET …/positions\`. Any non-2xx response, error or timeout fails the run.
`
    : 'Not run (see --only).\n'
}
## Scaling: suggestion generation

${
  points
    ? `The pure generator (\`generateSuggestions\`), tax-aware, on one portfolio of 20 holdings whose lots sum to the count below,
overweight enough that every class over its band sells. Median time per call over one second of calls, after half a second of warm-up.

| lots | ms per call | growth per 10× lots |
|---:|---:|---:|
${points.map((point) => `| ${point.lots.toLocaleString('en-US')} | ${point.ms} | ${point.growth === null ? '' : `${point.growth}×`} |`).join('\n')}
`
    : 'Not run (see --only).\n'
}
## Households: the MILP solver

${result.householdPlans ? householdSection(result.householdPlans) : 'Not run (see --only).\n'}
${profiles}`;
}

main().catch((error) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
