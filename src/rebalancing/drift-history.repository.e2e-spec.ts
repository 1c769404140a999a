import { Big } from '../common/decimal/decimal';
import { givenDefaultHousehold } from '../../test/support/default-household';
import { givenPortfolio, givenUser, openRepositoryWorld, type RepositoryWorld } from '../../test/support/repository-world';
import type { DriftReport } from './domain/drift';
import { DriftHistoryRepository } from './drift-history.repository';

function report(stock: string, bond: string): DriftReport {
  const item = (assetType: string, value: string, target: string) => ({
    assetType,
    currentValue: new Big(value),
    currentPercentage: new Big(value),
    targetPercentage: new Big(target),
    tolerancePercentage: new Big('5'),
    driftPercentage: new Big(value).minus(target),
    driftLevel: 'WITHIN_TOLERANCE' as const,
  });
  return {
    totalValue: new Big(stock).plus(bond),
    status: 'WITHIN_TOLERANCE',
    totalDrift: new Big(0),
    items: [item('stock', stock, '60'), item('bond', bond, '40')],
  };
}

describe('DriftHistoryRepository on PostgreSQL', () => {
  let world: RepositoryWorld;
  let history: DriftHistoryRepository;
  let owner: string;
  let stranger: string;
  let portfolio: string;

  beforeAll(async () => {
    world = await openRepositoryWorld();
    history = new DriftHistoryRepository(world.dataSource);
    owner = await givenUser(world.dataSource, 'owner');
    stranger = await givenUser(world.dataSource, 'stranger');
    portfolio = await givenPortfolio(world.dataSource, owner);
  });
  afterAll(() => world.close());

  it('stores a calculation only when it differs from the latest, and reads the latest facts', async () => {
    const manager = world.dataSource.manager;
    expect(await history.recordChanged(manager, [{ portfolioId: portfolio, report: report('60', '40') }], new Date('2026-01-01T00:00:00Z'))).toBe(1);
    expect(await history.recordChanged(manager, [{ portfolioId: portfolio, report: report('60', '40') }], new Date('2026-01-02T00:00:00Z'))).toBe(0);
    expect(await history.recordChanged(manager, [{ portfolioId: portfolio, report: report('70', '30') }], new Date('2026-01-03T00:00:00Z'))).toBe(1);
    const latest = await history.latestFactsNow([portfolio]);
    expect(
      latest
        .get(portfolio)
        ?.map((fact) => [fact.assetType, fact.currentValue.toFixed()])
        .sort(),
    ).toEqual([
      ['bond', '30'],
      ['stock', '70'],
    ]);
  });

  it("pages the owner's history oldest first, filtered by class and time; none for another user", async () => {
    const all = await history.pageOwned(owner, portfolio, {}, {});
    expect(all.rows.map((point) => [point.calculatedAt.toISOString().slice(0, 10), point.assetType])).toEqual([
      ['2026-01-01', 'bond'],
      ['2026-01-01', 'stock'],
      ['2026-01-03', 'bond'],
      ['2026-01-03', 'stock'],
    ]);
    expect((await history.pageOwned(owner, portfolio, { assetType: 'stock' }, {})).rows).toHaveLength(2);
    expect((await history.pageOwned(owner, portfolio, { from: new Date('2026-01-02T00:00:00Z') }, {})).rows).toHaveLength(2);
    expect((await history.pageOwned(owner, portfolio, { to: new Date('2026-01-02T00:00:00Z') }, {})).rows).toHaveLength(2);
    expect((await history.pageOwned(owner, portfolio, {}, { limit: 3 })).nextCursor).not.toBeNull();
    expect((await history.pageOwned(stranger, portfolio, {}, {})).rows).toEqual([]);
  });

  it("keeps a household's history apart from its accounts', stored only on a change and paged for its owner only", async () => {
    const manager = world.dataSource.manager;
    const household = await givenDefaultHousehold(world.dataSource, owner);
    const at = (day: string) => new Date(`2026-02-${day}T00:00:00Z`);
    expect(await history.recordHouseholdChanged(manager, [{ householdId: household, report: report('55', '45') }], at('01'))).toBe(1);
    expect(await history.recordHouseholdChanged(manager, [{ householdId: household, report: report('55', '45') }], at('02'))).toBe(0);
    expect(await history.recordHouseholdChanged(manager, [{ householdId: household, report: report('66', '34') }], at('03'))).toBe(1);
    const latest = await history.latestHouseholdFacts([household]);
    expect(latest.get(household)?.map((fact) => [fact.assetType, fact.currentValue.toFixed()])).toEqual(
      expect.arrayContaining([
        ['bond', '34'],
        ['stock', '66'],
      ]),
    );
    // The portfolio's series (same user, same household) is untouched by the household's points.
    expect((await history.pageOwned(owner, portfolio, { from: at('01') }, {})).rows).toEqual([]);
    const page = await history.pageOwnedOfHousehold(owner, household, {}, {});
    expect(page.rows.map((point) => [point.calculatedAt.toISOString().slice(0, 10), point.assetType, point.currentValue.toFixed()])).toEqual([
      ['2026-02-01', 'bond', '45'],
      ['2026-02-01', 'stock', '55'],
      ['2026-02-03', 'bond', '34'],
      ['2026-02-03', 'stock', '66'],
    ]);
    expect((await history.pageOwnedOfHousehold(owner, household, { assetType: 'bond', from: at('02') }, {})).rows.map((p) => p.currentValue.toFixed())).toEqual(
      ['34'],
    );
    expect((await history.pageOwnedOfHousehold(stranger, household, {}, {})).rows).toEqual([]);
  });
});
