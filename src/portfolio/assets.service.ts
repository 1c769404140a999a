import { Inject, Injectable } from '@nestjs/common';
import type { Big } from '../common/decimal/decimal';
import type { Page, PageRequest } from '../common/pagination/paginate';
import { NotFoundProblem, AppProblem, ValidationProblem, type FieldError } from '../common/problem/problem';
import { type Tx, UnitOfWork } from '../database/unit-of-work';
import { enqueueDriftRecheck } from '../jobs/drift-recheck';
import { JobQueue } from '../jobs/job-queue';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { isUniqueViolation } from '../database/postgres-errors';
import { AssetRepository, type CurrentPrice, type PriceEntry } from './asset.repository';
import { classWeightViolations, type ClassWeightInput } from './domain/class-weights';
import { isPriceStale } from './domain/prices';
import type { AssetPrice } from './entities/asset-price.entity';
import type { Asset } from './entities/asset.entity';
import { PositionRepository } from './position.repository';
import { CommonErrorCode } from '../common/problem/common-errors';
import { PortfolioErrorCode } from './portfolio-errors';

// src/rebalancing (the drift monitor's batch statements) imports it from here.
export { CLASS_WEIGHTS_OF_ASSET, NEWEST_PRICE_OF_POSITION } from './position.repository';

/** An asset to add to the catalogue, with its breakdown by class ([]: wholly its assetType) and, optionally, a first price. */
export interface NewAsset {
  symbol: string;
  name: string;
  assetType: string;
  currency: string;
  classWeights: ClassWeightInput[];
  /** null: the asset starts unpriced. */
  price: Big | null;
  /** When the first price was seen; null: now. */
  priceAsOf: Date | null;
}

/** Which catalogue entries to list; an absent field does not filter. */
export interface AssetFilter {
  assetType?: string;
  symbolPrefix?: string;
}

/** A price seen at an instant. */
export interface PriceQuote {
  price: Big;
  asOf: Date;
}

/** One row of a price feed: an asset named by symbol, and its price at an instant. */
export interface PriceFeedRow extends PriceQuote {
  symbol: string;
}

/** An asset with its newest price, if any, and whether that price is stale. */
export interface PricedAsset {
  asset: Asset;
  current: CurrentPrice | undefined;
  priceStale: boolean;
}

/** One recorded price, with the asset it prices. */
export interface AssetPricePoint {
  asset: Asset;
  price: Big;
  asOf: Date;
}

@Injectable()
export class AssetsService {
  constructor(
    private readonly assets: AssetRepository,
    private readonly positions: PositionRepository,
    private readonly unitOfWork: UnitOfWork,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly jobs: JobQueue,
  ) {}

  isStale(asOf: Date): boolean {
    return isPriceStale(asOf, new Date(), this.config.priceStaleDays);
  }

  /** The newest price of each asset, in one query. */
  currentPrices(assetIds: string[], manager?: Tx): Promise<Map<string, CurrentPrice>> {
    return this.assets.currentPrices(assetIds, manager);
  }

  /** The catalogue's assets among these ids, by symbol (unknown ids are left out), as the caller's transaction sees them. */
  findByIds(ids: string[], manager?: Tx): Promise<Asset[]> {
    return ids.length === 0 ? Promise.resolve([]) : this.assets.withIds(ids, manager);
  }

  /** The catalogue's assets among these ids and symbols, without prices. */
  named(ids: string[], symbols: string[], manager?: Tx): Promise<Asset[]> {
    return this.assets.findByIdsOrSymbols(ids, symbols, manager);
  }

  /** The given assets with their current prices (null when none). */
  async withIds(ids: string[]): Promise<Array<{ asset: Asset; price: Big | null }>> {
    return ids.length === 0 ? [] : this.withPrices(await this.assets.withIds(ids));
  }

  /** Every asset of the given classes with its current price (null when none): the candidates to buy. */
  async ofTypes(assetTypes: string[]): Promise<Array<{ asset: Asset; price: Big | null }>> {
    return assetTypes.length === 0 ? [] : this.withPrices(await this.assets.ofTypes(assetTypes));
  }

  private async withPrices(assets: Asset[]): Promise<Array<{ asset: Asset; price: Big | null }>> {
    const prices = await this.currentPrices(assets.map((asset) => asset.id));
    return assets.map((asset) => ({ asset, price: prices.get(asset.id)?.price ?? null }));
  }

  async create(newAsset: NewAsset): Promise<PricedAsset> {
    const weights = checkedClassWeights(newAsset.assetType, newAsset.classWeights);
    try {
      const asset = await this.unitOfWork.run(async (manager) => {
        const created = await this.assets.insert(
          { symbol: newAsset.symbol, name: newAsset.name, assetType: newAsset.assetType, currency: newAsset.currency },
          manager,
        );
        created.classWeights = await this.assets.replaceClassWeights(created.id, weights, manager);
        // Nobody holds a new asset yet, so no drift re-check.
        if (newAsset.price !== null)
          await this.assets.upsertPrices([{ assetId: created.id, price: newAsset.price, asOf: newAsset.priceAsOf ?? new Date() }], manager);
        return created;
      });
      return this.priced(asset);
    } catch (error) {
      if (isUniqueViolation(error)) throw new AppProblem(PortfolioErrorCode.SYMBOL_TAKEN, `An asset with symbol ${newAsset.symbol} already exists`);
      throw error;
    }
  }

  async findOrFail(id: string): Promise<Asset> {
    const asset = await this.assets.findById(id);
    if (!asset) throw new NotFoundProblem('Asset');
    return asset;
  }

  async get(id: string): Promise<PricedAsset> {
    return this.priced(await this.findOrFail(id));
  }

  async list(filter: AssetFilter, request: PageRequest): Promise<Page<PricedAsset>> {
    const page = await this.assets.page(filter, request);
    const prices = await this.currentPrices(page.rows.map((asset) => asset.id));
    return { rows: page.rows.map((asset) => this.pricedWith(asset, prices.get(asset.id))), nextCursor: page.nextCursor };
  }

  async setPrice(id: string, quote: PriceQuote): Promise<PricedAsset> {
    const asset = await this.findOrFail(id);
    await this.unitOfWork.run((manager) => this.upsertPrices(manager, [{ assetId: asset.id, price: quote.price, asOf: quote.asOf }]));
    return this.priced(asset);
  }

  /**
   * Replaces the asset's class breakdown ([] makes it 100 % its assetType again). Every portfolio with
   * targets that holds it is re-checked for drift once the change commits, as after a price change.
   */
  async setClassWeights(id: string, classWeights: ClassWeightInput[]): Promise<PricedAsset> {
    const asset = await this.findOrFail(id);
    const weights = checkedClassWeights(asset.assetType, classWeights);
    asset.classWeights = await this.unitOfWork.run(async (manager) => {
      const stored = await this.assets.replaceClassWeights(asset.id, weights, manager);
      await enqueueDriftRecheck(this.jobs, manager, await this.positions.holdersWithTargets([asset.id], manager));
      return stored;
    });
    return this.priced(asset);
  }

  async history(id: string, request: PageRequest): Promise<{ asset: Asset; page: Page<AssetPrice> }> {
    const asset = await this.findOrFail(id);
    return { asset, page: await this.assets.pricePage(id, request) };
  }

  /** All rows or none: unknown symbols and duplicates are reported per row before anything is written. */
  async feed(rows: PriceFeedRow[]): Promise<AssetPricePoint[]> {
    const symbols = [...new Set(rows.map((row) => row.symbol))];
    const assets = await this.assets.findBySymbols(symbols);
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
    const entries = rows.map((row) => ({ assetId: bySymbol.get(row.symbol)!.id, price: row.price, asOf: row.asOf }));
    await this.unitOfWork.run((manager) => this.upsertPrices(manager, entries));
    return rows.map((row) => ({ asset: bySymbol.get(row.symbol)!, price: row.price, asOf: row.asOf }));
  }

  /**
   * A second price for the same instant replaces the first: feeds re-send
   * corrections. The portfolios holding these assets are re-checked for drift.
   */
  private async upsertPrices(manager: Tx, entries: PriceEntry[]): Promise<void> {
    await this.assets.upsertPrices(entries, manager);
    await enqueueDriftRecheck(this.jobs, manager, await this.positions.holdersWithTargets([...new Set(entries.map((entry) => entry.assetId))], manager));
  }

  private async priced(asset: Asset): Promise<PricedAsset> {
    const prices = await this.currentPrices([asset.id]);
    return this.pricedWith(asset, prices.get(asset.id));
  }

  private pricedWith(asset: Asset, current: CurrentPrice | undefined): PricedAsset {
    return { asset, current, priceStale: current ? this.isStale(current.asOf) : false };
  }
}

/** The weights, or a 422 naming every field and rule they break. */
function checkedClassWeights(assetType: string, weights: ClassWeightInput[]): ClassWeightInput[] {
  const violations = classWeightViolations(assetType, weights);
  if (violations.length > 0) throw new ValidationProblem(violations, CommonErrorCode.UNPROCESSABLE_FIELDS);
  return weights;
}
