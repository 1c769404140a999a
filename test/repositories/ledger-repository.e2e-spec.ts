import { Big } from '../../src/common/decimal/decimal';
import { Portfolio } from '../../src/portfolio/entities/portfolio.entity';
import { Position } from '../../src/portfolio/entities/position.entity';
import { RealizedGain } from '../../src/portfolio/entities/realized-gain.entity';
import { TaxLot } from '../../src/portfolio/entities/tax-lot.entity';
import { LedgerRepository } from '../../src/portfolio/ledger.repository';
import { createRepositoryContext, type RepositoryContext } from '../support/repository-context';

describe('LedgerRepository (real PostgreSQL)', () => {
  let ctx: RepositoryContext;
  let ledger: LedgerRepository;

  beforeAll(async () => {
    ctx = await createRepositoryContext();
    ledger = new LedgerRepository(ctx.dataSource);
  });
  afterAll(() => ctx.close());

  it('reads the user’s whole history, across portfolios, and nobody else’s', async () => {
    const owner = await ctx.newUser();
    const stranger = await ctx.newUser();
    const fifo = await ctx.newPortfolio(owner.id);
    const hifo = await ctx.newPortfolio(owner.id, { lotMethod: 'HIFO' });
    const theirs = await ctx.newPortfolio(stranger.id);
    const mine = [await ctx.newTransaction(fifo.id, { amount: new Big(1) }), await ctx.newTransaction(hifo.id, { amount: new Big(2) })];
    await ctx.newTransaction(theirs.id, { amount: new Big(3) });

    const history = await ledger.historyOf(owner.id);
    expect(history.portfolios).toEqual(
      expect.arrayContaining([
        { id: fifo.id, lotMethod: 'FIFO' },
        { id: hifo.id, lotMethod: 'HIFO' },
      ]),
    );
    expect(history.portfolios).toHaveLength(2);
    expect(history.transactions.map((row) => row.id).sort()).toEqual(mine.map((row) => row.id).sort());
    expect(await ledger.historyOf((await ctx.newUser()).id)).toEqual({ portfolios: [], transactions: [] });
  });

  it('names only the user’s portfolios', async () => {
    const owner = await ctx.newUser();
    const stranger = await ctx.newUser();
    const mine = await ctx.newPortfolio(owner.id, { name: 'Mine' });
    const theirs = await ctx.newPortfolio(stranger.id, { name: 'Theirs' });
    const names = await ledger.portfolioNames(owner.id, [mine.id, theirs.id], ctx.dataSource.manager);
    expect([...names]).toEqual([[mine.id, 'Mine']]);
  });

  it('locks the user until the transaction that took the lock ends', async () => {
    const owner = await ctx.newUser();
    let released = false;
    const holder = ctx.dataSource.transaction(async (tx) => {
      await ledger.lockUser(owner.id, tx);
      await new Promise((resolve) => setTimeout(resolve, 300));
      released = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    await ctx.dataSource.transaction((tx) => ledger.lockUser(owner.id, tx));
    expect(released).toBe(true);
    await holder;
  });

  it('replaces the derived rows of the given portfolios with a replay’s result', async () => {
    const owner = await ctx.newUser();
    const portfolio = await ctx.newPortfolio(owner.id);
    const asset = await ctx.newAsset();
    const stale = await ctx.newLot(portfolio.id, asset.id);
    await ctx.newPosition(portfolio.id, asset.id, '10', '1000');
    const buy = await ctx.newTransaction(portfolio.id, { type: 'BUY', assetId: asset.id, quantity: new Big(5), price: new Big(10), fee: new Big(0) });
    const acquiredAt = new Date('2026-01-05T00:00:00Z');
    const lot = (id: string, quantity: string, costBasis: string) => ({
      id,
      portfolioId: portfolio.id,
      assetId: asset.id,
      quantity: new Big(quantity),
      costBasis: new Big(costBasis),
      acquiredAt,
      holdingPeriodStart: acquiredAt,
      washSaleAdjustment: new Big(0),
    });
    await ctx.dataSource.transaction((tx) =>
      ledger.replaceDerivedRows(
        [portfolio.id],
        [
          {
            portfolioId: portfolio.id,
            cash: new Big('12.34'),
            lots: [lot(buy.id, '2', '20'), lot('8b7c1a7e-0000-4000-8000-000000000001', '0.5', '5.05')],
            realizedGains: [
              {
                id: '8b7c1a7e-0000-4000-8000-000000000002',
                portfolioId: portfolio.id,
                sellTransactionId: buy.id,
                lotId: buy.id,
                assetId: asset.id,
                quantity: new Big(3),
                proceeds: new Big(26),
                costBasis: new Big(30),
                gain: new Big(-4),
                washSaleDisallowed: new Big('1.5'),
                washSaleLostForGood: new Big('1.5'),
                reportableGain: new Big('-2.5'),
                acquiredAt,
                disposedAt: new Date('2026-02-01T00:00:00Z'),
                term: 'SHORT',
                // Not what the engine would write for a retirement account's sale; it proves both columns are stored as given.
                taxable: false,
              },
            ],
          },
        ],
        tx,
      ),
    );
    const manager = ctx.dataSource.manager;
    expect((await manager.findOneByOrFail(Portfolio, { id: portfolio.id })).cash.toString()).toBe('12.34');
    const lots = await manager.findBy(TaxLot, { portfolioId: portfolio.id });
    expect(lots.map((row) => row.id)).not.toContain(stale.id);
    expect(lots).toHaveLength(2);
    // The position is the sum of the lots, exactly.
    const [position] = await manager.findBy(Position, { portfolioId: portfolio.id });
    expect([position.quantity.toString(), position.costBasis.toString()]).toEqual(['2.5', '25.05']);
    expect(
      (await manager.findBy(RealizedGain, { portfolioId: portfolio.id })).map((gain) => [
        gain.gain.toString(),
        gain.washSaleLostForGood.toString(),
        gain.taxable,
      ]),
    ).toEqual([['-4', '1.5', false]]);
  });

  it('finds the user’s purchases and loss sales since a date, and nobody else’s', async () => {
    const owner = await ctx.newUser();
    const stranger = await ctx.newUser();
    const portfolio = await ctx.newPortfolio(owner.id);
    const theirs = await ctx.newPortfolio(stranger.id);
    const asset = await ctx.newAsset();
    const trade = { assetId: asset.id, quantity: new Big(1), price: new Big(1), fee: new Big(0) };
    await ctx.newTransaction(portfolio.id, { ...trade, type: 'BUY', executedAt: new Date('2026-01-01T00:00:00Z') });
    await ctx.newTransaction(portfolio.id, { ...trade, type: 'BUY', executedAt: new Date('2026-03-01T00:00:00Z') });
    await ctx.newTransaction(theirs.id, { ...trade, type: 'BUY', executedAt: new Date('2026-03-01T00:00:00Z') });
    const sell = await ctx.newTransaction(portfolio.id, { ...trade, type: 'SELL', executedAt: new Date('2026-03-02T00:00:00Z') });
    await ctx.newGain(portfolio.id, asset.id, sell.id, { gain: new Big(-1), disposedAt: new Date('2026-03-02T00:00:00Z') });
    await ctx.newGain(portfolio.id, asset.id, sell.id, { gain: new Big(1), disposedAt: new Date('2026-03-02T00:00:00Z') });

    const activity = await ledger.washSaleActivity(owner.id, new Date('2026-02-01T00:00:00Z'));
    expect(activity.map(({ kind, at }) => [kind, at.toISOString()]).sort()).toEqual([
      ['BUY', '2026-03-01T00:00:00.000Z'],
      ['LOSS_SALE', '2026-03-02T00:00:00.000Z'],
    ]);
    expect(activity.every((entry) => entry.assetId === asset.id)).toBe(true);
  });
});
