import type { Big } from '../common/decimal/decimal';
import { toDecimalString } from '../common/decimal/decimal';
import type { Page } from '../common/pagination/paginate';
import type { AssetPricePoint, PricedAsset } from './assets.service';
import type { AssetListDto, AssetResponseDto, PriceFeedResultDto, PriceListDto, PriceResponseDto } from './dto/asset.dto';
import type { AssetPrice } from './entities/asset-price.entity';
import type { Asset } from './entities/asset.entity';

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
