import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsISO4217CurrencyCode, IsOptional, IsString, Matches, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { IsDecimalString } from '../../common/decimal/is-decimal.validator';
import { IsPastTimestamp } from '../../common/http/date-rules';
import { PageQueryDto } from '../../common/http/pagination';
import { PRICE_RULE } from './decimal-rules';

const upper = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toUpperCase() : value);
const lower = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value);

export const SYMBOL_PATTERN = /^[A-Z0-9][A-Z0-9.-]{0,19}$/;
export const ASSET_TYPE_PATTERN = /^[a-z][a-z0-9_]{0,49}$/;

export class CreateAssetDto {
  @ApiProperty({ example: 'VTI', maxLength: 20, description: 'Stored upper case; unique' })
  @Transform(upper)
  @IsString()
  @Matches(SYMBOL_PATTERN, { message: 'must be 1-20 letters, digits, dots or dashes' })
  symbol: string;

  @ApiProperty({ example: 'Vanguard Total Stock Market ETF', maxLength: 200 })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @ApiProperty({ example: 'stock', maxLength: 50, description: 'The class rebalancing groups by: a lower-case slug (stock, bond, crypto, cash, real_estate, commodity, ...)' })
  @Transform(lower)
  @IsString()
  @Matches(ASSET_TYPE_PATTERN, { message: 'must be a lower-case slug of letters, digits and underscores, at most 50 characters' })
  assetType: string;

  @ApiProperty({ example: 'USD', description: 'ISO 4217 code' })
  @Transform(upper)
  @IsISO4217CurrencyCode()
  currency: string;

  @ApiPropertyOptional({ type: String, example: '245.17', description: 'A first price (decimal string, up to 8 decimals)' })
  @IsOptional()
  @IsDecimalString(PRICE_RULE)
  price?: string;

  @ApiPropertyOptional({ format: 'date-time', example: '2026-11-24T16:00:00Z', description: 'When the first price was observed; defaults to now' })
  @ValidateIf((dto: CreateAssetDto) => dto.priceAsOf !== undefined)
  @IsPastTimestamp()
  priceAsOf?: Date;
}

export class SetPriceDto {
  @ApiProperty({ type: String, example: '245.17', description: 'Decimal string (or number), up to 8 decimals' })
  @IsDecimalString(PRICE_RULE)
  price: string;

  @ApiProperty({ format: 'date-time', example: '2026-11-24T16:00:00Z', description: 'When the price was observed; not in the future' })
  @IsPastTimestamp()
  asOf: Date;
}

export class PriceFeedRowDto extends SetPriceDto {
  @ApiProperty({ example: 'VTI' })
  @Transform(upper)
  @IsString()
  @Matches(SYMBOL_PATTERN, { message: 'must be 1-20 letters, digits, dots or dashes' })
  symbol: string;
}

export class AssetQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: 'stock' })
  @IsOptional()
  @Transform(lower)
  @Matches(ASSET_TYPE_PATTERN, { message: 'must be a lower-case slug' })
  assetType?: string;

  @ApiPropertyOptional({ example: 'VT', description: 'Symbols starting with this (case-insensitive)' })
  @IsOptional()
  @Transform(upper)
  @Matches(/^[A-Z0-9.-]{1,20}$/, { message: 'must be 1-20 letters, digits, dots or dashes' })
  symbolPrefix?: string;
}

export class PriceHistoryQueryDto extends PageQueryDto {}

export class AssetResponseDto {
  @ApiProperty({ format: 'uuid', example: '3f1c2b9a-8d7e-4c6b-a5f4-e3d2c1b0a987' })
  id: string;

  @ApiProperty({ example: 'VTI' })
  symbol: string;

  @ApiProperty({ example: 'Vanguard Total Stock Market ETF' })
  name: string;

  @ApiProperty({ example: 'stock' })
  assetType: string;

  @ApiProperty({ example: 'USD' })
  currency: string;

  @ApiProperty({ type: String, nullable: true, example: '245.17', description: 'Current price (newest asOf), exact decimal string; null when none is known' })
  price: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: '2026-11-24T16:00:00.000Z' })
  priceAsOf: string | null;

  @ApiProperty({ example: false, description: 'True when the price is older than PRICE_STALE_DAYS' })
  priceStale: boolean;

  @ApiProperty({ format: 'date-time', example: '2026-11-24T09:30:00.000Z' })
  createdAt: string;
}

export class AssetListDto {
  @ApiProperty({ type: [AssetResponseDto] })
  items: AssetResponseDto[];

  @ApiProperty({ type: String, nullable: true, example: null, description: 'Pass as cursor for the next page; null on the last page' })
  nextCursor: string | null;
}

export class PriceResponseDto {
  @ApiProperty({ format: 'uuid' })
  assetId: string;

  @ApiProperty({ example: 'VTI' })
  symbol: string;

  @ApiProperty({ type: String, example: '245.17' })
  price: string;

  @ApiProperty({ format: 'date-time', example: '2026-11-24T16:00:00.000Z' })
  asOf: string;
}

export class PriceListDto {
  @ApiProperty({ type: [PriceResponseDto] })
  items: PriceResponseDto[];

  @ApiProperty({ type: String, nullable: true, example: null })
  nextCursor: string | null;
}

export class PriceFeedResultDto {
  @ApiProperty({ type: [PriceResponseDto] })
  items: PriceResponseDto[];
}
