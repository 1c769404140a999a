import { givenAdmin, givenUser } from './support/auth';
import { givenBulkPortfolios } from './support/bulk-portfolios';
import { givenAsset, type TestAsset } from './support/catalogue';
import { createTestApp, type TestApp } from './support/test-app';
import { eventually } from './support/webhook-receiver';

const TARGETS = [
  { assetType: 'stock', targetPercentage: '60', tolerancePercentage: '5' },
  { assetType: 'bond', targetPercentage: '40', tolerancePercentage: '5' },
];

describe('a price update re-checks exactly the portfolios holding the asset', () => {
  let t: TestApp;
  let stock: TestAsset;
  let holders: string[];
  let others: string[];

  beforeAll(async () => {
    t = await createTestApp({ env: { JOB_WORKERS: 'true', JOB_POLLING_INTERVAL_SECONDS: '0.5' } });
    const admin = await givenAdmin(t);
    const user = await givenUser(t, 'bulk');
    stock = await givenAsset(t, admin, { symbol: 'HELD', assetType: 'stock', price: '100' });
    const bond = await givenAsset(t, admin, { symbol: 'BOND', assetType: 'bond', price: '100' });
    const otherStock = await givenAsset(t, admin, { symbol: 'ELSE', assetType: 'stock', price: '100' });
    const [{ id: userId }] = await t.dataSource.query<Array<{ id: string }>>('SELECT id FROM users WHERE email = $1', [user.email]);
    // 1,000 portfolios at 60/40 that hold HELD: within their band until its price moves.
    holders = await givenBulkPortfolios(t.dataSource, userId, {
      count: 1000,
      holdings: [
        { assetId: stock.id, quantity: '60' },
        { assetId: bond.id, quantity: '40' },
      ],
      targets: TARGETS,
    });
    // 200 that do not hold it and are already far out of band: only an evaluation would notice them.
    others = await givenBulkPortfolios(t.dataSource, userId, {
      count: 200,
      holdings: [
        { assetId: otherStock.id, quantity: '90' },
        { assetId: bond.id, quantity: '10' },
      ],
      targets: TARGETS,
    });
    await t.http().put(`/api/v1/assets/${stock.id}/price`).set(admin.auth).send({ price: '150', asOf: new Date().toISOString() }).expect(200);
  });
  afterAll(() => t.close());

  it('enqueues re-checks naming each holder once and no other portfolio', async () => {
    const jobs = await t.dataSource.query<Array<{ data: { portfolioIds: string[] } }>>("SELECT data FROM pgboss.job WHERE name = 'drift-recheck'");
    const named = jobs.flatMap((job) => job.data.portfolioIds);
    expect(named).toHaveLength(1000);
    expect([...named].sort()).toEqual(holders);
    // Chunks of at most 500, so several workers can share a popular asset.
    expect(jobs.map((job) => job.data.portfolioIds.length).sort()).toEqual([500, 500]);
  });

  it('opens an alert on every holder and on nothing else', async () => {
    const alerted = await eventually(async () => {
      const rows = await t.dataSource.query<Array<{ portfolio_id: string; level: string }>>(
        "SELECT portfolio_id, level FROM drift_alerts WHERE status = 'OPEN' ORDER BY portfolio_id",
      );
      return rows.length >= 1000 ? rows : undefined;
    }, '1,000 alerts');
    expect(alerted.map((row) => row.portfolio_id)).toEqual(holders);
    // 9000 of 13000 in stock: 69.23 % against 60 ± 5.
    expect(new Set(alerted.map((row) => row.level))).toEqual(new Set(['WARNING']));
    const [{ n }] = await t.dataSource.query<Array<{ n: number }>>('SELECT count(*)::int AS n FROM drift_alerts WHERE portfolio_id = ANY($1::uuid[])', [
      others,
    ]);
    expect(n).toBe(0);
  });
});
