import { Big } from '../../src/common/decimal/decimal';
import { PortfolioRepository } from '../../src/portfolio/portfolio.repository';
import { Portfolio } from '../../src/portfolio/entities/portfolio.entity';
import { givenDefaultHousehold } from '../support/default-household';
import { createRepositoryContext, type RepositoryContext } from '../support/repository-context';

describe('PortfolioRepository (real PostgreSQL)', () => {
  let ctx: RepositoryContext;
  let portfolios: PortfolioRepository;

  beforeAll(async () => {
    ctx = await createRepositoryContext();
    portfolios = new PortfolioRepository(ctx.dataSource);
  });
  afterAll(() => ctx.close());

  it('finds a portfolio for its owner and for nobody else', async () => {
    const owner = await ctx.newUser();
    const stranger = await ctx.newUser();
    const portfolio = await ctx.newPortfolio(owner.id, { name: 'Retirement' });
    expect((await portfolios.findOwned(owner.id, portfolio.id))?.name).toBe('Retirement');
    expect(await portfolios.findOwned(stranger.id, portfolio.id)).toBeNull();
  });

  it('pages only the owner’s portfolios, oldest first', async () => {
    const owner = await ctx.newUser();
    const stranger = await ctx.newUser();
    const first = await ctx.newPortfolio(owner.id, { name: 'first' });
    await ctx.newPortfolio(stranger.id, { name: 'not yours' });
    const second = await ctx.newPortfolio(owner.id, { name: 'second' });
    const page = await portfolios.pageOwned(owner.id, { limit: 1 });
    expect(page.rows.map((p) => p.id)).toEqual([first.id]);
    const next = await portfolios.pageOwned(owner.id, { limit: 1, cursor: page.nextCursor! });
    expect(next.rows.map((p) => p.id)).toEqual([second.id]);
    expect(next.nextCursor).toBeNull();
  });

  it('inserts a portfolio, then saves its changes inside a transaction', async () => {
    const owner = await ctx.newUser();
    const householdId = await givenDefaultHousehold(ctx.dataSource, owner.id);
    const created = await portfolios.insert({
      userId: owner.id,
      householdId,
      accountType: 'TAX_DEFERRED',
      externalId: 'ira-1',
      name: 'new',
      baseCurrency: 'USD',
      lotMethod: 'LIFO',
      autoRebalance: 'OFF',
      rebalanceOptions: null,
      untargetedTolerancePercentage: new Big('2.5'),
      cash: new Big(0),
    });
    expect([created.untargetedTolerancePercentage.toString(), created.createdAt instanceof Date]).toEqual(['2.5', true]);
    created.name = 'renamed';
    const saved = await ctx.dataSource.transaction((tx) => portfolios.save(created, tx));
    expect(saved.updatedAt.getTime()).toBeGreaterThanOrEqual(created.createdAt.getTime());
    const stored = await ctx.dataSource.manager.findOneByOrFail(Portfolio, { id: created.id });
    expect([stored.name, stored.lotMethod, stored.householdId, stored.accountType, stored.externalId]).toEqual([
      'renamed',
      'LIFO',
      householdId,
      'TAX_DEFERRED',
      'ira-1',
    ]);
  });

  it('deletes a portfolio', async () => {
    const owner = await ctx.newUser();
    const portfolio = await ctx.newPortfolio(owner.id);
    await ctx.dataSource.transaction((tx) => portfolios.delete(portfolio.id, tx));
    expect(await portfolios.findOwned(owner.id, portfolio.id)).toBeNull();
  });
});
