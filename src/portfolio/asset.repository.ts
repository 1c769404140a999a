import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, In } from 'typeorm';
import { Big } from '../common/decimal/decimal';
import type { Keyset } from '../common/pagination/cursor';
import { type Page, paginate, type PageRequest } from '../common/pagination/paginate';
import type { Tx } from '../database/unit-of-work';
import { AssetClassWeight } from './entities/asset-class-weight.entity';
import { AssetPrice } from './entities/asset-price.entity';
import { Asset } from './entities/asset.entity';

export interface CurrentPrice {
  price: Big;
  asOf: Date;
}

export interface PriceEntry {
  assetId: string;
  price: Big;
  asOf: Date;
}

/** By symbol, which is unique. */
const ASSET_PAGES: Keyset = { direction: 'ASC', keys: [{ column: 'asset.symbol', type: 'text' }] };

/** Newest first; one price per asset and instant. */
const PRICE_PAGES: Keyset = { direction: 'DESC', keys: [{ column: 'price.as_of', type: 'timestamptz' }] };

/** The catalogue: assets and their price history. Shared by every user, so nothing here is owner-scoped. */
@Injectable()
export class AssetRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async findById(id: string, tx: Tx = this.dataSource.manager): Promise<Asset | null> {
    const asset = await tx.findOneBy(Asset, { id });
    return asset && (await this.withClassWeights([asset], tx))[0];
  }

  async findBySymbols(symbols: string[]): Promise<Asset[]> {
    return this.withClassWeights(await this.dataSource.manager.findBy(Asset, { symbol: In(symbols) }));
  }

  /** The assets among these ids and symbols, in one statement (a bulk import names its assets either way). */
  findByIdsOrSymbols(ids: string[], symbols: string[], tx: Tx = this.dataSource.manager): Promise<Asset[]> {
    const where = [...(ids.length > 0 ? [{ id: In(ids) }] : []), ...(symbols.length > 0 ? [{ symbol: In(symbols) }] : [])];
    return where.length === 0 ? Promise.resolve([]) : tx.find(Asset, { where });
  }

  /** The given assets, by symbol. */
  async withIds(ids: string[], tx: Tx = this.dataSource.manager): Promise<Asset[]> {
    return this.withClassWeights(await tx.find(Asset, { where: { id: In(ids) }, order: { symbol: 'ASC' } }), tx);
  }

  /** Every asset of the given classes, by symbol. */
  async ofTypes(assetTypes: string[]): Promise<Asset[]> {
    return this.withClassWeights(await this.dataSource.manager.find(Asset, { where: { assetType: In(assetTypes) }, order: { symbol: 'ASC' } }));
  }

  /**
   * Sets each asset's classWeights (by class; empty when it has none) with one query for all of them.
   * A separate read rather than a join, so the keyset pages and LIMITs above stay one row per asset.
   */
  private async withClassWeights(assets: Asset[], tx: Tx = this.dataSource.manager): Promise<Asset[]> {
    if (assets.length === 0) return assets;
    const weights = await tx.find(AssetClassWeight, { where: { assetId: In(assets.map((asset) => asset.id)) }, order: { assetType: 'ASC' } });
    for (const asset of assets) asset.classWeights = weights.filter((weight) => weight.assetId === asset.id);
    return assets;
  }

  /**
   * Replaces the asset's breakdown ([] leaves it wholly its assetType) and returns it as stored, by
   * class. The asset's row is locked first, so two replacements of one asset take turns: otherwise
   * both could delete the old rows and the second insert would meet the first's keys.
   */
  async replaceClassWeights(assetId: string, weights: Array<Pick<AssetClassWeight, 'assetType' | 'percentage'>>, tx: Tx): Promise<AssetClassWeight[]> {
    await tx.query('SELECT 1 FROM assets WHERE id = $1 FOR NO KEY UPDATE', [assetId]);
    await tx.delete(AssetClassWeight, { assetId });
    const stored = weights.map((weight) => tx.create(AssetClassWeight, { assetId, ...weight }));
    if (stored.length > 0) await tx.insert(AssetClassWeight, stored);
    return stored.sort((a, b) => (a.assetType < b.assetType ? -1 : a.assetType > b.assetType ? 1 : 0));
  }

  /** Symbols of the given ids, for messages that name assets. */
  async symbolsOf(ids: string[], tx: Tx = this.dataSource.manager): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const assets = await tx.find(Asset, { where: { id: In(ids) }, select: { id: true, symbol: true } });
    return new Map(assets.map((asset) => [asset.id, asset.symbol]));
  }

  async page(filter: { assetType?: string; symbolPrefix?: string }, query: PageRequest): Promise<Page<Asset>> {
    const builder = this.dataSource.getRepository(Asset).createQueryBuilder('asset');
    if (filter.assetType) builder.andWhere('asset.asset_type = :assetType', { assetType: filter.assetType });
    if (filter.symbolPrefix) {
      builder.andWhere("asset.symbol LIKE :prefix ESCAPE '\\'", { prefix: `${filter.symbolPrefix.replace(/[\\%_]/g, '\\$&')}%` });
    }
    const page = await paginate(builder, ASSET_PAGES, query);
    return { ...page, rows: await this.withClassWeights(page.rows) };
  }

  /** Throws PostgreSQL's unique violation when the symbol is taken. */
  insert(values: Pick<Asset, 'symbol' | 'name' | 'assetType' | 'currency'>, tx: Tx): Promise<Asset> {
    return tx.save(tx.create(Asset, values));
  }

  /** The newest price of each asset, in one query (DISTINCT ON over the (asset_id, as_of) index). */
  async currentPrices(assetIds: string[], tx: Tx = this.dataSource.manager): Promise<Map<string, CurrentPrice>> {
    if (assetIds.length === 0) return new Map();
    const rows: Array<{ asset_id: string; price: string; as_of: Date }> = await tx.query(
      'SELECT DISTINCT ON (asset_id) asset_id, price, as_of FROM asset_prices WHERE asset_id = ANY($1) ORDER BY asset_id, as_of DESC',
      [assetIds],
    );
    return new Map(rows.map((row) => [row.asset_id, { price: new Big(row.price), asOf: row.as_of }]));
  }

  pricePage(assetId: string, query: PageRequest): Promise<Page<AssetPrice>> {
    return paginate(this.dataSource.getRepository(AssetPrice).createQueryBuilder('price').where('price.asset_id = :id', { id: assetId }), PRICE_PAGES, query);
  }

  /** A second price for the same instant replaces the first: feeds re-send corrections. */
  async upsertPrices(entries: PriceEntry[], tx: Tx): Promise<void> {
    await tx.createQueryBuilder().insert().into(AssetPrice).values(entries).orUpdate(['price'], ['asset_id', 'as_of']).execute();
  }
}
