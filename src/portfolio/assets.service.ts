import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, type EntityManager, type FindOptionsWhere, In, type Repository } from 'typeorm';
import { Big, parseDecimal, toDecimalString } from '../common/decimal/decimal';
import type { Keyset } from '../common/pagination/cursor';
import { paginate } from '../common/pagination/paginate';
import { NotFoundProblem, AppProblem, ValidationProblem, type FieldError } from '../common/problem/problem';
import { enqueueDriftRecheck } from '../jobs/drift-recheck';
import { JobQueue } from '../jobs/job-queue';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { isUniqueViolation } from '../database/postgres-errors';
import { isPriceStale } from './domain/prices';
import type {
  AssetListDto,
  AssetQueryDto,
  AssetResponseDto,
  CreateAssetDto,
  PriceFeedResultDto,
  PriceFeedRowDto,
  PriceHistoryQueryDto,
  PriceListDto,
  PriceResponseDto,
  SetPriceDto,
} from './dto/asset.dto';
import { AssetPrice } from './entities/asset-price.entity';
import { Asset } from './entities/asset.entity';
import { CommonErrorCode } from '../common/problem/common-errors';
import { PortfolioErrorCode } from './portfolio-errors';

export interface CurrentPrice {
  price: Big;
  asOf: Date;
}

/**
 * SQL joining the newest price (and its time) of the asset of `positions` rows aliased `pos`, as
 * `pr.price` and `pr.as_of`; null when the asset has none. One index probe per asset, on
 * (asset_id, as_of), for statements that value many positions at once.
 */
export const NEWEST_PRICE_OF_POSITION =
  'LEFT JOIN LATERAL (SELECT ap.price, ap.as_of FROM asset_prices ap WHERE ap.asset_id = pos.asset_id ORDER BY ap.as_of DESC LIMIT 1) pr ON true';

/** By symbol, which is unique. */
const ASSET_PAGES: Keyset = { direction: 'ASC', keys: [{ column: 'asset.symbol', type: 'text' }] };

/** Newest first; one price per asset and instant. */
const PRICE_PAGES: Keyset = { direction: 'DESC', keys: [{ column: 'price.as_of', type: 'timestamptz' }] };

@Injectable()
export class AssetsService {
  constructor(
    @InjectRepository(Asset) private readonly assets: Repository<Asset>,
    @InjectRepository(AssetPrice) private readonly prices: Repository<AssetPrice>,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly jobs: JobQueue,
  ) {}

  isStale(asOf: Date): boolean {
    return isPriceStale(asOf, new Date(), this.config.priceStaleDays);
  }

  /** The newest price of each asset, in one query (DISTINCT ON over the (asset_id, as_of) index). */
  async currentPrices(assetIds: string[], manager: EntityManager = this.dataSource.manager): Promise<Map<string, CurrentPrice>> {
    if (assetIds.length === 0) return new Map();
    const rows: Array<{ asset_id: string; price: string; as_of: Date }> = await manager.query(
      'SELECT DISTINCT ON (asset_id) asset_id, price, as_of FROM asset_prices WHERE asset_id = ANY($1) ORDER BY asset_id, as_of DESC',
      [assetIds],
    );
    return new Map(rows.map((row) => [row.asset_id, { price: new Big(row.price), asOf: row.as_of }]));
  }

  /** The given assets with their current prices (null when none). */
  withIds(ids: string[]): Promise<Array<{ asset: Asset; price: Big | null }>> {
    return ids.length === 0 ? Promise.resolve([]) : this.pricedWhere({ id: In(ids) });
  }

  /** Every asset of the given classes with its current price (null when none): the candidates to buy. */
  ofTypes(assetTypes: string[]): Promise<Array<{ asset: Asset; price: Big | null }>> {
    return assetTypes.length === 0 ? Promise.resolve([]) : this.pricedWhere({ assetType: In(assetTypes) });
  }

  private async pricedWhere(where: FindOptionsWhere<Asset>): Promise<Array<{ asset: Asset; price: Big | null }>> {
    const assets = await this.assets.find({ where, order: { symbol: 'ASC' } });
    const prices = await this.currentPrices(assets.map((asset) => asset.id));
    return assets.map((asset) => ({ asset, price: prices.get(asset.id)?.price ?? null }));
  }

  async create(dto: CreateAssetDto): Promise<AssetResponseDto> {
    try {
      const asset = await this.dataSource.transaction(async (manager) => {
        const created = await manager.save(manager.create(Asset, { symbol: dto.symbol, name: dto.name, assetType: dto.assetType, currency: dto.currency }));
        if (dto.price !== undefined) {
          await manager.insert(AssetPrice, { assetId: created.id, price: parseDecimal(dto.price), asOf: dto.priceAsOf ?? new Date() });
        }
        return created;
      });
      return this.toResponse(asset);
    } catch (error) {
      if (isUniqueViolation(error)) throw new AppProblem(PortfolioErrorCode.SYMBOL_TAKEN, `An asset with symbol ${dto.symbol} already exists`);
      throw error;
    }
  }

  async findOrFail(id: string): Promise<Asset> {
    const asset = await this.assets.findOneBy({ id });
    if (!asset) throw new NotFoundProblem('Asset');
    return asset;
  }

  async get(id: string): Promise<AssetResponseDto> {
    return this.toResponse(await this.findOrFail(id));
  }

  async list(query: AssetQueryDto): Promise<AssetListDto> {
    const builder = this.assets.createQueryBuilder('asset');
    if (query.assetType) builder.andWhere('asset.asset_type = :assetType', { assetType: query.assetType });
    if (query.symbolPrefix) {
      builder.andWhere("asset.symbol LIKE :prefix ESCAPE '\\'", { prefix: `${query.symbolPrefix.replace(/[\\%_]/g, '\\$&')}%` });
    }
    const page = await paginate(builder, ASSET_PAGES, query);
    const prices = await this.currentPrices(page.rows.map((asset) => asset.id));
    return { items: page.rows.map((asset) => this.toResponseWith(asset, prices.get(asset.id))), nextCursor: page.nextCursor };
  }

  async setPrice(id: string, dto: SetPriceDto): Promise<AssetResponseDto> {
    const asset = await this.findOrFail(id);
    await this.dataSource.transaction((manager) => this.upsertPrices(manager, [{ assetId: asset.id, price: parseDecimal(dto.price), asOf: dto.asOf }]));
    return this.toResponse(asset);
  }

  async history(id: string, query: PriceHistoryQueryDto): Promise<PriceListDto> {
    const asset = await this.findOrFail(id);
    const page = await paginate(this.prices.createQueryBuilder('price').where('price.asset_id = :id', { id }), PRICE_PAGES, query);
    return { items: page.rows.map((row) => this.toPriceResponse(asset, row.price, row.asOf)), nextCursor: page.nextCursor };
  }

  /** All rows or none: unknown symbols and duplicates are reported per row before anything is written. */
  async feed(rows: PriceFeedRowDto[]): Promise<PriceFeedResultDto> {
    const symbols = [...new Set(rows.map((row) => row.symbol))];
    const assets = await this.assets.findBy({ symbol: In(symbols) });
    const bySymbol = new Map(assets.map((asset) => [asset.symbol, asset]));
    const errors: FieldError[] = [];
    const seen = new Map<string, number>();
    rows.forEach((row, index) => {
      if (!bySymbol.has(row.symbol)) errors.push({ field: `[${index}].symbol`, rule: 'knownSymbol', message: `no asset has symbol ${row.symbol}` });
      const key = `${row.symbol}@${row.asOf.toISOString()}`;
      const first = seen.get(key);
      if (first !== undefined) errors.push({ field: `[${index}].asOf`, rule: 'uniqueInBatch', message: `repeats row ${first} (same symbol and asOf)` });
      else seen.set(key, index);
    });
    if (errors.length > 0) throw new ValidationProblem(errors, CommonErrorCode.UNPROCESSABLE_FIELDS);
    const entries = rows.map((row) => ({ assetId: bySymbol.get(row.symbol)!.id, price: parseDecimal(row.price), asOf: row.asOf }));
    await this.dataSource.transaction((manager) => this.upsertPrices(manager, entries));
    return { items: rows.map((row, index) => this.toPriceResponse(bySymbol.get(row.symbol)!, entries[index].price, row.asOf)) };
  }

  /**
   * A second price for the same instant replaces the first: feeds re-send
   * corrections. The portfolios holding these assets are re-checked for drift.
   */
  private async upsertPrices(manager: EntityManager, entries: Array<{ assetId: string; price: Big; asOf: Date }>): Promise<void> {
    await manager.createQueryBuilder().insert().into(AssetPrice).values(entries).orUpdate(['price'], ['asset_id', 'as_of']).execute();
    await enqueueDriftRecheck(this.jobs, manager, await this.holdersOf(manager, [...new Set(entries.map((entry) => entry.assetId))]));
  }

  /** The portfolios with targets that hold any of these assets: the only ones a price change can move. */
  private async holdersOf(manager: EntityManager, assetIds: readonly string[]): Promise<string[]> {
    const rows = await manager.query<Array<{ portfolio_id: string }>>(
      `SELECT DISTINCT pos.portfolio_id FROM positions pos
       WHERE pos.asset_id = ANY($1::uuid[]) AND EXISTS (SELECT 1 FROM target_allocations t WHERE t.portfolio_id = pos.portfolio_id)
       ORDER BY pos.portfolio_id`,
      [assetIds],
    );
    return rows.map((row) => row.portfolio_id);
  }

  private async toResponse(asset: Asset): Promise<AssetResponseDto> {
    const prices = await this.currentPrices([asset.id]);
    return this.toResponseWith(asset, prices.get(asset.id));
  }

  private toResponseWith(asset: Asset, current: CurrentPrice | undefined): AssetResponseDto {
    return {
      id: asset.id,
      symbol: asset.symbol,
      name: asset.name,
      assetType: asset.assetType,
      currency: asset.currency,
      price: current ? toDecimalString(current.price) : null,
      priceAsOf: current ? current.asOf.toISOString() : null,
      priceStale: current ? this.isStale(current.asOf) : false,
      createdAt: asset.createdAt.toISOString(),
    };
  }

  private toPriceResponse(asset: Asset, price: Big, asOf: Date): PriceResponseDto {
    return { assetId: asset.id, symbol: asset.symbol, price: toDecimalString(price), asOf: asOf.toISOString() };
  }
}
