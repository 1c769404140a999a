import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsOptional, IsString, IsUUID, Matches } from 'class-validator';
import { ValidateNestedDto } from '../../common/http/validate-nested-dto';
import { IsDecimalString, type DecimalRule } from '../../common/decimal/is-decimal.validator';
import { ASSET_TYPE_PATTERN } from '../../portfolio/dto/asset.dto';
import { DATE_TIME, DECIMAL, DECIMAL_INPUT, UUID } from '../../common/http/openapi-fields';
import { ASSET_CLASS_FIELD } from '../../portfolio/dto/asset.dto';

/** Percentages of a target set: 0 to 100 with at most 2 decimals. */
export const PERCENTAGE_RULE: DecimalRule = { maxScale: 2, maxIntegerDigits: 3, min: '0', max: '100' };
export const DEFAULT_TOLERANCE_PERCENTAGE = '5';
export const MAX_TARGETS = 50;

const lower = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value);

export class TargetInputDto {
  @ApiProperty({ ...ASSET_CLASS_FIELD, example: 'stock', description: 'The asset class (assetType of the catalogue); cash is class cash' })
  @Transform(lower)
  @IsString()
  @Matches(ASSET_TYPE_PATTERN, { message: 'must be a lower-case slug of letters, digits and underscores, at most 50 characters' })
  assetType: string;

  @ApiProperty({ ...DECIMAL_INPUT, example: '60', description: '0 to 100, at most 2 decimals; the set sums to exactly 100' })
  @IsDecimalString(PERCENTAGE_RULE)
  targetPercentage: string;

  @ApiPropertyOptional({ ...DECIMAL_INPUT, example: '5', default: DEFAULT_TOLERANCE_PERCENTAGE, description: 'Absolute band in percentage points, 0 to 100' })
  @IsOptional()
  @IsDecimalString(PERCENTAGE_RULE)
  tolerancePercentage?: string;

  @ApiPropertyOptional({
    ...DECIMAL_INPUT,
    example: '25',
    description: 'Band relative to the target, in percent of it (5/25 rule); the effective band is the smaller',
  })
  @IsOptional()
  @IsDecimalString(PERCENTAGE_RULE)
  relativeTolerancePercentage?: string;

  @ApiPropertyOptional({ ...UUID, description: 'The asset to buy when the class is underweight; must be of this class' })
  @IsOptional()
  @IsUUID()
  preferredAssetId?: string;
}

export class PutTargetsDto {
  @ApiProperty({
    type: [TargetInputDto],
    maxItems: MAX_TARGETS,
    description: 'The whole set, replacing the current one; [] removes the targets',
    example: [
      { assetType: 'stock', targetPercentage: '60', tolerancePercentage: '5' },
      { assetType: 'bond', targetPercentage: '30', tolerancePercentage: '5', relativeTolerancePercentage: '25' },
      { assetType: 'cash', targetPercentage: '10' },
    ],
  })
  @IsArray()
  @ArrayMaxSize(MAX_TARGETS)
  @ValidateNestedDto(() => TargetInputDto, { each: true })
  targets: TargetInputDto[];
}

export class TargetDto {
  @ApiProperty({ ...ASSET_CLASS_FIELD, example: 'stock' })
  assetType: string;

  @ApiProperty({ ...DECIMAL, example: '60' })
  targetPercentage: string;

  @ApiProperty({ ...DECIMAL, example: '5' })
  tolerancePercentage: string;

  @ApiProperty({ ...DECIMAL, nullable: true, example: null })
  relativeTolerancePercentage: string | null;

  @ApiProperty({ ...DECIMAL, example: '5', description: 'The band drift is judged by: min(absolute, target × relative / 100)' })
  effectiveTolerancePercentage: string;

  @ApiProperty({ type: String, ...UUID, nullable: true, example: null })
  preferredAssetId: string | null;

  @ApiProperty({ ...DATE_TIME })
  createdAt: string;

  @ApiProperty({ ...DATE_TIME })
  updatedAt: string;
}

export class TargetsDto {
  @ApiProperty({ ...UUID })
  portfolioId: string;

  @ApiProperty({ type: [TargetDto], maxItems: MAX_TARGETS, description: 'By assetType' })
  targets: TargetDto[];
}

export class HouseholdTargetsDto {
  @ApiProperty({ ...UUID })
  householdId: string;

  @ApiProperty({ type: [TargetDto], maxItems: MAX_TARGETS, description: 'By assetType; judged over the sum of the household’s accounts' })
  targets: TargetDto[];
}
