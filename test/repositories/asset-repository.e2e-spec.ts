import { Big } from '../../src/common/decimal/decimal';
import { isUniqueViolation } from '../../src/database/postgres-errors';
import { AssetRepository } from '../../src/portfolio/asset.repository';
import { createRepositoryContext, type RepositoryContext } from '../support/repository-context';

describe('AssetRepository (real PostgreSQL)', () => {
  let ctx: RepositoryContext;
  let assets: AssetRepository;

  beforeAll(async () => {
    ctx = await createRepositoryContext();
    assets = new AssetRepository(ctx.dataSource);
  });
  afterAll(() => ctx.close());

  it('inserts an asset and refuses a taken symbol with a unique violation', async () => {
    const values = { symbol: 'UNIQ', name: 'Unique', assetType: 'stock', currency: 'USD' };
    const created = await ctx.dataSource.transaction((tx) => assets.insert(values, tx));
    expect((await assets.findById(created.id))?.symbol).toBe('UNIQ');
    const error = await ctx.dataSource.transaction((tx) => assets.insert(values, tx)).catch((caught: unknown) => caught);
    expect(isUniqueViolation(error)).toBe(true);
  });

  it('finds assets by symbols, by ids and by classes, by symbol; names them by id', async () => {
    const b = await ctx.newAsset({ symbol: 'FINDB', assetType: 'findbond' });
    const a = await ctx.newAsset({ symbol: 'FINDA', assetType: 'findstock' });
    expect((await assets.findBySymbols(['FINDA', 'NOPE'])).map((asset) => asset.id)).toEqual([a.id]);
    expect((await assets.withIds([b.id, a.id])).map((asset) => asset.symbol)).toEqual(['FINDA', 'FINDB']);
    expect((await assets.ofTypes(['findbond'])).map((asset) => asset.id)).toEqual([b.id]);
    expect([...(await assets.symbolsOf([a.id]))]).toEqual([[a.id, 'FINDA']]);
  });

  it('pages by class and by symbol prefix, taking % and _ literally', async () => {
    await ctx.newAsset({ symbol: 'PRE_1', assetType: 'prefixed' });
    await ctx.newAsset({ symbol: 'PREX1', assetType: 'other' });
    await ctx.newAsset({ symbol: 'PRE_2', assetType: 'prefixed' });
    expect((await assets.page({ symbolPrefix: 'PRE_' }, {})).rows.map((asset) => asset.symbol)).toEqual(['PRE_1', 'PRE_2']);
    expect((await assets.page({ symbolPrefix: 'PRE%' }, {})).rows).toEqual([]);
    expect((await assets.page({ assetType: 'other' }, {})).rows.map((asset) => asset.symbol)).toEqual(['PREX1']);
  });

  it('keeps one price per instant, the newest being current, and pages the history newest first', async () => {
    const asset = await ctx.newAsset();
    const at = (day: string) => new Date(`2026-01-${day}T00:00:00Z`);
    await ctx.dataSource.transaction((tx) =>
      assets.upsertPrices(
        [
          { assetId: asset.id, price: new Big('10'), asOf: at('01') },
          { assetId: asset.id, price: new Big('11'), asOf: at('02') },
        ],
        tx,
      ),
    );
    await ctx.dataSource.transaction((tx) => assets.upsertPrices([{ assetId: asset.id, price: new Big('11.5'), asOf: at('02') }], tx));
    const current = (await assets.currentPrices([asset.id])).get(asset.id);
    expect([current?.price.toString(), current?.asOf.toISOString()]).toEqual(['11.5', at('02').toISOString()]);
    expect((await assets.pricePage(asset.id, {})).rows.map((row) => row.price.toString())).toEqual(['11.5', '10']);
    expect((await assets.currentPrices([])).size).toBe(0);
  });
});
