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

  it('reads a portfolio with its priced positions, open lots and its household’s recent wash-sale activity in one statement', async () => {
    const owner = await ctx.newUser();
    const stranger = await ctx.newUser();
    const portfolio = await ctx.newPortfolio(owner.id, { name: 'Taxable', cash: new Big('100.5') });
    const sibling = await ctx.newPortfolio(owner.id);
    const theirs = await ctx.newPortfolio(stranger.id);
    // The same owner's account in another household (another client of a partner) is another taxpayer.
    const [{ id: otherHousehold }] = await ctx.dataSource.query<Array<{ id: string }>>('INSERT INTO households (user_id, name) VALUES ($1, $2) RETURNING id', [
      owner.id,
      'Another client',
    ]);
    const otherClient = await ctx.newPortfolio(owner.id, { householdId: otherHousehold });
    const ira = await ctx.newPortfolio(owner.id, { accountType: 'TAX_DEFERRED' });
    const priced = await ctx.newAsset({ symbol: `A${Date.now()}` });
    const unpriced = await ctx.newAsset({ symbol: `B${Date.now()}` });
    await ctx.newPrice(priced.id, '10', '2026-01-01T00:00:00Z');
    await ctx.newPrice(priced.id, '12.25', '2026-02-01T00:00:00Z');
    await ctx.newPosition(portfolio.id, priced.id, '3', '30.03');
    await ctx.newPosition(portfolio.id, unpriced.id, '1', '7');
    const newer = await ctx.newLot(portfolio.id, priced.id, {
      quantity: new Big(1),
      costBasis: new Big('10.01'),
      acquiredAt: new Date('2025-01-01T00:00:00.123Z'),
      holdingPeriodStart: new Date('2024-12-01T00:00:00Z'),
    });
    const older = await ctx.newLot(portfolio.id, priced.id, {
      quantity: new Big(2),
      costBasis: new Big('20.02'),
      acquiredAt: new Date('2024-06-01T00:00:00Z'),
      holdingPeriodStart: new Date('2024-06-01T00:00:00Z'),
      washSaleAdjustment: new Big('0.5'),
    });
    const trade = { assetId: priced.id, quantity: new Big(1), price: new Big(1), fee: new Big(0) };
    // Before the window, in another taxpayer's portfolio: neither counts. A purchase in the owner's other portfolio does.
    await ctx.newTransaction(portfolio.id, { ...trade, type: 'BUY', executedAt: new Date('2026-01-01T00:00:00Z') });
    await ctx.newTransaction(theirs.id, { ...trade, type: 'BUY', executedAt: new Date('2026-03-01T00:00:00Z') });
    await ctx.newTransaction(sibling.id, { ...trade, type: 'BUY', executedAt: new Date('2026-03-01T00:00:00Z') });
    await ctx.newTransaction(otherClient.id, { ...trade, type: 'BUY', executedAt: new Date('2026-03-05T00:00:00Z') });
    // A loss inside an IRA realizes nothing, so no wash sale can follow it.
    const iraSale = await ctx.newTransaction(ira.id, { ...trade, type: 'SELL', executedAt: new Date('2026-03-06T00:00:00Z') });
    await ctx.newGain(ira.id, priced.id, iraSale.id, { gain: new Big(-3), taxable: false, disposedAt: new Date('2026-03-06T00:00:00Z') });
    const sell = await ctx.newTransaction(portfolio.id, { ...trade, type: 'SELL', executedAt: new Date('2026-03-02T00:00:00Z') });
    await ctx.newGain(portfolio.id, priced.id, sell.id, { gain: new Big(-1), disposedAt: new Date('2026-03-02T00:00:00Z') });
    await ctx.newGain(portfolio.id, priced.id, sell.id, { gain: new Big(1), disposedAt: new Date('2026-03-02T00:00:00Z') });

    // Another module's column over the found row comes in the same statement.
    const positionCount = { name: 'spec-position-count', sql: 'SELECT count(*)::int FROM positions p WHERE p.portfolio_id = portfolio.id', read: Number };
    const read = await portfolios.findOwnedWithHoldings(owner.id, portfolio.id, new Date('2026-02-01T00:00:00Z'), positionCount);
    expect(read?.alongside).toBe(2);
    expect(read?.portfolio).toMatchObject({ id: portfolio.id, name: 'Taxable' });
    expect(read?.portfolio.cash.toString()).toBe('100.5');
    // Read by hand, not by TypeORM: the very entity findOwned loads, every column included.
    expect(read?.portfolio).toEqual(await portfolios.findOwned(owner.id, portfolio.id));
    expect(
      read?.positions.map(({ asset, position, current }) => [
        asset.symbol,
        position.quantity.toString(),
        position.costBasis.toString(),
        current?.price.toString(),
        current?.asOf.toISOString(),
      ]),
    ).toEqual([
      [priced.symbol, '3', '30.03', '12.25', '2026-02-01T00:00:00.000Z'],
      [unpriced.symbol, '1', '7', undefined, undefined],
    ]);
    expect(
      read?.lots.map((lot) => [
        lot.id,
        lot.quantity.toString(),
        lot.costBasis.toString(),
        lot.acquiredAt.toISOString(),
        lot.holdingPeriodStart.toISOString(),
        lot.washSaleAdjustment.toString(),
      ]),
    ).toEqual([
      [older.id, '2', '20.02', '2024-06-01T00:00:00.000Z', '2024-06-01T00:00:00.000Z', '0.5'],
      [newer.id, '1', '10.01', '2025-01-01T00:00:00.123Z', '2024-12-01T00:00:00.000Z', '0'],
    ]);
    expect(read?.recentActivity.map(({ assetId, kind, at }) => [assetId, kind, at.toISOString()]).sort()).toEqual([
      [priced.id, 'BUY', '2026-03-01T00:00:00.000Z'],
      [priced.id, 'LOSS_SALE', '2026-03-02T00:00:00.000Z'],
    ]);
    expect(await portfolios.findOwnedWithHoldings(stranger.id, portfolio.id, new Date('2026-02-01T00:00:00Z'), positionCount)).toBeNull();
  });

  it('reads a portfolio by id for the system, whoever owns it, and null once it is gone', async () => {
    const owner = await ctx.newUser();
    const portfolio = await ctx.newPortfolio(owner.id, { cash: new Big('12.5') });
    expect((await portfolios.findById(portfolio.id))?.cash.toFixed()).toBe('12.5');
    await portfolios.delete(portfolio.id, ctx.dataSource.manager);
    expect(await portfolios.findById(portfolio.id)).toBeNull();
  });
});
