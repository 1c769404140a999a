import { Big } from '../../src/common/decimal/decimal';
import { Household } from '../../src/portfolio/entities/household.entity';
import { HouseholdRepository } from '../../src/portfolio/household.repository';
import { createRepositoryContext, type RepositoryContext } from '../support/repository-context';

describe('HouseholdRepository (real PostgreSQL)', () => {
  let ctx: RepositoryContext;
  let households: HouseholdRepository;
  const settings = { shortTermRate: new Big(37), longTermRate: new Big(20), autoRebalance: 'OFF' as const };

  beforeAll(async () => {
    ctx = await createRepositoryContext();
    households = new HouseholdRepository(ctx.dataSource);
  });
  afterAll(() => ctx.close());

  it('finds a household for its owner and for nobody else, and filters the owner’s page by externalId', async () => {
    const owner = await ctx.newUser();
    const stranger = await ctx.newUser();
    const mine = await households.insert({ userId: owner.id, name: 'Mine', externalId: 'c-1', ...settings });
    await households.insert({ userId: stranger.id, name: 'Theirs', externalId: 'c-1', ...settings });
    await households.insert({ userId: owner.id, name: 'Other', externalId: null, ...settings });
    expect((await households.findOwned(owner.id, mine.id))?.name).toBe('Mine');
    expect(await households.findOwned(stranger.id, mine.id)).toBeNull();
    expect((await households.pageOwned(owner.id, { externalId: 'c-1' })).rows.map((h) => h.id)).toEqual([mine.id]);
    expect((await households.pageOwned(owner.id, {})).rows.map((h) => h.name)).toEqual(['Mine', 'Other']);
  });

  it('locks a household for its owner only, holding the row until the transaction ends', async () => {
    const owner = await ctx.newUser();
    const stranger = await ctx.newUser();
    const household = await households.insert({ userId: owner.id, name: 'Locked', externalId: null, ...settings });
    await ctx.dataSource.transaction(async (first) => {
      expect((await households.lockOwned(owner.id, household.id, first))?.id).toBe(household.id);
      expect(await households.lockOwned(stranger.id, household.id, first)).toBeNull();
      // NOWAIT: the row is held, so another transaction's lock fails at once instead of waiting.
      await expect(
        ctx.dataSource.transaction((second) => second.query('SELECT 1 FROM households WHERE id = $1 FOR UPDATE NOWAIT', [household.id])),
      ).rejects.toMatchObject({ driverError: { code: '55P03' } });
    });
    await ctx.dataSource.transaction((after) => after.query('SELECT 1 FROM households WHERE id = $1 FOR UPDATE NOWAIT', [household.id]));
  });

  it('creates one default household when two transactions ask for it at once', async () => {
    const owner = await ctx.newUser();
    const [a, b] = await Promise.all([
      ctx.dataSource.transaction((tx) => households.defaultOf(owner.id, tx)),
      ctx.dataSource.transaction((tx) => households.defaultOf(owner.id, tx)),
    ]);
    expect(a.id).toBe(b.id);
    expect(await ctx.dataSource.manager.countBy(Household, { userId: owner.id })).toBe(1);
    expect((await households.defaultOf(owner.id)).id).toBe(a.id);
  });

  it('refuses to delete a household an account still points at, and counts its accounts', async () => {
    const owner = await ctx.newUser();
    const household = await households.insert({ userId: owner.id, name: 'Held', externalId: null, ...settings });
    await ctx.newPortfolio(owner.id, { householdId: household.id });
    expect(await households.countAccounts(household.id)).toBe(1);
    await expect(ctx.dataSource.transaction((tx) => households.delete(household.id, tx))).rejects.toMatchObject({ driverError: { code: '23503' } });
  });
});
