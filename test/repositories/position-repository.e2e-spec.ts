import { PositionRepository } from '../../src/portfolio/position.repository';
import { createRepositoryContext, type RepositoryContext } from '../support/repository-context';

describe('PositionRepository (real PostgreSQL)', () => {
  let ctx: RepositoryContext;
  let positions: PositionRepository;

  beforeAll(async () => {
    ctx = await createRepositoryContext();
    positions = new PositionRepository(ctx.dataSource);
  });
  afterAll(() => ctx.close());

  it('values each position with its asset’s newest price, by symbol; an unpriced one has none', async () => {
    const owner = await ctx.newUser();
    const portfolio = await ctx.newPortfolio(owner.id);
    const other = await ctx.newPortfolio(owner.id);
    const bond = await ctx.newAsset({ symbol: 'VBOND', assetType: 'bond' });
    const stock = await ctx.newAsset({ symbol: 'ASTOCK' });
    await ctx.newPrice(bond.id, '70.1', '2026-01-01T00:00:00Z');
    await ctx.newPrice(bond.id, '72.40', '2026-02-01T00:00:00Z');
    await ctx.newPosition(portfolio.id, bond.id, '3', '210');
    await ctx.newPosition(portfolio.id, stock.id, '0.5', '50.25');
    await ctx.newPosition(other.id, stock.id, '99', '99');

    const valued = await positions.valueWithNewestPrices(portfolio.id);
    expect(valued.map(({ asset }) => asset.symbol)).toEqual(['ASTOCK', 'VBOND']);
    expect(valued[0].current).toBeUndefined();
    expect(valued[0].position.quantity.toString()).toBe('0.5');
    expect(valued[1].current?.price.toString()).toBe('72.4');
    expect(valued[1].current?.asOf.toISOString()).toBe('2026-02-01T00:00:00.000Z');
    expect(valued[1].asset.assetType).toBe('bond');
  });

  it('names the portfolios holding an asset only when they have targets', async () => {
    const owner = await ctx.newUser();
    const targeted = await ctx.newPortfolio(owner.id);
    const untargeted = await ctx.newPortfolio(owner.id);
    const asset = await ctx.newAsset();
    await ctx.newPosition(targeted.id, asset.id, '1', '1');
    await ctx.newPosition(untargeted.id, asset.id, '1', '1');
    await ctx.dataSource.query(
      "INSERT INTO target_allocations (portfolio_id, asset_type, target_percentage, tolerance_percentage) VALUES ($1, 'stock', 100, 5)",
      [targeted.id],
    );
    expect(await positions.holdersWithTargets([asset.id])).toEqual([targeted.id]);
  });

  it('names a holder without targets of its own when its household has targets: the re-check covers the household', async () => {
    const owner = await ctx.newUser();
    const [{ id: household }] = await ctx.dataSource.query<Array<{ id: string }>>(
      "INSERT INTO households (user_id, name) VALUES ($1, 'Targeted household') RETURNING id",
      [owner.id],
    );
    const inHousehold = await ctx.newPortfolio(owner.id, { householdId: household });
    const elsewhere = await ctx.newPortfolio(owner.id);
    const asset = await ctx.newAsset();
    await ctx.newPosition(inHousehold.id, asset.id, '1', '1');
    await ctx.newPosition(elsewhere.id, asset.id, '1', '1');
    await ctx.dataSource.query(
      "INSERT INTO household_target_allocations (household_id, asset_type, target_percentage, tolerance_percentage) VALUES ($1, 'stock', 100, 5)",
      [household],
    );
    expect(await positions.holdersWithTargets([asset.id])).toEqual([inHousehold.id]);
  });
});
