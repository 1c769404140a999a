import { givenAdmin, givenUser, type TestUser } from './support/auth';
import { givenAsset } from './support/catalogue';
import { givenPortfolio, record } from './support/portfolios';
import { createTestApp, type TestApp } from './support/test-app';

const AT = '2026-11-02T15:00:00Z';
const SIXTY_THIRTY_TEN = [
  { assetType: 'stock', targetPercentage: '60', tolerancePercentage: '5' },
  { assetType: 'bond', targetPercentage: '30', tolerancePercentage: '5' },
  { assetType: 'cash', targetPercentage: '10', tolerancePercentage: '5' },
];

/**
 * The Lees' household, every asset priced $100:
 *   brokerage (TAXABLE):    40 stock = 4,000, cash 2,000
 *   IRA (TAX_DEFERRED):     30 bond = 3,000, 10 of a 60/40 fund = 1,000 (600 stock, 400 bond), cash 0
 * Together: stock 4,600 (46 %), bond 3,400 (34 %), cash 2,000 (20 %) of 10,000.
 * Against 60/30/10 with 5-point bands: stock −14 (beyond 2 × 5: CRITICAL), bond +4 (within),
 * cash +10 (exactly 2 × 5: WARNING); total drift (14 + 4 + 10) / 2 = 14.
 * Their other household (a trust with $1,000 cash) counts in neither.
 */
describe('household targets and drift: the household judged over all its accounts', () => {
  let t: TestApp;
  let owner: TestUser;
  let stranger: TestUser;
  let householdId: string;
  let brokerage: string;

  beforeAll(async () => {
    t = await createTestApp();
    const admin = await givenAdmin(t);
    owner = await givenUser(t);
    stranger = await givenUser(t);
    const stock = await givenAsset(t, admin, { symbol: 'HTSTK', assetType: 'stock', price: '100' });
    const bond = await givenAsset(t, admin, { symbol: 'HTBND', assetType: 'bond', price: '100' });
    const balanced = await t
      .http()
      .post('/api/v1/assets')
      .set(admin.auth)
      .send({
        symbol: 'HTBAL',
        name: 'A 60/40 fund',
        assetType: 'stock',
        currency: 'USD',
        price: '100',
        classWeights: [
          { assetType: 'stock', percentage: '60' },
          { assetType: 'bond', percentage: '40' },
        ],
      })
      .expect(201);
    householdId = (await t.http().post('/api/v1/households').set(owner.auth).send({ name: 'The Lees' }).expect(201)).body.id;
    brokerage = await givenPortfolio(t, owner, { name: 'Brokerage', householdId, accountType: 'TAXABLE' });
    const ira = await givenPortfolio(t, owner, { name: 'IRA', householdId, accountType: 'TAX_DEFERRED' });
    await record(t, owner, brokerage, { type: 'DEPOSIT', amount: '6000', executedAt: AT });
    await record(t, owner, brokerage, { type: 'BUY', assetId: stock.id, quantity: '40', price: '100', executedAt: AT });
    await record(t, owner, ira, { type: 'DEPOSIT', amount: '4000', executedAt: AT });
    await record(t, owner, ira, { type: 'BUY', assetId: bond.id, quantity: '30', price: '100', executedAt: AT });
    await record(t, owner, ira, { type: 'BUY', assetId: balanced.body.id, quantity: '10', price: '100', executedAt: AT });
    const trust = (await t.http().post('/api/v1/households').set(owner.auth).send({ name: 'The Lee trust' }).expect(201)).body.id;
    await record(t, owner, await givenPortfolio(t, owner, { name: 'Trust account', householdId: trust }), { type: 'DEPOSIT', amount: '1000', executedAt: AT });
  });
  afterAll(() => t.close());

  const targetsUrl = () => `/api/v1/households/${householdId}/targets`;
  const driftUrl = () => `/api/v1/households/${householdId}/drift`;

  it('has no targets at first: GET answers an empty set and drift is a 409 that says what to do', async () => {
    expect((await t.http().get(targetsUrl()).set(owner.auth).expect(200)).body).toEqual({ householdId, targets: [] });
    const refused = await t.http().get(driftUrl()).set(owner.auth).expect(409);
    expect(refused.body).toMatchObject({ code: 'TARGETS_NOT_SET', detail: expect.stringContaining('PUT /households/{id}/targets') });
  });

  it('stores a set as a portfolio does, band and all', async () => {
    const put = await t.http().put(targetsUrl()).set(owner.auth).send({ targets: SIXTY_THIRTY_TEN }).expect(200);
    expect(put.body.householdId).toBe(householdId);
    expect(put.body.targets.map((target: Record<string, string>) => [target.assetType, target.targetPercentage, target.effectiveTolerancePercentage])).toEqual([
      ['bond', '30', '5'],
      ['cash', '10', '5'],
      ['stock', '60', '5'],
    ]);
    expect((await t.http().get(targetsUrl()).set(owner.auth).expect(200)).body).toEqual(put.body);
  });

  it('sums the accounts: stock 46 %, bond 34 %, cash 20 %, the 60/40 fund split by weight, the trust left out', async () => {
    const drift = (await t.http().get(driftUrl()).set(owner.auth).expect(200)).body;
    expect(drift).toMatchObject({ householdId, totalValue: '10000.00', status: 'CRITICAL', totalDrift: '14.0000', warnings: [] });
    expect(
      drift.items.map((item: Record<string, string>) => [item.assetType, item.currentValue, item.currentPercentage, item.driftPercentage, item.driftLevel]),
    ).toEqual([
      ['bond', '3400.00', '34.0000', '4.0000', 'WITHIN_TOLERANCE'],
      ['cash', '2000.00', '20.0000', '10.0000', 'WARNING'],
      ['stock', '4600.00', '46.0000', '-14.0000', 'CRITICAL'],
    ]);
  });

  it('leaves each account’s own targets alone: the brokerage still has none', async () => {
    expect((await t.http().get(`/api/v1/portfolios/${brokerage}/targets`).set(owner.auth).expect(200)).body.targets).toEqual([]);
    await t.http().get(`/api/v1/portfolios/${brokerage}/drift`).set(owner.auth).expect(409);
  });

  it('refuses a set that does not sum to 100, or names a class twice, and keeps the old one', async () => {
    const short = await t
      .http()
      .put(targetsUrl())
      .set(owner.auth)
      .send({ targets: [{ assetType: 'stock', targetPercentage: '99' }] })
      .expect(422);
    expect(short.body).toMatchObject({ code: 'TARGETS_DO_NOT_SUM_TO_100', errors: [{ field: 'targets', rule: 'sumTo100' }] });
    const twice = await t
      .http()
      .put(targetsUrl())
      .set(owner.auth)
      .send({
        targets: [
          { assetType: 'stock', targetPercentage: '50' },
          { assetType: 'stock', targetPercentage: '50' },
        ],
      })
      .expect(422);
    expect(twice.body.errors).toEqual([expect.objectContaining({ field: 'targets[1].assetType', rule: 'uniqueAssetType' })]);
    expect((await t.http().get(targetsUrl()).set(owner.auth).expect(200)).body.targets).toHaveLength(3);
  });

  it('applies two concurrent PUTs one after the other: the result is one whole set, never a mix', async () => {
    const all = [
      { targets: [{ assetType: 'stock', targetPercentage: '100' }] },
      {
        targets: [
          { assetType: 'bond', targetPercentage: '50' },
          { assetType: 'cash', targetPercentage: '50' },
        ],
      },
    ];
    const answers = await Promise.all(all.map((body) => t.http().put(targetsUrl()).set(owner.auth).send(body)));
    expect(answers.map((answer) => answer.status)).toEqual([200, 200]);
    const stored = (await t.http().get(targetsUrl()).set(owner.auth).expect(200)).body.targets.map((target: Record<string, string>) => target.assetType);
    expect([['stock'], ['bond', 'cash']]).toContainEqual(stored);
  });

  it('is a 404 for another user, whose PUT changes nothing', async () => {
    await t.http().get(targetsUrl()).set(stranger.auth).expect(404);
    await t.http().put(targetsUrl()).set(stranger.auth).send({ targets: SIXTY_THIRTY_TEN }).expect(404);
    await t.http().get(driftUrl()).set(stranger.auth).expect(404);
  });

  it('removes the set with [], and a household with targets can still be deleted once empty', async () => {
    await t.http().put(targetsUrl()).set(owner.auth).send({ targets: [] }).expect(200);
    await t.http().get(driftUrl()).set(owner.auth).expect(409);
    const empty = (await t.http().post('/api/v1/households').set(owner.auth).send({ name: 'Empty' }).expect(201)).body.id;
    await t.http().put(`/api/v1/households/${empty}/targets`).set(owner.auth).send({ targets: SIXTY_THIRTY_TEN }).expect(200);
    await t.http().delete(`/api/v1/households/${empty}`).set(owner.auth).expect(204);
    expect(await t.dataSource.query('SELECT 1 FROM household_target_allocations WHERE household_id = $1', [empty])).toEqual([]);
  });
});
