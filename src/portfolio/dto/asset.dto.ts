import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsISO4217CurrencyCode, IsOptional, IsString, Matches, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { type DecimalRule, IsDecimalString } from '../../common/decimal/is-decimal.validator';
import { ValidateNestedDto } from '../../common/http/validate-nested-dto';
import { IsPastTimestamp } from '../../common/http/date-rules';
import { MAX_PAGE_SIZE, PageQueryDto } from '../../common/http/pagination';
import { PRICE_RULE } from '../decimal-rules';
import { CURRENCY, CURSOR, DATE_TIME, DECIMAL, DECIMAL_INPUT, UUID } from '../../common/http/openapi-fields';

const upper = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toUpperCase() : value);
const lower = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value);

export const MAX_PRICE_FEED_ROWS = 1000;

export const SYMBOL_PATTERN = /^[A-Z0-9][A-Z0-9.-]{0,19}$/;
export const ASSET_TYPE_PATTERN = /^[a-z][a-z0-9_]{0,49}$/;
/** OpenAPI bounds of a symbol and an asset class, as the patterns above enforce them. */
export const SYMBOL_FIELD = { pattern: SYMBOL_PATTERN.source, maxLength: 20 } as const;
export const ASSET_CLASS_FIELD = { pattern: ASSET_TYPE_PATTERN.source, maxLength: 50 } as const;

/** A look-through fund spans at most this many classes. */
export const MAX_CLASS_WEIGHTS = 10;
/**
 * The form of a class weight: up to 4 decimals (NUMERIC(7,4)), at most 100. That it is above 0 and
 * that an asset's weights sum to exactly 100 are checked by the service, as 422s naming the rule.
 */
export const CLASS_WEIGHT_RULE: DecimalRule = { maxScale: 4, maxIntegerDigits: 3, max: '100' };

export class ClassWeightInputDto {
  @ApiProperty({ ...ASSET_CLASS_FIELD, example: 'stock', description: 'A class the fund holds, as a target names it' })
  @Transform(lower)
  @IsString()
  @Matches(ASSET_TYPE_PATTERN, { message: 'must be a lower-case slug of letters, digits and underscores, at most 50 characters' })
  assetType: string;

  @ApiProperty({
    ...DECIMAL_INPUT,
    example: '60',
    description: 'Percent of the fund in this class: above 0, at most 4 decimals; the weights sum to exactly 100',
  })
  @IsDecimalString(CLASS_WEIGHT_RULE)
  percentage: string;
}

const CLASS_WEIGHTS_DESCRIPTION =
  'A look-through fund’s breakdown: drift counts its value in each class by these weights. Distinct classes, each above 0, ' +
  'summing to exactly 100, one of them the assetType; [] (or absent) means the asset is 100 % its assetType.';
const CLASS_WEIGHTS_EXAMPLE = [
  { assetType: 'stock', percentage: '60' },
  { assetType: 'bond', percentage: '40' },
];

export class CreateAssetDto {
  @ApiProperty({ ...SYMBOL_FIELD, example: 'VTI', description: 'Stored upper case; unique' })
  @Transform(upper)
  @IsString()
  @Matches(SYMBOL_PATTERN, { message: 'must be 1-20 letters, digits, dots or dashes' })
  symbol: string;

  @ApiProperty({ example: 'Vanguard Total Stock Market ETF', maxLength: 200 })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @ApiProperty({
    ...ASSET_CLASS_FIELD,
    example: 'stock',
    description: 'The class rebalancing groups by: a lower-case slug (stock, bond, crypto, cash, real_estate, commodity, ...)',
  })
  @Transform(lower)
  @IsString()
  @Matches(ASSET_TYPE_PATTERN, { message: 'must be a lower-case slug of letters, digits and underscores, at most 50 characters' })
  assetType: string;

  @ApiProperty({ ...CURRENCY, example: 'USD', description: 'ISO 4217 code' })
  @Transform(upper)
  @IsISO4217CurrencyCode()
  currency: string;

  @ApiPropertyOptional({ ...DECIMAL_INPUT, example: '245.17', description: 'A first price (decimal string, up to 8 decimals)' })
  @IsOptional()
  @IsDecimalString(PRICE_RULE)
  price?: string;

  @ApiPropertyOptional({ ...DATE_TIME, example: '2026-11-24T16:00:00Z', description: 'When the first price was observed; defaults to now' })
  @ValidateIf((dto: CreateAssetDto) => dto.priceAsOf !== undefined)
  @IsPastTimestamp()
  priceAsOf?: Date;

  @ApiPropertyOptional({ type: [ClassWeightInputDto], maxItems: MAX_CLASS_WEIGHTS, description: CLASS_WEIGHTS_DESCRIPTION, example: [] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_CLASS_WEIGHTS)
  @ValidateNestedDto(() => ClassWeightInputDto, { each: true })
  classWeights?: ClassWeightInputDto[];
}

export class PutClassWeightsDto {
  @ApiProperty({ type: [ClassWeightInputDto], maxItems: MAX_CLASS_WEIGHTS, description: CLASS_WEIGHTS_DESCRIPTION, example: CLASS_WEIGHTS_EXAMPLE })
  @IsArray()
  @ArrayMaxSize(MAX_CLASS_WEIGHTS)
  @ValidateNestedDto(() => ClassWeightInputDto, { each: true })
  classWeights: ClassWeightInputDto[];
}

export class SetPriceDto {
  @ApiProperty({ ...DECIMAL_INPUT, example: '245.17', description: 'Decimal string (or number), up to 8 decimals' })
  @IsDecimalString(PRICE_RULE)
  price: string;

  @ApiProperty({ ...DATE_TIME, example: '2026-11-24T16:00:00Z', description: 'When the price was observed; not in the future' })
  @IsPastTimestamp()
  asOf: Date;
}

export class PriceFeedRowDto extends SetPriceDto {
  @ApiProperty({ ...SYMBOL_FIELD, example: 'VTI' })
  @Transform(upper)
  @IsString()
  @Matches(SYMBOL_PATTERN, { message: 'must be 1-20 letters, digits, dots or dashes' })
  symbol: string;
}

export class AssetQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ ...ASSET_CLASS_FIELD, example: 'stock' })
  @IsOptional()
  @Transform(lower)
  @Matches(ASSET_TYPE_PATTERN, { message: 'must be a lower-case slug' })
  assetType?: string;

  @ApiPropertyOptional({ maxLength: 20, pattern: '^[A-Za-z0-9.-]{1,20}$', example: 'VT', description: 'Symbols starting with this (case-insensitive)' })
  @IsOptional()
  @Transform(upper)
  @Matches(/^[A-Z0-9.-]{1,20}$/, { message: 'must be 1-20 letters, digits, dots or dashes' })
  symbolPrefix?: string;
}

export class PriceHistoryQueryDto extends PageQueryDto {}

export class ClassWeightDto {
  @ApiProperty({ ...ASSET_CLASS_FIELD, example: 'stock' })
  assetType: string;

  @ApiProperty({ ...DECIMAL, example: '60', description: 'Percent of the asset counted in this class' })
  percentage: string;
}

export class AssetResponseDto {
  @ApiProperty({ ...UUID, example: '3f1c2b9a-8d7e-4c6b-a5f4-e3d2c1b0a987' })
  id: string;

  @ApiProperty({ ...SYMBOL_FIELD, example: 'VTI' })
  symbol: string;

  @ApiProperty({ maxLength: 200, example: 'Vanguard Total Stock Market ETF' })
  name: string;

  @ApiProperty({ ...ASSET_CLASS_FIELD, example: 'stock' })
  assetType: string;

  @ApiProperty({ ...CURRENCY, example: 'USD' })
  currency: string;

  @ApiProperty({
    type: [ClassWeightDto],
    maxItems: MAX_CLASS_WEIGHTS,
    example: [],
    description: 'A look-through fund’s breakdown by class (by assetType); [] when the asset is 100 % its assetType',
  })
  classWeights: ClassWeightDto[];

  @ApiProperty({ ...DECIMAL, nullable: true, example: '245.17', description: 'Current price (newest asOf), exact decimal string; null when none is known' })
  price: string | null;

  @ApiProperty({ type: String, ...DATE_TIME, nullable: true, example: '2026-11-24T16:00:00.000Z' })
  priceAsOf: string | null;

  @ApiProperty({ example: false, description: 'True when the price is older than PRICE_STALE_DAYS' })
  priceStale: boolean;

  @ApiProperty({ ...DATE_TIME, example: '2026-11-24T09:30:00.000Z' })
  createdAt: string;
}

export class AssetListDto {
  @ApiProperty({ type: [AssetResponseDto], maxItems: MAX_PAGE_SIZE })
  items: AssetResponseDto[];

  @ApiProperty({ type: String, nullable: true, ...CURSOR, example: null, description: 'Pass as cursor for the next page; null on the last page' })
  nextCursor: string | null;
}

export class PriceResponseDto {
  @ApiProperty({ ...UUID })
  assetId: string;

  @ApiProperty({ ...SYMBOL_FIELD, example: 'VTI' })
  symbol: string;

  @ApiProperty({ ...DECIMAL, example: '245.17' })
  price: string;

  @ApiProperty({ ...DATE_TIME, example: '2026-11-24T16:00:00.000Z' })
  asOf: string;
}

export class PriceListDto {
  @ApiProperty({ type: [PriceResponseDto], maxItems: MAX_PAGE_SIZE })
  items: PriceResponseDto[];

  @ApiProperty({ type: String, nullable: true, ...CURSOR, example: null, description: 'Pass as cursor for the next page; null on the last page' })
  nextCursor: string | null;
}

export class PriceFeedResultDto {
  @ApiProperty({ type: [PriceResponseDto], maxItems: MAX_PRICE_FEED_ROWS, description: 'One per row of the feed, in its order' })
  items: PriceResponseDto[];
}
