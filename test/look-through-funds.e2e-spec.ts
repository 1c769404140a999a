import { givenAdmin, givenUser, type TestUser } from './support/auth';
import { givenAsset, type TestAsset } from './support/catalogue';
import { givenPortfolio, record } from './support/portfolios';
import { createTestApp, type TestApp } from './support/test-app';
import { DriftQueries } from '../src/rebalancing/drift-queries.repository';

const AT = '2026-11-02T15:00:00Z';
const SIXTY_FORTY = [
  { assetType: 'stock', percentage: '60' },
  { assetType: 'bond', percentage: '40' },
];

/**
 * $10,000 in a 60/40 balanced fund (100 units at $100) and $5,000 in a stock fund (50 at $100):
 * stock 6,000 + 5,000 = 11,000 (73.33 %), bond 4,000 (26.67 %).
 */
describe('a look-through fund counted 60/40', () => {
  let t: TestApp;
  let admin: TestUser;
  let owner: TestUser;
  let balanced: TestAsset;
  let portfolioId: string;

  const drift = async () => (await t.http().get(`/api/v1/portfolios/${portfolioId}/drift`).set(owner.auth).expect(200)).body;
  const classes = (report: { items: Array<Record<string, string>> }) =>
    report.items.map((item) => [item.assetType, item.currentValue, item.currentPercentage, item.driftLevel]);
  const scanStatus = async () => {
    const [row] = await t.app.get(DriftQueries).statusesForBatch(t.dataSource.manager, { ids: [portfolioId] });
    return row.status;
  };
  const putTargets = (stock: string, bond: string) =>
    t
      .http()
      .put(`/api/v1/portfolios/${portfolioId}/targets`)
      .set(owner.auth)
      .send({
        targets: [
          { assetType: 'stock', targetPercentage: stock },
          { assetType: 'bond', targetPercentage: bond },
        ],
      })
      .expect(200);

  beforeAll(async () => {
    t = await createTestApp();
    admin = await givenAdmin(t);
    owner = await givenUser(t);
    const created = await t
      .http()
      .post('/api/v1/assets')
      .set(admin.auth)
      .send({ symbol: 'BAL6040', name: 'A 60/40 balanced fund', assetType: 'stock', currency: 'USD', price: '100', classWeights: SIXTY_FORTY })
      .expect(201);
    balanced = { id: created.body.id, symbol: created.body.symbol, assetType: created.body.assetType };
    const stock = await givenAsset(t, admin, { symbol: 'LTSTK', assetType: 'stock', price: '100' });
    portfolioId = await givenPortfolio(t, owner);
    await record(t, owner, portfolioId, { type: 'DEPOSIT', amount: '15000', executedAt: AT });
    await record(t, owner, portfolioId, { type: 'BUY', assetId: balanced.id, quantity: '100', price: '100', executedAt: AT });
    // A day after the fund: the two lots are at no gain alike, so the older (the fund's) is the one a sale relieves first.
    await record(t, owner, portfolioId, {
      type: 'BUY',
      assetId: stock.id,
      quantity: '50',
      price: '100',
      executedAt: new Date(Date.parse(AT) + 86_400_000).toISOString(),
    });
    await putTargets('70', '30');
  });
  afterAll(() => t.close());

  it('shows the breakdown on the asset, by class; a plain asset has none', async () => {
    const response = await t.http().get(`/api/v1/assets/${balanced.id}`).set(owner.auth).expect(200);
    expect(response.body.classWeights).toEqual([
      { assetType: 'bond', percentage: '40' },
      { assetType: 'stock', percentage: '60' },
    ]);
    const list = await t.http().get('/api/v1/assets?symbolPrefix=LTSTK').set(owner.auth).expect(200);
    expect(list.body.items.map((asset: { classWeights: unknown }) => asset.classWeights)).toEqual([[]]);
  });

  it('drift counts the fund 60/40: stock 11,000 (73.33 %), bond 4,000 (26.67 %); within 70/30 ± 5, and the scan agrees', async () => {
    const report = await drift();
    expect(report.status).toBe('WITHIN_TOLERANCE');
    expect(classes(report)).toEqual([
      ['bond', '4000.00', '26.6667', 'WITHIN_TOLERANCE'],
      ['stock', '11000.00', '73.3333', 'WITHIN_TOLERANCE'],
    ]);
    expect(await scanStatus()).toBe('WITHIN_TOLERANCE');
  });

  it('against 60/40 the same holdings are 13.33 points over in stock: CRITICAL in the drift route and in the scan', async () => {
    await putTargets('60', '40');
    const report = await drift();
    expect(report.status).toBe('CRITICAL');
    expect(report.totalDrift).toBe('13.3333');
    expect(await scanStatus()).toBe('CRITICAL');
  });

  it('what-if: selling $5,000 of the fund takes 3,000 of stock and 2,000 of bond out: stock 8,000, bond 2,000, cash 5,000', async () => {
    const response = await t
      .http()
      .post(`/api/v1/portfolios/${portfolioId}/rebalance/what-if`)
      .set(owner.auth)
      .send({ trades: [{ assetId: balanced.id, action: 'SELL', value: '5000' }] })
      .expect(200);
    expect(classes(response.body.after).map(([assetType, value]) => [assetType, value])).toEqual([
      ['bond', '2000.00'],
      ['cash', '5000.00'],
      ['stock', '8000.00'],
    ]);
  });

  it('suggestions: the solver counts the fund by weight, so it sells the plain stock and reaches 60/40 exactly', async () => {
    await putTargets('60', '40');
    const response = await t.http().get(`/api/v1/portfolios/${portfolioId}/rebalance/suggestions`).set(owner.auth).expect(200);
    const { suggestions, summary } = response.body;
    expect(classes(summary.driftBefore)).toEqual([
      ['bond', '4000.00', '26.6667', 'CRITICAL'],
      ['stock', '11000.00', '73.3333', 'CRITICAL'],
    ]);
    // 15,000 against 60/40: stock must go from 11,000 to 9,000 and bond from 4,000 to 6,000. Selling the fund would
    // take 40 cents of bond out with every dollar of stock; the plain stock moves stock alone: 20 LTSTK, $2,000,
    // and $2,000 into bond, where no asset is held or preferred (a class-level BUY).
    expect(suggestions.map((s: Record<string, string>) => [s.action, s.symbol, s.assetType, s.quantity, s.estimatedValue])).toEqual([
      ['SELL', 'LTSTK', 'stock', '20', '2000.00'],
      ['BUY', null, 'bond', null, '2000.00'],
    ]);
    expect(summary.driftAfter.status).toBe('WITHIN_TOLERANCE');
    expect(classes(summary.driftAfter)).toEqual([
      ['bond', '6000.00', '40.0000', 'WITHIN_TOLERANCE'],
      ['stock', '9000.00', '60.0000', 'WITHIN_TOLERANCE'],
    ]);
  });

  it('PUT class-weights replaces the breakdown, and [] makes the fund 100 % stock again: stock 15,000 (100 %)', async () => {
    const rechecks = async () =>
      (await t.dataSource.query<Array<{ data: { portfolioIds: string[] } }>>("SELECT data FROM pgboss.job WHERE name = 'drift-recheck'")).filter((job) =>
        job.data.portfolioIds.includes(portfolioId),
      ).length;
    const before = await rechecks();
    const cleared = await t.http().put(`/api/v1/assets/${balanced.id}/class-weights`).set(admin.auth).send({ classWeights: [] }).expect(200);
    expect(cleared.body.classWeights).toEqual([]);
    // The holder is re-checked for drift, as after a price change.
    expect(await rechecks()).toBe(before + 1);
    expect(classes(await drift())).toEqual([
      ['bond', '0.00', '0.0000', 'CRITICAL'],
      ['stock', '15000.00', '100.0000', 'CRITICAL'],
    ]);
    const restored = await t.http().put(`/api/v1/assets/${balanced.id}/class-weights`).set(admin.auth).send({ classWeights: SIXTY_FORTY }).expect(200);
    expect(restored.body.classWeights).toHaveLength(2);
    expect(classes(await drift()).map(([assetType, value]) => [assetType, value])).toEqual([
      ['bond', '4000.00'],
      ['stock', '11000.00'],
    ]);
  });

  it('takes concurrent replacements of one breakdown in turn: every one answers 200 and one of them is what is stored', async () => {
    const splits = ['60', '70', '80', '90', '50'].map((stock) => [
      { assetType: 'stock', percentage: stock },
      { assetType: 'bond', percentage: String(100 - Number(stock)) },
    ]);
    const responses = await Promise.all(
      splits.map((classWeights) => t.http().put(`/api/v1/assets/${balanced.id}/class-weights`).set(admin.auth).send({ classWeights })),
    );
    expect(responses.map((response) => response.status)).toEqual([200, 200, 200, 200, 200]);
    const stored = (await t.http().get(`/api/v1/assets/${balanced.id}`).set(owner.auth).expect(200)).body.classWeights;
    expect(stored).toHaveLength(2);
    expect(splits.map((split) => split[0].percentage)).toContain(stored[1].percentage);
    await t.http().put(`/api/v1/assets/${balanced.id}/class-weights`).set(admin.auth).send({ classWeights: SIXTY_FORTY }).expect(200);
  });

  it.each([
    [
      'a sum of 99',
      [
        { assetType: 'stock', percentage: '60' },
        { assetType: 'bond', percentage: '39' },
      ],
      'classWeights',
      'sumTo100',
    ],
    [
      'a zero share',
      [
        { assetType: 'stock', percentage: '100' },
        { assetType: 'bond', percentage: '0' },
      ],
      'classWeights[1].percentage',
      'positive',
    ],
    [
      'a negative share',
      [
        { assetType: 'stock', percentage: '100' },
        { assetType: 'bond', percentage: '-10' },
      ],
      'classWeights[1].percentage',
      'positive',
    ],
    [
      'a class twice',
      [
        { assetType: 'stock', percentage: '50' },
        { assetType: 'stock', percentage: '50' },
      ],
      'classWeights[1].assetType',
      'uniqueAssetType',
    ],
    ["no share of the asset's own class", [{ assetType: 'bond', percentage: '100' }], 'classWeights', 'includesAssetType'],
  ])('refuses %s with a 422 naming the field and rule', async (_label, classWeights, field, rule) => {
    const put = await t.http().put(`/api/v1/assets/${balanced.id}/class-weights`).set(admin.auth).send({ classWeights }).expect(422);
    expect(put.body.code).toBe('VALIDATION_FAILED');
    expect(put.body.errors).toContainEqual(expect.objectContaining({ field, rule }));
    const post = await t
      .http()
      .post('/api/v1/assets')
      .set(admin.auth)
      .send({ symbol: 'BADFUND', name: 'Refused', assetType: 'stock', currency: 'USD', classWeights })
      .expect(422);
    expect(post.body.errors).toContainEqual(expect.objectContaining({ field, rule }));
  });

  it('refuses malformed shares with a 400, an unknown asset with a 404, and a user without assets:write with a 403', async () => {
    const tooFine = await t
      .http()
      .put(`/api/v1/assets/${balanced.id}/class-weights`)
      .set(admin.auth)
      .send({ classWeights: [{ assetType: 'stock', percentage: '60.00001' }] })
      .expect(400);
    expect(tooFine.body.errors).toContainEqual(expect.objectContaining({ field: 'classWeights[0].percentage' }));
    const eleven = Array.from({ length: 11 }, (_, i) => ({ assetType: `c${i}`, percentage: '1' }));
    await t.http().put(`/api/v1/assets/${balanced.id}/class-weights`).set(admin.auth).send({ classWeights: eleven }).expect(400);
    await t.http().put('/api/v1/assets/00000000-0000-4000-8000-000000000000/class-weights').set(admin.auth).send({ classWeights: [] }).expect(404);
    await t.http().put(`/api/v1/assets/${balanced.id}/class-weights`).set(owner.auth).send({ classWeights: [] }).expect(403);
    // Nothing refused was stored.
    const response = await t.http().get(`/api/v1/assets/${balanced.id}`).set(owner.auth).expect(200);
    expect(response.body.classWeights).toHaveLength(2);
  });
});
