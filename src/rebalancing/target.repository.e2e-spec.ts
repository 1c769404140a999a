import { Big } from '../common/decimal/decimal';
import { givenAsset, givenPortfolio, givenTargets, givenUser, openRepositoryWorld, type RepositoryWorld } from '../../test/support/repository-world';
import { TargetAllocation } from './entities/target-allocation.entity';
import { PortfolioRepository } from '../portfolio/portfolio.repository';
import { TARGETS_ALONGSIDE_PORTFOLIO, TargetRepository } from './target.repository';

describe('TargetRepository on PostgreSQL', () => {
  let world: RepositoryWorld;
  let targets: TargetRepository;
  let owner: string;

  beforeAll(async () => {
    world = await openRepositoryWorld();
    targets = new TargetRepository(world.dataSource);
    owner = await givenUser(world.dataSource);
  });
  afterAll(() => world.close());

  it("reads a portfolio's targets by class, and none of another portfolio's", async () => {
    const portfolio = await givenPortfolio(world.dataSource, owner);
    const other = await givenPortfolio(world.dataSource, owner);
    await givenTargets(world.dataSource, portfolio, { stock: '60', bond: '40' });
    await givenTargets(world.dataSource, other, { cash: '100' });
    const read = await targets.ofPortfolio(portfolio);
    expect(read.map((target) => [target.assetType, target.targetPercentage.toFixed()])).toEqual([
      ['bond', '40'],
      ['stock', '60'],
    ]);
  });

  it("reads the same targets as a column of the portfolio's planning read, and none for a portfolio without", async () => {
    const portfolios = new PortfolioRepository(world.dataSource);
    const portfolio = await givenPortfolio(world.dataSource, owner);
    const bare = await givenPortfolio(world.dataSource, owner);
    const bond = await givenAsset(world.dataSource, 'bond');
    await world.dataSource.transaction((tx) =>
      targets.replace(tx, portfolio, [
        { assetType: 'stock', targetPercentage: new Big('62.5'), tolerancePercentage: new Big('5'), relativeTolerancePercentage: null, preferredAssetId: null },
        {
          assetType: 'bond',
          targetPercentage: new Big('37.5'),
          tolerancePercentage: new Big('2.25'),
          relativeTolerancePercentage: new Big('25'),
          preferredAssetId: bond,
        },
      ]),
    );
    const since = new Date('2026-01-01T00:00:00Z');
    const read = await portfolios.findOwnedWithHoldings(owner, portfolio, since, TARGETS_ALONGSIDE_PORTFOLIO);
    expect(read?.alongside.map((target) => [target.assetType, target.targetPercentage.toFixed(), target.tolerancePercentage.toFixed()])).toEqual([
      ['bond', '37.5', '2.25'],
      ['stock', '62.5', '5'],
    ]);
    // Every column, times to the millisecond, as ofPortfolio (and so TypeORM) reads them.
    expect(read?.alongside).toEqual(await targets.ofPortfolio(portfolio));
    expect((await portfolios.findOwnedWithHoldings(owner, bare, since, TARGETS_ALONGSIDE_PORTFOLIO))?.alongside).toEqual([]);
  });

  it("replaces the whole set in the caller's transaction, and empties it", async () => {
    const portfolio = await givenPortfolio(world.dataSource, owner);
    await givenTargets(world.dataSource, portfolio, { stock: '100' });
    const bond = await givenAsset(world.dataSource, 'bond');
    await world.dataSource.transaction((tx) =>
      targets.replace(tx, portfolio, [
        {
          assetType: 'bond',
          targetPercentage: new Big('30'),
          tolerancePercentage: new Big('2'),
          relativeTolerancePercentage: new Big('25'),
          preferredAssetId: bond,
        },
        { assetType: 'cash', targetPercentage: new Big('70'), tolerancePercentage: new Big('5'), relativeTolerancePercentage: null, preferredAssetId: null },
      ]),
    );
    const read = await targets.ofPortfolio(portfolio);
    expect(read.map((target) => [target.assetType, target.relativeTolerancePercentage?.toFixed() ?? null, target.preferredAssetId])).toEqual([
      ['bond', '25', bond],
      ['cash', null, null],
    ]);
    // Built by hand from a prepared statement: the very entities TypeORM loads, every column included.
    expect(read).toEqual(await world.dataSource.manager.find(TargetAllocation, { where: { portfolioId: portfolio }, order: { assetType: 'ASC' } }));
    // Inside a transaction it reads what the transaction sees.
    await expect(
      world.dataSource.transaction(async (tx) => {
        await targets.replace(tx, portfolio, []);
        expect(await targets.ofPortfolio(portfolio, tx)).toEqual([]);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await targets.ofPortfolio(portfolio)).toHaveLength(2);
    await world.dataSource.transaction((tx) => targets.replace(tx, portfolio, []));
    expect(await targets.ofPortfolio(portfolio)).toEqual([]);
  });

  it("keeps a household's set apart from its accounts' sets, and replaces it as a whole", async () => {
    const [{ id: household }] = await world.dataSource.query<Array<{ id: string }>>("INSERT INTO households (user_id, name) VALUES ($1, 'H') RETURNING id", [
      owner,
    ]);
    const account = await givenPortfolio(world.dataSource, owner);
    await world.dataSource.query('UPDATE portfolios SET household_id = $1 WHERE id = $2', [household, account]);
    await givenTargets(world.dataSource, account, { cash: '100' });
    const row = (assetType: string, percentage: string) => ({
      assetType,
      targetPercentage: new Big(percentage),
      tolerancePercentage: new Big('5'),
      relativeTolerancePercentage: null,
      preferredAssetId: null,
    });
    await world.dataSource.transaction((tx) => targets.replaceOfHousehold(tx, household, [row('stock', '70'), row('bond', '30')]));
    await world.dataSource.transaction((tx) => targets.replaceOfHousehold(tx, household, [row('stock', '60'), row('bond', '40')]));
    const read = await targets.ofHousehold(household);
    expect(read.map((target) => [target.householdId, target.assetType, target.targetPercentage.toFixed()])).toEqual([
      [household, 'bond', '40'],
      [household, 'stock', '60'],
    ]);
    expect((await targets.ofPortfolio(account)).map((target) => target.assetType)).toEqual(['cash']);
    await world.dataSource.transaction((tx) => targets.replaceOfHousehold(tx, household, []));
    expect(await targets.ofHousehold(household)).toEqual([]);
  });
});
