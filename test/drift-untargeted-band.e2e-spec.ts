import { givenAdmin, givenUser, type TestUser } from './support/auth';
import { givenAsset } from './support/catalogue';
import { givenPortfolio, record, snapshotDatabase } from './support/portfolios';
import { createTestApp, type TestApp } from './support/test-app';
import { eventually, FAST_JOBS_ENV } from './support/webhook-receiver';

const AT = '2026-11-02T15:00:00Z';

/**
 * 58,400 stock, 30,000 bond, 10,000 cash against 60/30/10 with 5-point bands, and 1,600 of gold,
 * which has no target: 1.6 % of 100,000. The gold is what the untargeted band decides on.
 */
describe('a small untargeted holding is judged by the portfolio untargeted band', () => {
  let t: TestApp;
  let owner: TestUser;
  let portfolioId: string;

  const drift = async () => (await t.http().get(`/api/v1/portfolios/${portfolioId}/drift`).set(owner.auth).expect(200)).body;
  const gold = (report: { items: Array<Record<string, string>> }) => {
    const item = report.items.find((row) => row.assetType === 'gold') as Record<string, string>;
    return [item.currentPercentage, item.targetPercentage, item.tolerancePercentage, item.driftPercentage, item.driftLevel];
  };
  const openAlertLevel = async () => {
    const rows = await t.dataSource.query<Array<{ level: string }>>("SELECT level FROM drift_alerts WHERE portfolio_id = $1 AND status <> 'RESOLVED'", [
      portfolioId,
    ]);
    return rows[0]?.level ?? null;
  };

  beforeAll(async () => {
    t = await createTestApp({ env: FAST_JOBS_ENV });
    const admin = await givenAdmin(t);
    owner = await givenUser(t);
    const stock = await givenAsset(t, admin, { symbol: 'UTSTK', assetType: 'stock', price: '100' });
    const bond = await givenAsset(t, admin, { symbol: 'UTBND', assetType: 'bond', price: '100' });
    const goldAsset = await givenAsset(t, admin, { symbol: 'UTGLD', assetType: 'gold', price: '100' });
    portfolioId = await givenPortfolio(t, owner);
    await record(t, owner, portfolioId, { type: 'DEPOSIT', amount: '100000', executedAt: AT });
    await record(t, owner, portfolioId, { type: 'BUY', assetId: stock.id, quantity: '584', price: '100', executedAt: AT });
    await record(t, owner, portfolioId, { type: 'BUY', assetId: bond.id, quantity: '300', price: '100', executedAt: AT });
    await record(t, owner, portfolioId, { type: 'BUY', assetId: goldAsset.id, quantity: '16', price: '100', executedAt: AT });
    await t
      .http()
      .put(`/api/v1/portfolios/${portfolioId}/targets`)
      .set(owner.auth)
      .send({
        targets: [
          { assetType: 'stock', targetPercentage: '60' },
          { assetType: 'bond', targetPercentage: '30' },
          { assetType: 'cash', targetPercentage: '10' },
        ],
      })
      .expect(200);
  });
  afterAll(() => t.close());

  it('gives a new portfolio the documented default band of 2 points', async () => {
    const response = await t.http().get(`/api/v1/portfolios/${portfolioId}`).set(owner.auth).expect(200);
    expect(response.body.untargetedTolerancePercentage).toBe('2.00');
  });

  it('keeps the 1.6 % of gold within tolerance under the default band, still listed with target 0', async () => {
    const report = await drift();
    expect(report.status).toBe('WITHIN_TOLERANCE');
    expect(gold(report)).toEqual(['1.6000', '0.0000', '2.0000', '1.6000', 'WITHIN_TOLERANCE']);
  });

  it('makes it a WARNING under a band of 1 (1.6 is past 1, within 2 × 1), and the re-check opens a WARNING alert', async () => {
    const patched = await t.http().patch(`/api/v1/portfolios/${portfolioId}`).set(owner.auth).send({ untargetedTolerancePercentage: '1' }).expect(200);
    expect(patched.body.untargetedTolerancePercentage).toBe('1.00');

    const report = await drift();
    expect(report.status).toBe('WARNING');
    expect(gold(report)).toEqual(['1.6000', '0.0000', '1.0000', '1.6000', 'WARNING']);
    expect(await eventually(async () => (await openAlertLevel()) ?? undefined, 'an open alert')).toBe('WARNING');
  });

  it('makes it CRITICAL under a band of 0, as every untargeted holding was before the band existed', async () => {
    await t.http().patch(`/api/v1/portfolios/${portfolioId}`).set(owner.auth).send({ untargetedTolerancePercentage: 0 }).expect(200);

    expect(gold(await drift())).toEqual(['1.6000', '0.0000', '0.0000', '1.6000', 'CRITICAL']);
    expect(await eventually(async () => ((await openAlertLevel()) === 'CRITICAL' ? 'CRITICAL' : undefined), 'the alert escalated')).toBe('CRITICAL');
  });

  it('resolves the alert when the band is widened back to 2', async () => {
    await t.http().patch(`/api/v1/portfolios/${portfolioId}`).set(owner.auth).send({ untargetedTolerancePercentage: '2' }).expect(200);

    expect((await drift()).status).toBe('WITHIN_TOLERANCE');
    await eventually(async () => ((await openAlertLevel()) === null ? true : undefined), 'the alert resolved');
  });

  it.each([
    ['100.01', 'max'],
    ['-1', 'min'],
    ['1.005', 'maxScale'],
    ['abc', 'isDecimal'],
  ])('refuses %s naming the field, and changes nothing', async (value) => {
    const before = await snapshotDatabase(t);
    const response = await t.http().patch(`/api/v1/portfolios/${portfolioId}`).set(owner.auth).send({ untargetedTolerancePercentage: value }).expect(400);
    expect(response.body.errors.map((error: { field: string }) => error.field)).toEqual(['untargetedTolerancePercentage']);
    expect(await snapshotDatabase(t)).toEqual(before);
  });

  it('takes the band when the portfolio is created', async () => {
    const id = await givenPortfolio(t, owner, { untargetedTolerancePercentage: '0.5' });
    const response = await t.http().get(`/api/v1/portfolios/${id}`).set(owner.auth).expect(200);
    expect(response.body.untargetedTolerancePercentage).toBe('0.50');
  });
});
