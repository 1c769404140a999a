import { givenAdmin, givenUser, type TestUser } from './support/auth';
import { givenAsset, type TestAsset } from './support/catalogue';
import { givenPortfolio, record } from './support/portfolios';
import { createTestApp, type TestApp } from './support/test-app';
import { eventually, FAST_JOBS_ENV } from './support/webhook-receiver';

const AT = '2026-11-02T15:00:00Z';
const TARGETS = [
  { assetType: 'stock', targetPercentage: '60' },
  { assetType: 'bond', targetPercentage: '40' },
];

/**
 * Nobody calls GET …/drift in this file: the series is written by the re-checks that follow
 * transactions, prices and targets, and by scans. 60 units of stock and 40 of bond at 100 each.
 */
describe('drift history is recorded by re-checks and scans, not only by reads', () => {
  let t: TestApp;
  let admin: TestUser;
  let owner: TestUser;
  let stock: TestAsset;
  let portfolioId: string;

  /** Each stored calculation as [stock value (an estimate: 2 decimals), stock %, level], oldest first. */
  const series = async (id = portfolioId) => {
    const response = await t.http().get(`/api/v1/portfolios/${id}/drift/history?assetType=stock`).set(owner.auth).expect(200);
    return response.body.items.map((point: Record<string, string>) => [point.currentValue, point.currentPercentage, point.driftLevel]);
  };
  const seriesOfLength = (n: number, id = portfolioId) =>
    eventually(async () => {
      const points = await series(id);
      return points.length >= n ? points : undefined;
    }, `${n} history points`);

  beforeAll(async () => {
    t = await createTestApp({ env: FAST_JOBS_ENV });
    admin = await givenAdmin(t);
    owner = await givenUser(t);
    stock = await givenAsset(t, admin, { symbol: 'HSTK', assetType: 'stock', price: '100' });
    const bond = await givenAsset(t, admin, { symbol: 'HBND', assetType: 'bond', price: '100' });
    portfolioId = await givenPortfolio(t, owner);
    await record(t, owner, portfolioId, { type: 'DEPOSIT', amount: '10000', executedAt: AT });
    await record(t, owner, portfolioId, { type: 'BUY', assetId: stock.id, quantity: '60', price: '100', executedAt: AT });
    await record(t, owner, portfolioId, { type: 'BUY', assetId: bond.id, quantity: '40', price: '100', executedAt: AT });
  });
  afterAll(() => t.close());

  it('records the first point when targets are set', async () => {
    await t.http().put(`/api/v1/portfolios/${portfolioId}/targets`).set(owner.auth).send({ targets: TARGETS }).expect(200);

    expect(await seriesOfLength(1)).toEqual([['6000.00', '60.0000', 'WITHIN_TOLERANCE']]);
  });

  it('records a point when a price moves the portfolio: stock at 150 is 9,000 of 13,000, 69.2308 %', async () => {
    await t.http().put(`/api/v1/assets/${stock.id}/price`).set(admin.auth).send({ price: '150', asOf: new Date().toISOString() }).expect(200);

    expect(await seriesOfLength(2)).toEqual([
      ['6000.00', '60.0000', 'WITHIN_TOLERANCE'],
      ['9000.00', '69.2308', 'WARNING'],
    ]);
  });

  it('records a point when a transaction moves it: selling 20 stock at 150 leaves 6,000 of 13,000, 46.1538 %', async () => {
    await record(t, owner, portfolioId, { type: 'SELL', assetId: stock.id, quantity: '20', price: '150', executedAt: new Date().toISOString() });

    expect((await seriesOfLength(3))[2]).toEqual(['6000.00', '46.1538', 'CRITICAL']);
  });

  it('adds nothing on a scan when nothing changed, and gives a portfolio without history its first point', async () => {
    // A portfolio whose targets were written without a re-check (as by data predating this rule).
    const quiet = await givenPortfolio(t, owner, { name: 'quiet' });
    await record(t, owner, quiet, { type: 'DEPOSIT', amount: '1000', executedAt: AT });
    await t.dataSource.query("INSERT INTO target_allocations (portfolio_id, asset_type, target_percentage, tolerance_percentage) VALUES ($1, 'cash', 100, 5)", [
      quiet,
    ]);
    const before = await series();

    const scan = await t.http().post('/api/v1/rebalancing/scan').set(admin.auth).expect(202);
    await eventually(async () => {
      const response = await t.http().get(`/api/v1/rebalancing/scans/${scan.body.id}`).set(admin.auth).expect(200);
      return response.body.status === 'COMPLETED' ? true : undefined;
    }, 'the scan');

    expect(await series()).toEqual(before);
    const [{ n }] = await t.dataSource.query<Array<{ n: number }>>('SELECT count(*)::int AS n FROM portfolio_drifts WHERE portfolio_id = $1', [quiet]);
    expect(n).toBe(1);
  });
});
