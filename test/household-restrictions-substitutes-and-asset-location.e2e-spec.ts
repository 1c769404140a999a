import { HouseholdPreferencesService } from '../src/rebalancing/household-preferences.service';
import { givenAdmin, givenUser, type TestUser } from './support/auth';
import { givenAsset, type TestAsset } from './support/catalogue';
import { givenPortfolio, snapshotDatabase } from './support/portfolios';
import { createTestApp, type TestApp } from './support/test-app';

describe('a household’s restrictions, substitutes and asset-location table', () => {
  let t: TestApp;
  let owner: TestUser;
  let stranger: TestUser;
  let vti: TestAsset;
  let itot: TestAsset;
  let schb: TestAsset;
  let bnd: TestAsset;
  let household: string;
  let taxable: string;
  let ira: string;
  let otherHouseholdAccount: string;
  let strangersAccount: string;

  const newHousehold = async (user: TestUser, name: string): Promise<string> =>
    (await t.http().post('/api/v1/households').set(user.auth).send({ name }).expect(201)).body.id as string;
  const put = (id: string, route: string, body: unknown) =>
    t
      .http()
      .put(`/api/v1/households/${id}/${route}`)
      .set(owner.auth)
      .send(body as object);
  const get = (id: string, route: string) => t.http().get(`/api/v1/households/${id}/${route}`).set(owner.auth);

  /** The 422 as the API words it, and proof that nothing was written. */
  async function refused(route: string, body: unknown, errors: Array<{ field: string; rule: string }>): Promise<void> {
    const before = await snapshotDatabase(t);
    const response = await put(household, route, body).expect(422);
    expect(response.body).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(response.body.errors.map(({ field, rule }: { field: string; rule: string }) => ({ field, rule }))).toEqual(errors);
    expect(await snapshotDatabase(t)).toEqual(before);
  }

  beforeAll(async () => {
    t = await createTestApp();
    const admin = await givenAdmin(t);
    owner = await givenUser(t, 'advisor');
    stranger = await givenUser(t, 'stranger');
    vti = await givenAsset(t, admin, { symbol: 'RSVTI', assetType: 'stock', price: '225' });
    itot = await givenAsset(t, admin, { symbol: 'RSITOT', assetType: 'stock', price: '110' });
    schb = await givenAsset(t, admin, { symbol: 'RSSCHB', assetType: 'stock', price: '60' });
    bnd = await givenAsset(t, admin, { symbol: 'RSBND', assetType: 'bond', price: '72' });
    household = await newHousehold(owner, 'The Parkers');
    taxable = await givenPortfolio(t, owner, { name: 'Joint brokerage', householdId: household, accountType: 'TAXABLE' });
    ira = await givenPortfolio(t, owner, { name: 'IRA', householdId: household, accountType: 'TAX_DEFERRED' });
    otherHouseholdAccount = await givenPortfolio(t, owner, { name: 'The Hills’ brokerage', householdId: await newHousehold(owner, 'The Hills') });
    strangersAccount = await givenPortfolio(t, stranger, { name: 'Not yours' });
  });
  afterAll(() => t.close());

  describe('restrictions', () => {
    it('replaces the set and reads it back; the planner gets it in the solver’s terms', async () => {
      expect((await get(household, 'restrictions').expect(200)).body).toEqual({ householdId: household, restrictions: [] });
      const body = {
        restrictions: [
          { assetId: vti.id, accountId: taxable, kind: 'DO_NOT_SELL', reason: '  Low basis: a sale would realize 40,000 of gain  ' },
          { assetId: bnd.id, kind: 'HOLD', reason: 'Bond ladder' },
          { assetId: vti.id, kind: 'DO_NOT_BUY', reason: 'Concentrated already' },
        ],
      };
      const saved = await put(household, 'restrictions', body).expect(200);
      // By asset id, the household-wide rule of an asset before its accounts' ones; the reason trimmed.
      const expected = [
        { assetId: vti.id, accountId: null, kind: 'DO_NOT_BUY', reason: 'Concentrated already' },
        { assetId: vti.id, accountId: taxable, kind: 'DO_NOT_SELL', reason: 'Low basis: a sale would realize 40,000 of gain' },
        { assetId: bnd.id, accountId: null, kind: 'HOLD', reason: 'Bond ladder' },
      ].sort((a, b) => (a.assetId === b.assetId ? 0 : a.assetId < b.assetId ? -1 : 1));
      expect(saved.body).toEqual({ householdId: household, restrictions: expected });
      expect((await get(household, 'restrictions').expect(200)).body).toEqual(saved.body);

      const inputs = await t.app.get(HouseholdPreferencesService).planningInputs(household);
      expect(inputs.restrictions).toEqual(
        expected.map(({ assetId, accountId, kind }) => (accountId === null ? { assetId, kind } : { assetId, accountId, kind })),
      );
    });

    it('refuses, naming field and rule: an unknown asset, an account outside the household, a repeated pair', async () => {
      const unknownAsset = '00000000-0000-4000-8000-000000000001';
      await refused(
        'restrictions',
        {
          restrictions: [
            { assetId: unknownAsset, kind: 'HOLD', reason: 'Gone' },
            { assetId: vti.id, accountId: otherHouseholdAccount, kind: 'HOLD', reason: 'Another household’s account' },
            { assetId: vti.id, accountId: strangersAccount, kind: 'HOLD', reason: 'Another user’s account' },
            { assetId: bnd.id, accountId: ira, kind: 'DO_NOT_BUY', reason: 'First' },
            { assetId: bnd.id, accountId: ira, kind: 'DO_NOT_SELL', reason: 'Second' },
          ],
        },
        [
          { field: 'restrictions[0].assetId', rule: 'knownAsset' },
          { field: 'restrictions[1].accountId', rule: 'householdAccount' },
          { field: 'restrictions[2].accountId', rule: 'householdAccount' },
          { field: 'restrictions[4]', rule: 'uniqueAssetAndAccount' },
        ],
      );
    });

    it('wants a reason and a known kind (400, before any rule is checked)', async () => {
      const blank = await put(household, 'restrictions', { restrictions: [{ assetId: vti.id, kind: 'HOLD', reason: '   ' }] }).expect(400);
      expect(blank.body.errors).toEqual([expect.objectContaining({ field: 'restrictions[0].reason' })]);
      const long = await put(household, 'restrictions', { restrictions: [{ assetId: vti.id, kind: 'HOLD', reason: 'x'.repeat(501) }] }).expect(400);
      expect(long.body.errors).toEqual([expect.objectContaining({ field: 'restrictions[0].reason' })]);
      const kind = await put(household, 'restrictions', { restrictions: [{ assetId: vti.id, kind: 'SELL_ONLY', reason: 'x' }] }).expect(400);
      expect(kind.body.errors).toEqual([expect.objectContaining({ field: 'restrictions[0].kind' })]);
    });

    it('serializes two PUTs at once: the set is one of them whole, never a mix', async () => {
      const one = { restrictions: [{ assetId: schb.id, kind: 'HOLD', reason: 'one' }] };
      const two = {
        restrictions: [
          { assetId: schb.id, kind: 'DO_NOT_BUY', reason: 'two' },
          { assetId: itot.id, kind: 'DO_NOT_BUY', reason: 'two' },
        ],
      };
      const [a, b] = await Promise.all([put(household, 'restrictions', one), put(household, 'restrictions', two)]);
      expect([a.status, b.status]).toEqual([200, 200]);
      const reasons = (await get(household, 'restrictions').expect(200)).body.restrictions.map((row: { reason: string }) => row.reason);
      expect([['one'], ['two', 'two']]).toContainEqual(reasons);
    });

    it('drops an account’s rule when the account leaves the household, and when it is deleted', async () => {
      const leaving = await givenPortfolio(t, owner, { name: 'Leaving', householdId: household });
      const staying = await givenPortfolio(t, owner, { name: 'Staying', householdId: household });
      await put(household, 'restrictions', {
        restrictions: [
          { assetId: vti.id, accountId: leaving, kind: 'DO_NOT_SELL', reason: 'Employer plan' },
          { assetId: vti.id, accountId: staying, kind: 'DO_NOT_SELL', reason: 'Gifted shares' },
        ],
      }).expect(200);
      const elsewhere = await newHousehold(owner, 'Elsewhere');
      await t.http().patch(`/api/v1/portfolios/${leaving}`).set(owner.auth).send({ householdId: elsewhere }).expect(200);
      const afterMove = (await get(household, 'restrictions').expect(200)).body.restrictions;
      expect(afterMove.map((row: { accountId: string }) => row.accountId)).toEqual([staying]);
      expect((await t.app.get(HouseholdPreferencesService).planningInputs(household)).restrictions).toEqual([
        { assetId: vti.id, accountId: staying, kind: 'DO_NOT_SELL' },
      ]);
      await t.http().delete(`/api/v1/portfolios/${staying}`).set(owner.auth).expect(204);
      expect((await get(household, 'restrictions').expect(200)).body.restrictions).toEqual([]);
    });
  });

  describe('substitutes', () => {
    it('replaces the lists and reads them back best first; the planner gets them by asset', async () => {
      expect((await get(household, 'substitutes').expect(200)).body).toEqual({ householdId: household, substitutes: [] });
      const saved = await put(household, 'substitutes', {
        substitutes: [
          { assetId: vti.id, replacements: [schb.id, itot.id] },
          { assetId: itot.id, replacements: [vti.id] },
        ],
      }).expect(200);
      const expected = [
        { assetId: vti.id, replacements: [schb.id, itot.id] },
        { assetId: itot.id, replacements: [vti.id] },
      ].sort((a, b) => (a.assetId < b.assetId ? -1 : 1));
      expect(saved.body).toEqual({ householdId: household, substitutes: expected });
      expect((await get(household, 'substitutes').expect(200)).body).toEqual(saved.body);
      expect((await t.app.get(HouseholdPreferencesService).planningInputs(household)).substitutes).toEqual({
        [vti.id]: [schb.id, itot.id],
        [itot.id]: [vti.id],
      });
    });

    it('refuses, naming field and rule: a repeated asset, itself, a repeat, an unknown asset, another class', async () => {
      const unknownAsset = '00000000-0000-4000-8000-000000000002';
      await refused(
        'substitutes',
        {
          substitutes: [
            { assetId: vti.id, replacements: [vti.id, itot.id, itot.id, unknownAsset, bnd.id] },
            { assetId: vti.id, replacements: [schb.id] },
            { assetId: unknownAsset, replacements: [schb.id] },
          ],
        },
        [
          { field: 'substitutes[0].replacements[0]', rule: 'notItself' },
          { field: 'substitutes[0].replacements[2]', rule: 'uniqueReplacement' },
          { field: 'substitutes[0].replacements[3]', rule: 'knownAsset' },
          { field: 'substitutes[0].replacements[4]', rule: 'sameAssetType' },
          { field: 'substitutes[1].assetId', rule: 'uniqueAsset' },
          { field: 'substitutes[2].assetId', rule: 'knownAsset' },
        ],
      );
    });

    it('takes at most 10 replacements and at least one (400)', async () => {
      const eleven = Array.from({ length: 11 }, () => itot.id);
      await put(household, 'substitutes', { substitutes: [{ assetId: vti.id, replacements: eleven }] }).expect(400);
      await put(household, 'substitutes', { substitutes: [{ assetId: vti.id, replacements: [] }] }).expect(400);
    });
  });

  describe('asset location', () => {
    const DEFAULT_TABLE = [
      { assetClass: 'bond', accountType: 'TAXABLE', penaltyPerDollar: '0.004' },
      { assetClass: 'bond', accountType: 'TAX_DEFERRED', penaltyPerDollar: '0' },
      { assetClass: 'bond', accountType: 'TAX_EXEMPT', penaltyPerDollar: '0.002' },
      { assetClass: 'reit', accountType: 'TAXABLE', penaltyPerDollar: '0.004' },
      { assetClass: 'reit', accountType: 'TAX_DEFERRED', penaltyPerDollar: '0' },
      { assetClass: 'reit', accountType: 'TAX_EXEMPT', penaltyPerDollar: '0.001' },
      { assetClass: 'stock', accountType: 'TAXABLE', penaltyPerDollar: '0.001' },
      { assetClass: 'stock', accountType: 'TAX_DEFERRED', penaltyPerDollar: '0.002' },
      { assetClass: 'stock', accountType: 'TAX_EXEMPT', penaltyPerDollar: '0' },
    ];

    it('answers the documented default until the household sets its own, and [] goes back to it', async () => {
      expect((await get(household, 'asset-location').expect(200)).body).toEqual({ householdId: household, isDefault: true, penalties: DEFAULT_TABLE });

      const own = await put(household, 'asset-location', {
        penalties: [
          { assetClass: 'stock', accountType: 'TAX_EXEMPT', penaltyPerDollar: '0' },
          { assetClass: 'Bond', accountType: 'TAXABLE', penaltyPerDollar: 0.005 },
          { assetClass: 'stock', accountType: 'TAXABLE', penaltyPerDollar: '0.000500' },
          { assetClass: 'bond', accountType: 'TAX_EXEMPT', penaltyPerDollar: '1' },
        ],
      }).expect(200);
      // Sorted by class, then account type; the class lower-cased; decimals as exact strings.
      expect(own.body).toEqual({
        householdId: household,
        isDefault: false,
        penalties: [
          { assetClass: 'bond', accountType: 'TAXABLE', penaltyPerDollar: '0.005' },
          { assetClass: 'bond', accountType: 'TAX_EXEMPT', penaltyPerDollar: '1' },
          { assetClass: 'stock', accountType: 'TAXABLE', penaltyPerDollar: '0.0005' },
          { assetClass: 'stock', accountType: 'TAX_EXEMPT', penaltyPerDollar: '0' },
        ],
      });
      expect((await get(household, 'asset-location').expect(200)).body).toEqual(own.body);
      const { locationPenalties } = await t.app.get(HouseholdPreferencesService).planningInputs(household);
      expect(
        Object.fromEntries(
          Object.entries(locationPenalties).map(([assetClass, cells]) => [
            assetClass,
            Object.fromEntries(Object.entries(cells).map(([type, penalty]) => [type, penalty?.toFixed()])),
          ]),
        ),
      ).toEqual({
        bond: { TAXABLE: '0.005', TAX_EXEMPT: '1' },
        stock: { TAXABLE: '0.0005', TAX_EXEMPT: '0' },
      });

      expect((await put(household, 'asset-location', { penalties: [] }).expect(200)).body).toEqual({
        householdId: household,
        isDefault: true,
        penalties: DEFAULT_TABLE,
      });
      const reset = await t.app.get(HouseholdPreferencesService).planningInputs(household);
      expect(reset.locationPenalties.stock?.TAX_DEFERRED?.toFixed()).toBe('0.002');
    });

    it('refuses a repeated cell (422), and a cost below 0, above 1 or past 6 decimals (400)', async () => {
      await refused(
        'asset-location',
        {
          penalties: [
            { assetClass: 'bond', accountType: 'TAXABLE', penaltyPerDollar: '0.004' },
            { assetClass: 'bond', accountType: 'TAXABLE', penaltyPerDollar: '0.003' },
          ],
        },
        [{ field: 'penalties[1]', rule: 'uniqueClassAndAccountType' }],
      );
      for (const penaltyPerDollar of ['-0.001', '1.000001', '0.0000001'])
        await put(household, 'asset-location', { penalties: [{ assetClass: 'bond', accountType: 'TAXABLE', penaltyPerDollar }] }).expect(400);
      await put(household, 'asset-location', { penalties: [{ assetClass: 'bond', accountType: 'ROTH', penaltyPerDollar: '0' }] }).expect(400);
    });
  });

  it('a household with restrictions, substitutes and its own table is still deleted, with them', async () => {
    const leaving = await newHousehold(owner, 'Leaving');
    const account = await givenPortfolio(t, owner, { name: 'Last account', householdId: leaving });
    await put(leaving, 'restrictions', {
      restrictions: [
        { assetId: vti.id, accountId: account, kind: 'DO_NOT_SELL', reason: 'Low basis' },
        { assetId: bnd.id, kind: 'HOLD', reason: 'Ladder' },
      ],
    }).expect(200);
    await put(leaving, 'substitutes', { substitutes: [{ assetId: vti.id, replacements: [itot.id] }] }).expect(200);
    await put(leaving, 'asset-location', { penalties: [{ assetClass: 'bond', accountType: 'TAXABLE', penaltyPerDollar: '0.01' }] }).expect(200);

    // Still refused while it holds an account: the settings do not count as accounts.
    const notEmpty = await t.http().delete(`/api/v1/households/${leaving}`).set(owner.auth).expect(409);
    expect(notEmpty.body).toMatchObject({ code: 'HOUSEHOLD_NOT_EMPTY', detail: expect.stringContaining('1 account') });
    await t.http().delete(`/api/v1/portfolios/${account}`).set(owner.auth).expect(204);
    await t.http().delete(`/api/v1/households/${leaving}`).set(owner.auth).expect(204);
    for (const table of ['household_restrictions', 'household_substitutes', 'household_location_penalties'])
      expect(await t.dataSource.query(`SELECT count(*)::int AS n FROM ${table} WHERE household_id = $1`, [leaving])).toEqual([{ n: 0 }]);
    await get(leaving, 'restrictions').expect(404);
  });
});
