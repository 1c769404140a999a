import { Big } from '../../src/common/decimal/decimal';
import { TransactionRepository } from '../../src/portfolio/transaction.repository';
import { createRepositoryContext, type RepositoryContext } from '../support/repository-context';

describe('TransactionRepository (real PostgreSQL)', () => {
  let ctx: RepositoryContext;
  let transactions: TransactionRepository;

  beforeAll(async () => {
    ctx = await createRepositoryContext();
    transactions = new TransactionRepository(ctx.dataSource);
  });
  afterAll(() => ctx.close());

  it('inserts rows in the given order and returns them as stored, sequence included', async () => {
    const owner = await ctx.newUser();
    const portfolio = await ctx.newPortfolio(owner.id);
    const at = new Date('2026-02-01T15:00:00Z');
    const blank = { assetId: null, quantity: null, price: null, fee: null, costPerUnit: null, acquiredAt: null, lots: null };
    const [deposit, withdrawal] = await ctx.dataSource.transaction((tx) =>
      transactions.insert(
        [
          { ...blank, portfolioId: portfolio.id, type: 'DEPOSIT', executedAt: at, amount: new Big('100.5') },
          { ...blank, portfolioId: portfolio.id, type: 'WITHDRAWAL', executedAt: at, amount: new Big('0.5') },
        ],
        tx,
      ),
    );
    expect(deposit.amount?.toString()).toBe('100.5');
    expect(BigInt(withdrawal.sequence)).toBeGreaterThan(BigInt(deposit.sequence));
    expect(withdrawal.createdAt).toBeInstanceOf(Date);
  });

  it('finds a transaction only through its owner and its portfolio', async () => {
    const owner = await ctx.newUser();
    const stranger = await ctx.newUser();
    const portfolio = await ctx.newPortfolio(owner.id);
    const other = await ctx.newPortfolio(owner.id);
    const row = await ctx.newTransaction(portfolio.id, { amount: new Big(10) });
    expect((await transactions.findOwned(owner.id, portfolio.id, row.id))?.id).toBe(row.id);
    expect(await transactions.findOwned(stranger.id, portfolio.id, row.id)).toBeNull();
    expect(await transactions.findOwned(owner.id, other.id, row.id)).toBeNull();
  });

  it('pages a portfolio’s transactions in ledger order, for its owner only', async () => {
    const owner = await ctx.newUser();
    const stranger = await ctx.newUser();
    const portfolio = await ctx.newPortfolio(owner.id);
    const later = await ctx.newTransaction(portfolio.id, { amount: new Big(1), executedAt: new Date('2026-03-01T00:00:00Z') });
    const earlier = await ctx.newTransaction(portfolio.id, { amount: new Big(2), executedAt: new Date('2026-01-01T00:00:00Z') });
    const page = await transactions.pageOwned(owner.id, portfolio.id, {});
    expect(page.rows.map((row) => row.id)).toEqual([earlier.id, later.id]);
    expect((await transactions.pageOwned(stranger.id, portfolio.id, {})).rows).toEqual([]);
  });

  it('says whether a portfolio has a SELL, and deletes a row', async () => {
    const owner = await ctx.newUser();
    const portfolio = await ctx.newPortfolio(owner.id);
    const asset = await ctx.newAsset();
    const deposit = await ctx.newTransaction(portfolio.id, { amount: new Big(1000) });
    expect(await transactions.hasSell(portfolio.id, ctx.dataSource.manager)).toBe(false);
    await ctx.newTransaction(portfolio.id, { type: 'SELL', assetId: asset.id, quantity: new Big(1), price: new Big(1), fee: new Big(0) });
    expect(await transactions.hasSell(portfolio.id, ctx.dataSource.manager)).toBe(true);
    await ctx.dataSource.transaction((tx) => transactions.delete(deposit.id, tx));
    expect(await transactions.findOwned(owner.id, portfolio.id, deposit.id)).toBeNull();
  });

  it("versions a portfolio's history by its transactions: any added or removed changes it", async () => {
    const owner = await ctx.newUser();
    const portfolio = await ctx.newPortfolio(owner.id);
    expect(await transactions.historyVersion(portfolio.id)).toBe('0:0');
    const first = await ctx.newTransaction(portfolio.id, { amount: new Big(100) });
    const once = await transactions.historyVersion(portfolio.id);
    expect(once).toBe(`1:${first.sequence}`);
    await ctx.newTransaction(portfolio.id, { amount: new Big(5) });
    expect(await transactions.historyVersion(portfolio.id)).not.toBe(once);
  });
});
