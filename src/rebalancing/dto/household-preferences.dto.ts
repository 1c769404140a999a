import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { IsDecimalString, type DecimalRule } from '../../common/decimal/is-decimal.validator';
import { DECIMAL, DECIMAL_INPUT, UUID } from '../../common/http/openapi-fields';
import { ValidateNestedDto } from '../../common/http/validate-nested-dto';
import { ACCOUNT_TYPES, type AccountType } from '../../portfolio/domain/account-types';
import { ASSET_CLASS_FIELD, ASSET_TYPE_PATTERN } from '../../portfolio/dto/asset.dto';
import type { RestrictionKind } from '../domain/household-solver/problem';
import { RESTRICTION_KINDS } from '../entities/household-restriction.entity';

/** Bounds far above a real household's and small enough to check in one request. */
export const MAX_RESTRICTIONS = 500;
export const MAX_SUBSTITUTED_ASSETS = 200;
export const MAX_REPLACEMENTS = 10;
export const MAX_REASON_LENGTH = 500;
/** Every class of a large catalogue, in each account type. */
export const MAX_LOCATION_PENALTIES = 150;
/** 0 to 1 per dollar, at most 6 decimals: the default table's cells are thousandths. */
export const PENALTY_RULE: DecimalRule = { maxScale: 6, maxIntegerDigits: 1, min: '0', max: '1' };

/** The catalogue asset the examples name (a stock, VXUS) and another stock to stand in for it (ITOT). */
const EXAMPLE_ASSET = '3f1c2b9a-8d7e-4c6b-a5f4-e3d2c1b0a987';
const EXAMPLE_REPLACEMENT = '5b8e2d71-0c4a-4f3e-9d6b-7a1c2e3f4d5a';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const lower = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value);

const KIND_DESCRIPTION = 'DO_NOT_BUY: plans never buy it; DO_NOT_SELL: plans never sell it; HOLD: neither, the holding stays as it is';

export class RestrictionInputDto {
  @ApiProperty({ ...UUID, example: EXAMPLE_ASSET, description: 'A catalogue asset' })
  @IsUUID()
  assetId: string;

  @ApiPropertyOptional({
    ...UUID,
    description: 'One of the household’s accounts (a portfolio id); left out, the restriction holds in every account of the household',
  })
  @IsOptional()
  @IsUUID()
  accountId?: string;

  @ApiProperty({ enum: RESTRICTION_KINDS, enumName: 'RestrictionKind', example: 'DO_NOT_SELL', description: KIND_DESCRIPTION })
  @IsIn(RESTRICTION_KINDS)
  kind: RestrictionKind;

  @ApiProperty({
    minLength: 1,
    maxLength: MAX_REASON_LENGTH,
    example: 'Low basis: selling would realize a large gain',
    description: 'Why, for whoever reads the plan',
  })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(MAX_REASON_LENGTH)
  reason: string;
}

export class PutRestrictionsDto {
  @ApiProperty({
    type: [RestrictionInputDto],
    maxItems: MAX_RESTRICTIONS,
    description: 'The whole set, replacing the current one; [] removes every restriction. Each (assetId, accountId) pair at most once.',
    example: [{ assetId: EXAMPLE_ASSET, kind: 'DO_NOT_SELL', reason: 'Low basis: selling would realize a large gain' }],
  })
  @IsArray()
  @ArrayMaxSize(MAX_RESTRICTIONS)
  @ValidateNestedDto(() => RestrictionInputDto, { each: true })
  restrictions: RestrictionInputDto[];
}

export class RestrictionDto {
  @ApiProperty({ ...UUID, example: EXAMPLE_ASSET })
  assetId: string;

  @ApiProperty({ type: String, ...UUID, nullable: true, example: null, description: 'Null: in every account of the household' })
  accountId: string | null;

  @ApiProperty({ enum: RESTRICTION_KINDS, enumName: 'RestrictionKind', example: 'DO_NOT_SELL' })
  kind: RestrictionKind;

  @ApiProperty({ maxLength: MAX_REASON_LENGTH, example: 'Low basis: selling would realize a large gain' })
  reason: string;
}

export class RestrictionsDto {
  @ApiProperty({ ...UUID })
  householdId: string;

  @ApiProperty({ type: [RestrictionDto], maxItems: MAX_RESTRICTIONS, description: 'By assetId, the household-wide one before those of single accounts' })
  restrictions: RestrictionDto[];
}

export class SubstituteInputDto {
  @ApiProperty({ ...UUID, example: EXAMPLE_ASSET, description: 'The asset a plan would buy' })
  @IsUUID()
  assetId: string;

  @ApiProperty({
    type: [String],
    items: { type: 'string', ...UUID },
    minItems: 1,
    maxItems: MAX_REPLACEMENTS,
    example: [EXAMPLE_REPLACEMENT],
    description: 'What to buy instead, best first: catalogue assets of the same assetType, each once, not the asset itself',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_REPLACEMENTS)
  @IsUUID(undefined, { each: true })
  replacements: string[];
}

export class PutSubstitutesDto {
  @ApiProperty({
    type: [SubstituteInputDto],
    maxItems: MAX_SUBSTITUTED_ASSETS,
    description: 'The whole set, replacing the current one; [] removes every substitute. Each assetId at most once.',
  })
  @IsArray()
  @ArrayMaxSize(MAX_SUBSTITUTED_ASSETS)
  @ValidateNestedDto(() => SubstituteInputDto, { each: true })
  substitutes: SubstituteInputDto[];
}

export class SubstituteDto {
  @ApiProperty({ ...UUID, example: EXAMPLE_ASSET })
  assetId: string;

  @ApiProperty({ type: [String], items: { type: 'string', ...UUID }, maxItems: MAX_REPLACEMENTS, example: [EXAMPLE_REPLACEMENT], description: 'Best first' })
  replacements: string[];
}

export class SubstitutesDto {
  @ApiProperty({ ...UUID })
  householdId: string;

  @ApiProperty({ type: [SubstituteDto], maxItems: MAX_SUBSTITUTED_ASSETS, description: 'By assetId' })
  substitutes: SubstituteDto[];
}

export class LocationPenaltyInputDto {
  @ApiProperty({ ...ASSET_CLASS_FIELD, example: 'bond', description: 'An asset class (assetType of the catalogue); cash is class cash' })
  @Transform(lower)
  @IsString()
  @Matches(ASSET_TYPE_PATTERN, { message: 'must be a lower-case slug of letters, digits and underscores, at most 50 characters' })
  assetClass: string;

  @ApiProperty({ enum: ACCOUNT_TYPES, enumName: 'AccountType', example: 'TAXABLE' })
  @IsIn(ACCOUNT_TYPES)
  accountType: AccountType;

  @ApiProperty({
    ...DECIMAL_INPUT,
    example: '0.004',
    description:
      'What a dollar of the class held in an account of this type costs a plan, 0 to 1 with at most 6 decimals (0.004: 40 cents a year per 100 dollars)',
  })
  @IsDecimalString(PENALTY_RULE)
  penaltyPerDollar: string;
}

export class PutAssetLocationDto {
  @ApiProperty({
    type: [LocationPenaltyInputDto],
    maxItems: MAX_LOCATION_PENALTIES,
    description:
      'The household’s whole table, replacing the default or its current one; cells left out cost nothing. [] goes back to the default. Each (assetClass, accountType) at most once.',
    example: [
      { assetClass: 'bond', accountType: 'TAXABLE', penaltyPerDollar: '0.004' },
      { assetClass: 'bond', accountType: 'TAX_EXEMPT', penaltyPerDollar: '0.002' },
      { assetClass: 'stock', accountType: 'TAX_DEFERRED', penaltyPerDollar: '0.002' },
    ],
  })
  @IsArray()
  @ArrayMaxSize(MAX_LOCATION_PENALTIES)
  @ValidateNestedDto(() => LocationPenaltyInputDto, { each: true })
  penalties: LocationPenaltyInputDto[];
}

export class LocationPenaltyDto {
  @ApiProperty({ ...ASSET_CLASS_FIELD, example: 'bond' })
  assetClass: string;

  @ApiProperty({ enum: ACCOUNT_TYPES, enumName: 'AccountType', example: 'TAXABLE' })
  accountType: AccountType;

  @ApiProperty({ ...DECIMAL, example: '0.004' })
  penaltyPerDollar: string;
}

export class AssetLocationDto {
  @ApiProperty({ ...UUID })
  householdId: string;

  @ApiProperty({ example: true, description: 'True: the household has no table of its own and plans use the default shown here' })
  isDefault: boolean;

  @ApiProperty({
    type: [LocationPenaltyDto],
    maxItems: MAX_LOCATION_PENALTIES,
    description: 'By assetClass, then account type (TAXABLE, TAX_DEFERRED, TAX_EXEMPT)',
  })
  penalties: LocationPenaltyDto[];
}
