import { Big } from '../../src/common/decimal/decimal';
import { Portfolio } from '../../src/portfolio/entities/portfolio.entity';
import { Position } from '../../src/portfolio/entities/position.entity';
import { RealizedGain } from '../../src/portfolio/entities/realized-gain.entity';
import { TaxLot } from '../../src/portfolio/entities/tax-lot.entity';
import { replayLedger } from '../../src/portfolio/domain/ledger';
import { LedgerRepository } from '../../src/portfolio/ledger.repository';
import { toLedgerTransaction } from '../../src/portfolio/ledger.service';
import { createRepositoryContext, type RepositoryContext } from '../support/repository-context';

describe('LedgerRepository (real PostgreSQL)', () => {
  let ctx: RepositoryContext;
  let ledger: LedgerRepository;

  beforeAll(async () => {
    ctx = await createRepositoryContext();
    ledger = new LedgerRepository(ctx.dataSource);
  });
  afterAll(() => ctx.close());

  const firstLotOf = async (portfolioId: string) => (await ctx.dataSource.manager.findBy(TaxLot, { portfolioId }))[0];

  /** A household of the user besides the default one, as a partner keeps one per client. */
  const newHousehold = async (userId: string, name: string): Promise<string> =>
    (await ctx.dataSource.query<Array<{ id: string }>>('INSERT INTO households (user_id, name) VALUES ($1, $2) RETURNING id', [userId, name]))[0].id;

  it('reads the household’s whole history, across its accounts, and no other household’s, not even the same user’s', async () => {
    const owner = await ctx.newUser();
    const stranger = await ctx.newUser();
    const fifo = await ctx.newPortfolio(owner.id);
    const hifo = await ctx.newPortfolio(owner.id, { lotMethod: 'HIFO', accountType: 'TAX_DEFERRED' });
    const otherClient = await ctx.newPortfolio(owner.id, { householdId: await newHousehold(owner.id, 'Bob') });
    const theirs = await ctx.newPortfolio(stranger.id);
    const mine = [await ctx.newTransaction(fifo.id, { amount: new Big(1) }), await ctx.newTransaction(hifo.id, { amount: new Big(2) })];
    await ctx.newTransaction(theirs.id, { amount: new Big(3) });
    await ctx.newTransaction(otherClient.id, { amount: new Big(4) });

    expect(await ledger.householdOf(stranger.id, fifo.id)).toBeNull();
    const history = await ledger.historyOf((await ledger.householdOf(owner.id, fifo.id)) as string);
    expect(history.portfolios).toEqual(
      expect.arrayContaining([
        { id: fifo.id, lotMethod: 'FIFO', accountType: 'TAXABLE' },
        { id: hifo.id, lotMethod: 'HIFO', accountType: 'TAX_DEFERRED' },
      ]),
    );
    expect(history.portfolios).toHaveLength(2);
    expect(history.transactions.map((row) => row.id).sort()).toEqual(mine.map((row) => row.id).sort());
    expect(await ledger.historyOf(await newHousehold(owner.id, 'Empty'))).toEqual({ portfolios: [], transactions: [] });
  });

  it('names only the household’s portfolios', async () => {
    const owner = await ctx.newUser();
    const stranger = await ctx.newUser();
    const mine = await ctx.newPortfolio(owner.id, { name: 'Mine' });
    const theirs = await ctx.newPortfolio(stranger.id, { name: 'Theirs' });
    const names = await ledger.portfolioNames(mine.householdId, [mine.id, theirs.id], ctx.dataSource.manager);
    expect([...names]).toEqual([[mine.id, 'Mine']]);
  });

  it('locks the household until the transaction that took the lock ends, and no other household of the user', async () => {
    const owner = await ctx.newUser();
    const alice = await newHousehold(owner.id, 'Alice');
    const bob = await newHousehold(owner.id, 'Bob');
    let released = false;
    const holder = ctx.dataSource.transaction(async (tx) => {
      await ledger.lockHouseholds([alice], tx);
      await new Promise((resolve) => setTimeout(resolve, 300));
      released = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    await ctx.dataSource.transaction((tx) => ledger.lockHouseholds([bob], tx));
    expect(released).toBe(false);
    await ctx.dataSource.transaction((tx) => ledger.lockHouseholds([bob, alice], tx));
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

  it('rewrites only the derived rows a replay changed: an untouched portfolio’s rows keep their row versions', async () => {
    const owner = await ctx.newUser();
    const alpha = await ctx.newPortfolio(owner.id);
    const beta = await ctx.newPortfolio(owner.id);
    const asset = await ctx.newAsset();
    const trade = (type: 'BUY' | 'SELL', quantity: number, price: number, day: string) => ({
      type,
      assetId: asset.id,
      quantity: new Big(quantity),
      price: new Big(price),
      fee: new Big(0),
      executedAt: new Date(`2026-01-${day}T15:00:00Z`),
    });
    // alpha: $1,000 in, 5 X at $10, 2 sold at $12 (a $4 gain); beta: $500 in, 3 X at $20.
    await ctx.newTransaction(alpha.id, { amount: new Big(1000), executedAt: new Date('2026-01-02T15:00:00Z') });
    await ctx.newTransaction(alpha.id, trade('BUY', 5, 10, '05'));
    const sell = await ctx.newTransaction(alpha.id, trade('SELL', 2, 12, '20'));
    await ctx.newTransaction(beta.id, { amount: new Big(500), executedAt: new Date('2026-01-02T15:00:00Z') });
    const betaBuy = await ctx.newTransaction(beta.id, trade('BUY', 3, 20, '06'));
    const manager = ctx.dataSource.manager;
    const rederive = async () => {
      const history = await ledger.historyOf(alpha.householdId);
      const result = replayLedger(history.portfolios, history.transactions.map(toLedgerTransaction));
      if (!result.ok) throw new Error(result.violation.message);
      await ctx.dataSource.transaction((tx) => ledger.replaceDerivedRows([alpha.id, beta.id], result.portfolios.values(), tx));
    };
    /** Every derived row of the portfolio, each with its row version (xmin: the transaction that last wrote it). */
    const versions = async (portfolioId: string) => {
      const rows: Array<{ row: string; xmin: string }> = await manager.query(
        `SELECT 'cash ' || cash AS row, xmin::text FROM portfolios WHERE id = $1
         UNION ALL SELECT 'lot ' || id || ' ' || quantity, xmin::text FROM tax_lots WHERE portfolio_id = $1
         UNION ALL SELECT 'position ' || quantity || ' ' || cost_basis, xmin::text FROM positions WHERE portfolio_id = $1
         UNION ALL SELECT 'gain ' || gain, xmin::text FROM realized_gains WHERE portfolio_id = $1`,
        [portfolioId],
      );
      return new Map(rows.map(({ row, xmin }) => [row, xmin]));
    };
    await rederive();
    const alphaBefore = await versions(alpha.id);
    const betaBefore = await versions(beta.id);
    expect([...alphaBefore.keys()].sort()).toEqual([`cash 974`, 'gain 4', `lot ${(await firstLotOf(alpha.id)).id} 3`, 'position 3 30'].sort());

    // beta buys 1 more X at $20: a new lot, a new position and less cash in beta; alpha is not touched.
    const extra = await ctx.newTransaction(beta.id, trade('BUY', 1, 20, '21'));
    await rederive();
    expect(await versions(alpha.id)).toEqual(alphaBefore);
    const betaAfter = await versions(beta.id);
    expect([...betaAfter.keys()].sort()).toEqual(['cash 420', `lot ${betaBuy.id} 3`, `lot ${extra.id} 1`, 'position 4 80'].sort());
    // The lot bought on the 6th did not change, so it keeps its version; the changed rows have new ones.
    expect(betaAfter.get(`lot ${betaBuy.id} 3`)).toBe(betaBefore.get(`lot ${betaBuy.id} 3`));
    expect(betaAfter.get('cash 420')).not.toBe(betaBefore.get('cash 440'));
    expect(betaAfter.get('position 4 80')).not.toBe(betaBefore.get('position 3 60'));

    // Without alpha's SELL its gain row goes and its lot is whole again (updated in place); beta stays as it was.
    await manager.delete(RealizedGain, { sellTransactionId: sell.id });
    await manager.query('DELETE FROM transactions WHERE id = $1', [sell.id]);
    await rederive();
    expect(await versions(beta.id)).toEqual(betaAfter);
    const alphaAfter = await versions(alpha.id);
    expect([...alphaAfter.keys()].sort()).toEqual(['cash 950', `lot ${(await firstLotOf(alpha.id)).id} 5`, 'position 5 50'].sort());
  });

  it('finds the purchases and taxable loss sales since a date in the portfolio’s household, and no other household’s', async () => {
    const owner = await ctx.newUser();
    const stranger = await ctx.newUser();
    const portfolio = await ctx.newPortfolio(owner.id);
    const ira = await ctx.newPortfolio(owner.id, { accountType: 'TAX_EXEMPT' });
    const otherClient = await ctx.newPortfolio(owner.id, { householdId: await newHousehold(owner.id, 'Bob') });
    const theirs = await ctx.newPortfolio(stranger.id);
    const asset = await ctx.newAsset();
    const trade = { assetId: asset.id, quantity: new Big(1), price: new Big(1), fee: new Big(0) };
    await ctx.newTransaction(portfolio.id, { ...trade, type: 'BUY', executedAt: new Date('2026-01-01T00:00:00Z') });
    await ctx.newTransaction(portfolio.id, { ...trade, type: 'BUY', executedAt: new Date('2026-03-01T00:00:00Z') });
    await ctx.newTransaction(ira.id, { ...trade, type: 'BUY', executedAt: new Date('2026-03-03T00:00:00Z') });
    await ctx.newTransaction(theirs.id, { ...trade, type: 'BUY', executedAt: new Date('2026-03-01T00:00:00Z') });
    await ctx.newTransaction(otherClient.id, { ...trade, type: 'BUY', executedAt: new Date('2026-03-04T00:00:00Z') });
    const sell = await ctx.newTransaction(portfolio.id, { ...trade, type: 'SELL', executedAt: new Date('2026-03-02T00:00:00Z') });
    await ctx.newGain(portfolio.id, asset.id, sell.id, { gain: new Big(-1), disposedAt: new Date('2026-03-02T00:00:00Z') });
    await ctx.newGain(portfolio.id, asset.id, sell.id, { gain: new Big(1), disposedAt: new Date('2026-03-02T00:00:00Z') });
    // A loss inside the tax-exempt account is not a loss the wash-sale rule looks at.
    const iraSell = await ctx.newTransaction(ira.id, { ...trade, type: 'SELL', executedAt: new Date('2026-03-05T00:00:00Z') });
    await ctx.newGain(ira.id, asset.id, iraSell.id, { gain: new Big(-1), taxable: false, disposedAt: new Date('2026-03-05T00:00:00Z') });

    for (const asked of [portfolio.id, ira.id]) {
      const activity = await ledger.washSaleActivity(owner.id, asked, new Date('2026-02-01T00:00:00Z'));
      expect(activity.map(({ kind, at }) => [kind, at.toISOString()]).sort()).toEqual([
        ['BUY', '2026-03-01T00:00:00.000Z'],
        ['BUY', '2026-03-03T00:00:00.000Z'],
        ['LOSS_SALE', '2026-03-02T00:00:00.000Z'],
      ]);
      expect(activity.every((entry) => entry.assetId === asset.id)).toBe(true);
    }
    expect(await ledger.washSaleActivity(stranger.id, portfolio.id, new Date('2026-02-01T00:00:00Z'))).toEqual([]);
  });
});
