import { Big } from '../common/decimal/decimal';
import { givenDefaultHousehold } from '../../test/support/default-household';
import { givenAsset, givenPortfolio, givenUser, openRepositoryWorld, type RepositoryWorld } from '../../test/support/repository-world';
import type { Tx } from '../database/unit-of-work';
import { HouseholdPreferencesRepository } from './household-preferences.repository';

describe('HouseholdPreferencesRepository on PostgreSQL', () => {
  let world: RepositoryWorld;
  let preferences: HouseholdPreferencesRepository;
  let owner: string;
  let household: string;
  let account: string;
  let stock: string;
  let fund: string;
  let bond: string;

  const inTransaction = <T>(work: (tx: Tx) => Promise<T>) => world.dataSource.transaction(work);
  const count = async (table: string, householdId: string) =>
    (await world.dataSource.query<Array<{ n: number }>>(`SELECT count(*)::int AS n FROM ${table} WHERE household_id = $1`, [householdId]))[0].n;

  beforeAll(async () => {
    world = await openRepositoryWorld();
    preferences = new HouseholdPreferencesRepository(world.dataSource);
    owner = await givenUser(world.dataSource);
    account = await givenPortfolio(world.dataSource, owner);
    household = await givenDefaultHousehold(world.dataSource, owner);
    stock = await givenAsset(world.dataSource, 'stock');
    fund = await givenAsset(world.dataSource, 'stock');
    bond = await givenAsset(world.dataSource, 'bond');
  });
  afterAll(() => world.close());

  it('replaces the restrictions as one set and reads them by asset, the household-wide row first', async () => {
    await inTransaction((tx) =>
      preferences.replaceRestrictions(
        household,
        [
          { assetId: stock, accountId: account, kind: 'DO_NOT_SELL', reason: 'Low basis' },
          { assetId: stock, accountId: null, kind: 'DO_NOT_BUY', reason: 'Concentrated already' },
          { assetId: bond, accountId: null, kind: 'HOLD', reason: 'Ladder' },
        ],
        tx,
      ),
    );
    const read = await preferences.restrictionsOf(household);
    // By asset id (random), and within the stock the household-wide rule before the account's: a stable sort keeps that order.
    const expected = [
      [stock, null, 'DO_NOT_BUY'],
      [stock, account, 'DO_NOT_SELL'],
      [bond, null, 'HOLD'],
    ].sort((a, b) => (a[0] === b[0] ? 0 : (a[0] as string) < (b[0] as string) ? -1 : 1));
    expect(read.map((row) => [row.assetId, row.accountId, row.kind])).toEqual(expected);
    await inTransaction((tx) => preferences.replaceRestrictions(household, [{ assetId: bond, accountId: null, kind: 'DO_NOT_BUY', reason: 'Sold out' }], tx));
    expect((await preferences.restrictionsOf(household)).map((row) => [row.assetId, row.kind, row.reason])).toEqual([[bond, 'DO_NOT_BUY', 'Sold out']]);
    await inTransaction((tx) => preferences.replaceRestrictions(household, [], tx));
    expect(await preferences.restrictionsOf(household)).toEqual([]);
  });

  it('keeps one household-wide rule per asset and one per asset and account, whatever the service checked', async () => {
    const wide = { assetId: stock, accountId: null, kind: 'HOLD' as const, reason: 'x' };
    await expect(inTransaction((tx) => preferences.replaceRestrictions(household, [wide, wide], tx))).rejects.toMatchObject({
      driverError: { code: '23505', constraint: 'UQ_household_restrictions_household_wide' },
    });
    const inAccount = { ...wide, accountId: account };
    await expect(inTransaction((tx) => preferences.replaceRestrictions(household, [inAccount, inAccount], tx))).rejects.toMatchObject({
      driverError: { code: '23505', constraint: 'UQ_household_restrictions_account' },
    });
    await inTransaction((tx) => preferences.replaceRestrictions(household, [wide, inAccount], tx));
    expect(await preferences.restrictionsOf(household)).toHaveLength(2);
  });

  it('keeps substitute lists in rank order and refuses an asset as its own substitute', async () => {
    await inTransaction((tx) =>
      preferences.replaceSubstitutes(
        household,
        [
          { assetId: stock, replacements: [fund, bond] },
          { assetId: fund, replacements: [stock] },
        ],
        tx,
      ),
    );
    const read = await preferences.substitutesOf(household);
    expect(Object.fromEntries(read.map((list) => [list.assetId, list.replacements]))).toEqual({ [stock]: [fund, bond], [fund]: [stock] });
    expect(read.map((list) => list.assetId)).toEqual([stock, fund].sort());
    await expect(inTransaction((tx) => preferences.replaceSubstitutes(household, [{ assetId: stock, replacements: [stock] }], tx))).rejects.toMatchObject({
      driverError: { code: '23514', constraint: 'CHK_household_substitutes_not_itself' },
    });
    expect(await preferences.substitutesOf(household)).toEqual(read);
  });

  it('stores penalties exactly, and an empty table means the default again', async () => {
    await inTransaction((tx) =>
      preferences.replaceLocationPenalties(
        household,
        [
          { assetClass: 'bond', accountType: 'TAXABLE', penaltyPerDollar: new Big('0.004') },
          { assetClass: 'bond', accountType: 'TAX_EXEMPT', penaltyPerDollar: new Big('0.000001') },
          { assetClass: 'reit', accountType: 'TAXABLE', penaltyPerDollar: new Big('1') },
        ],
        tx,
      ),
    );
    const read = await preferences.locationPenaltiesOf(household);
    expect(read.map((cell) => [cell.assetClass, cell.accountType, cell.penaltyPerDollar.toFixed()])).toEqual([
      ['bond', 'TAXABLE', '0.004'],
      ['bond', 'TAX_EXEMPT', '0.000001'],
      ['reit', 'TAXABLE', '1'],
    ]);
    await inTransaction((tx) => preferences.replaceLocationPenalties(household, [], tx));
    expect(await preferences.locationPenaltiesOf(household)).toEqual([]);
  });

  it('drops an account’s rules with the account, everything with the household, and keeps an asset a rule names', async () => {
    const user = await givenUser(world.dataSource, 'leaving');
    const leaving = await givenPortfolio(world.dataSource, user);
    const home = await givenDefaultHousehold(world.dataSource, user);
    await inTransaction(async (tx) => {
      await preferences.replaceRestrictions(
        home,
        [
          { assetId: stock, accountId: leaving, kind: 'DO_NOT_SELL', reason: 'Employer stock' },
          { assetId: bond, accountId: null, kind: 'HOLD', reason: 'Ladder' },
        ],
        tx,
      );
      await preferences.replaceSubstitutes(home, [{ assetId: stock, replacements: [fund] }], tx);
      await preferences.replaceLocationPenalties(home, [{ assetClass: 'stock', accountType: 'TAXABLE', penaltyPerDollar: new Big('0.001') }], tx);
    });
    // Refused by the ON DELETE RESTRICT key: PostgreSQL 15 reports it as 23503 (foreign_key_violation),
    // 18 as 23001 (restrict_violation); either way the asset stays.
    const refused = await world.dataSource.query('DELETE FROM assets WHERE id = $1', [fund]).then(
      () => null,
      (error: { driverError?: { code?: string } }) => error.driverError?.code,
    );
    expect(['23503', '23001']).toContain(refused);
    expect(await world.dataSource.query('SELECT 1 FROM assets WHERE id = $1', [fund])).toHaveLength(1);

    await world.dataSource.query('DELETE FROM portfolios WHERE id = $1', [leaving]);
    expect((await preferences.restrictionsOf(home)).map((row) => row.assetId)).toEqual([bond]);

    await world.dataSource.query('DELETE FROM households WHERE id = $1', [home]);
    for (const table of ['household_restrictions', 'household_substitutes', 'household_location_penalties']) expect(await count(table, home)).toBe(0);
  });
});
