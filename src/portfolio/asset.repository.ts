import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, In } from 'typeorm';
import { Big } from '../common/decimal/decimal';
import type { PageQueryDto } from '../common/http/pagination';
import type { Keyset } from '../common/pagination/cursor';
import { type Page, paginate } from '../common/pagination/paginate';
import type { Tx } from '../database/unit-of-work';
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

  findById(id: string, tx: Tx = this.dataSource.manager): Promise<Asset | null> {
    return tx.findOneBy(Asset, { id });
  }

  findBySymbols(symbols: string[]): Promise<Asset[]> {
    return this.dataSource.manager.findBy(Asset, { symbol: In(symbols) });
  }

  /** The assets among these ids and symbols, in one statement (a bulk import names its assets either way). */
  findByIdsOrSymbols(ids: string[], symbols: string[], tx: Tx = this.dataSource.manager): Promise<Asset[]> {
    const where = [...(ids.length > 0 ? [{ id: In(ids) }] : []), ...(symbols.length > 0 ? [{ symbol: In(symbols) }] : [])];
    return where.length === 0 ? Promise.resolve([]) : tx.find(Asset, { where });
  }

  /** The given assets, by symbol. */
  withIds(ids: string[], tx: Tx = this.dataSource.manager): Promise<Asset[]> {
    return tx.find(Asset, { where: { id: In(ids) }, order: { symbol: 'ASC' } });
  }

  /** Every asset of the given classes, by symbol. */
  ofTypes(assetTypes: string[]): Promise<Asset[]> {
    return this.dataSource.manager.find(Asset, { where: { assetType: In(assetTypes) }, order: { symbol: 'ASC' } });
  }

  /** Symbols of the given ids, for messages that name assets. */
  async symbolsOf(ids: string[], tx: Tx = this.dataSource.manager): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const assets = await tx.find(Asset, { where: { id: In(ids) }, select: { id: true, symbol: true } });
    return new Map(assets.map((asset) => [asset.id, asset.symbol]));
  }

  page(filter: { assetType?: string; symbolPrefix?: string }, query: PageQueryDto): Promise<Page<Asset>> {
    const builder = this.dataSource.getRepository(Asset).createQueryBuilder('asset');
    if (filter.assetType) builder.andWhere('asset.asset_type = :assetType', { assetType: filter.assetType });
    if (filter.symbolPrefix) {
      builder.andWhere("asset.symbol LIKE :prefix ESCAPE '\\'", { prefix: `${filter.symbolPrefix.replace(/[\\%_]/g, '\\$&')}%` });
    }
    return paginate(builder, ASSET_PAGES, query);
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

  pricePage(assetId: string, query: PageQueryDto): Promise<Page<AssetPrice>> {
    return paginate(this.dataSource.getRepository(AssetPrice).createQueryBuilder('price').where('price.asset_id = :id', { id: assetId }), PRICE_PAGES, query);
  }

  /** A second price for the same instant replaces the first: feeds re-send corrections. */
  async upsertPrices(entries: PriceEntry[], tx: Tx): Promise<void> {
    await tx.createQueryBuilder().insert().into(AssetPrice).values(entries).orUpdate(['price'], ['asset_id', 'as_of']).execute();
  }
}
