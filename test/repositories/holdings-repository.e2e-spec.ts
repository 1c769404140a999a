import { Big } from '../../src/common/decimal/decimal';
import { HoldingsRepository } from '../../src/portfolio/holdings.repository';
import { createRepositoryContext, type RepositoryContext } from '../support/repository-context';

describe('HoldingsRepository (real PostgreSQL)', () => {
  let ctx: RepositoryContext;
  let holdings: HoldingsRepository;

  beforeAll(async () => {
    ctx = await createRepositoryContext();
    holdings = new HoldingsRepository(ctx.dataSource);
  });
  afterAll(() => ctx.close());

  it('lists a portfolio’s open lots oldest first', async () => {
    const owner = await ctx.newUser();
    const portfolio = await ctx.newPortfolio(owner.id);
    const asset = await ctx.newAsset();
    const newer = await ctx.newLot(portfolio.id, asset.id, { acquiredAt: new Date('2026-02-01T00:00:00Z') });
    const older = await ctx.newLot(portfolio.id, asset.id, { acquiredAt: new Date('2026-01-01T00:00:00Z') });
    expect((await holdings.openLots(portfolio.id)).map((lot) => lot.id)).toEqual([older.id, newer.id]);
  });

  it('pages lots with their asset for the owner, and none for anyone else', async () => {
    const owner = await ctx.newUser();
    const stranger = await ctx.newUser();
    const portfolio = await ctx.newPortfolio(owner.id);
    const asset = await ctx.newAsset({ symbol: 'LOTS' });
    await ctx.newLot(portfolio.id, asset.id, { acquiredAt: new Date('2026-01-01T00:00:00Z') });
    await ctx.newLot(portfolio.id, asset.id, { acquiredAt: new Date('2026-02-01T00:00:00Z') });
    const page = await holdings.lotPage(owner.id, portfolio.id, { limit: 1 });
    expect(page.rows).toHaveLength(1);
    expect(page.rows[0].asset?.symbol).toBe('LOTS');
    expect((await holdings.lotPage(owner.id, portfolio.id, { limit: 1, cursor: page.nextCursor! })).nextCursor).toBeNull();
    expect((await holdings.lotPage(stranger.id, portfolio.id, {})).rows).toEqual([]);
  });

  it('pages realized gains in a disposal range and sums them by term, exactly, for the owner only', async () => {
    const owner = await ctx.newUser();
    const stranger = await ctx.newUser();
    const portfolio = await ctx.newPortfolio(owner.id);
    const asset = await ctx.newAsset();
    const sell = await ctx.newTransaction(portfolio.id, { type: 'SELL', assetId: asset.id, quantity: new Big(3), price: new Big(1), fee: new Big(0) });
    const march = new Date('2026-03-02T15:00:00Z');
    await ctx.newGain(portfolio.id, asset.id, sell.id, { term: 'LONG', gain: new Big('0.1'), reportableGain: new Big('0.1'), disposedAt: march });
    await ctx.newGain(portfolio.id, asset.id, sell.id, { term: 'LONG', gain: new Big('0.2'), reportableGain: new Big('0.2'), disposedAt: march });
    await ctx.newGain(portfolio.id, asset.id, sell.id, {
      term: 'SHORT',
      gain: new Big('-5'),
      reportableGain: new Big('-5'),
      disposedAt: new Date('2026-06-01T00:00:00Z'),
    });

    const march2026 = { from: new Date('2026-03-01T00:00:00Z'), to: new Date('2026-03-31T00:00:00Z') };
    expect((await holdings.gainPage(owner.id, portfolio.id, march2026, {})).rows).toHaveLength(2);
    const sums = await holdings.gainSumsByTerm(owner.id, portfolio.id, march2026);
    expect(sums.get('LONG')?.gain.toString()).toBe('0.3');
    expect(sums.has('SHORT')).toBe(false);
    expect((await holdings.gainSumsByTerm(owner.id, portfolio.id, {})).get('SHORT')?.reportableGain.toString()).toBe('-5');

    expect((await holdings.gainPage(stranger.id, portfolio.id, {}, {})).rows).toEqual([]);
    expect((await holdings.gainSumsByTerm(stranger.id, portfolio.id, {})).size).toBe(0);
  });
});
