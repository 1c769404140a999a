import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { DEMO_EMAIL, DEMO_PASSWORD } from '../src/scripts/demo-credentials';
import { login } from './support/auth';
import { snapshotDatabase } from './support/portfolios';
import { createTestApp, type TestApp } from './support/test-app';

const SEED_JS = resolve(__dirname, '../dist/src/scripts/seed-demo.js');
const run = promisify(execFile);

/** npm run seed:demo against this file's database: what a newcomer sees after it. */
describe('npm run seed:demo gives a demo worth looking at', () => {
  let t: TestApp;
  let auth: { Authorization: string };
  let portfolios: Array<{ id: string; name: string }>;

  const seed = () =>
    run(process.execPath, [SEED_JS], {
      env: { PATH: process.env.PATH, HOME: process.env.HOME, DATABASE_URL: t.database.url, LOG_LEVEL: 'warn' },
    });

  beforeAll(async () => {
    t = await createTestApp();
    await seed();
    auth = { Authorization: `Bearer ${await login(t, DEMO_EMAIL, DEMO_PASSWORD)}` };
    portfolios = (await t.http().get('/api/v1/portfolios').set(auth).expect(200)).body.items;
  }, 120_000);
  afterAll(() => t.close());

  it('makes three portfolios', () => {
    expect(portfolios.map((portfolio) => portfolio.name)).toEqual(['Taxable: drifted 60/30/10', 'Roth IRA: 80/20', 'College fund: 50/33/10/7']);
  });

  it('gives each a drift series of about a year, a point for every week its facts changed', async () => {
    for (const portfolio of portfolios) {
      const points = (await t.http().get(`/api/v1/portfolios/${portfolio.id}/drift/history?assetType=stock&limit=200`).set(auth).expect(200)).body.items;
      expect(points.length).toBeGreaterThanOrEqual(40);
      const days = (Date.parse(points.at(-1).calculatedAt) - Date.parse(points[0].calculatedAt)) / 86_400_000;
      expect(days).toBeGreaterThanOrEqual(280);
    }
  });

  it('has the taxable portfolio drift from within tolerance to CRITICAL, with one open alert', async () => {
    const points = (await t.http().get(`/api/v1/portfolios/${portfolios[0].id}/drift/history?assetType=stock&limit=200`).set(auth).expect(200)).body.items;
    expect(points[0].driftLevel).toBe('WITHIN_TOLERANCE');
    expect(points.at(-1).driftLevel).toBe('CRITICAL');
    const alerts = (await t.http().get('/api/v1/drift-alerts?status=OPEN').set(auth).expect(200)).body.items;
    expect(alerts.map((alert: { portfolioId: string; level: string }) => [alert.portfolioId, alert.level])).toEqual([[portfolios[0].id, 'CRITICAL']]);
  });

  it('leaves the other two within tolerance', async () => {
    for (const portfolio of portfolios.slice(1)) {
      expect((await t.http().get(`/api/v1/portfolios/${portfolio.id}/drift`).set(auth).expect(200)).body.status).toBe('WITHIN_TOLERANCE');
    }
  });

  it('has losses to harvest: VXUS in the taxable portfolio and GLD in the college fund', async () => {
    const symbols = async (id: string) =>
      (await t.http().get(`/api/v1/portfolios/${id}/tax-loss-harvesting`).set(auth).expect(200)).body.opportunities.map(
        (opportunity: { symbol: string }) => opportunity.symbol,
      );
    expect(await symbols(portfolios[0].id)).toContain('VXUS');
    expect(await symbols(portfolios[2].id)).toContain('GLD');
  });

  it('has a pending plan for the drifted portfolio', async () => {
    const plans = (await t.http().get(`/api/v1/portfolios/${portfolios[0].id}/rebalance/plans`).set(auth).expect(200)).body.items;
    expect(plans.map((plan: { status: string }) => plan.status)).toEqual(['PENDING']);
  });

  it('changes nothing when run again', async () => {
    const before = await snapshotDatabase(t);
    await seed();
    expect(await snapshotDatabase(t)).toEqual(before);
  }, 60_000);
});
