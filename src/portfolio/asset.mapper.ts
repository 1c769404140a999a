import type { Big } from '../common/decimal/decimal';
import { parseDecimal, toDecimalString } from '../common/decimal/decimal';
import type { Page } from '../common/pagination/paginate';
import type { AssetFilter, AssetPricePoint, NewAsset, PricedAsset, PriceFeedRow, PriceQuote } from './assets.service';
import type { ClassWeightInput } from './domain/class-weights';
import type {
  AssetListDto,
  AssetQueryDto,
  AssetResponseDto,
  ClassWeightInputDto,
  CreateAssetDto,
  PriceFeedResultDto,
  PriceFeedRowDto,
  PriceListDto,
  PriceResponseDto,
  SetPriceDto,
} from './dto/asset.dto';
import type { AssetPrice } from './entities/asset-price.entity';
import type { Asset } from './entities/asset.entity';

export function toClassWeights(weights: ClassWeightInputDto[]): ClassWeightInput[] {
  return weights.map((weight) => ({ assetType: weight.assetType, percentage: parseDecimal(weight.percentage) }));
}

export function toNewAsset(dto: CreateAssetDto): NewAsset {
  return {
    symbol: dto.symbol,
    name: dto.name,
    assetType: dto.assetType,
    currency: dto.currency,
    classWeights: toClassWeights(dto.classWeights ?? []),
    price: dto.price === undefined ? null : parseDecimal(dto.price),
    priceAsOf: dto.priceAsOf ?? null,
  };
}

export function toAssetFilter(query: AssetQueryDto): AssetFilter {
  return { assetType: query.assetType, symbolPrefix: query.symbolPrefix };
}

export function toPriceQuote(dto: SetPriceDto): PriceQuote {
  return { price: parseDecimal(dto.price), asOf: dto.asOf };
}

export function toPriceFeedRows(rows: PriceFeedRowDto[]): PriceFeedRow[] {
  return rows.map((row) => ({ symbol: row.symbol, ...toPriceQuote(row) }));
}

export function toAssetResponse({ asset, current, priceStale }: PricedAsset): AssetResponseDto {
  return {
    id: asset.id,
    symbol: asset.symbol,
    name: asset.name,
    assetType: asset.assetType,
    currency: asset.currency,
    classWeights: (asset.classWeights ?? []).map((weight) => ({ assetType: weight.assetType, percentage: toDecimalString(weight.percentage) })),
    price: current ? toDecimalString(current.price) : null,
    priceAsOf: current ? current.asOf.toISOString() : null,
    priceStale,
    createdAt: asset.createdAt.toISOString(),
  };
}

export function toAssetList(page: Page<PricedAsset>): AssetListDto {
  return { items: page.rows.map(toAssetResponse), nextCursor: page.nextCursor };
}

function toPriceResponse(asset: Asset, price: Big, asOf: Date): PriceResponseDto {
  return { assetId: asset.id, symbol: asset.symbol, price: toDecimalString(price), asOf: asOf.toISOString() };
}

export function toPriceList({ asset, page }: { asset: Asset; page: Page<AssetPrice> }): PriceListDto {
  return { items: page.rows.map((row) => toPriceResponse(asset, row.price, row.asOf)), nextCursor: page.nextCursor };
}

export function toPriceFeedResult(points: AssetPricePoint[]): PriceFeedResultDto {
  return { items: points.map((point) => toPriceResponse(point.asset, point.price, point.asOf)) };
}
