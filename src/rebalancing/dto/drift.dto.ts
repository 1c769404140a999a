import { ApiProperty, OmitType } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { Transform } from 'class-transformer';
import { IsPastTimestamp } from '../../common/http/date-rules';
import { MAX_PAGE_SIZE, PageQueryDto } from '../../common/http/pagination';
import { CURSOR, DATE_TIME, DECIMAL, estimate, MAX_LIST_ITEMS, NOTES, UUID, MONEY_ESTIMATE } from '../../common/http/openapi-fields';
import { ASSET_CLASS_FIELD, ASSET_TYPE_PATTERN } from '../../portfolio/dto/asset.dto';

export const DRIFT_LEVELS = ['WITHIN_TOLERANCE', 'WARNING', 'CRITICAL'];
export const DRIFT_STATUSES = [...DRIFT_LEVELS, 'EMPTY'];
const ROUNDING = 'rounded half-even to 4 decimals';

export class DriftItemDto {
  @ApiProperty({ ...ASSET_CLASS_FIELD, example: 'stock' })
  assetType: string;

  @ApiProperty({ ...MONEY_ESTIMATE, example: '60000.00', description: estimate('Value of the class at current prices; cash is its ledger balance') })
  currentValue: string;

  @ApiProperty({ ...DECIMAL, example: '60.0000', description: `Share of the total, ${ROUNDING}` })
  currentPercentage: string;

  @ApiProperty({ ...DECIMAL, example: '50.0000', description: '0 for a class held without a target' })
  targetPercentage: string;

  @ApiProperty({ ...DECIMAL, example: '5.0000', description: 'The effective band in percentage points' })
  tolerancePercentage: string;

  @ApiProperty({
    ...DECIMAL,
    example: '10.0000',
    description: `currentPercentage − targetPercentage in percentage points, ${ROUNDING}; the level is decided on exact values`,
  })
  driftPercentage: string;

  @ApiProperty({
    enum: DRIFT_LEVELS,
    enumName: 'DriftLevel',
    example: 'WARNING',
    description: 'WITHIN_TOLERANCE: |drift| ≤ band; WARNING: ≤ 2 × band; CRITICAL: beyond',
  })
  driftLevel: string;
}

export class DriftReportDto {
  @ApiProperty({ ...UUID })
  portfolioId: string;

  @ApiProperty({ ...MONEY_ESTIMATE, example: '100000.00', description: estimate('Holdings at current prices plus cash') })
  totalValue: string;

  @ApiProperty({ ...DATE_TIME })
  calculatedAt: string;

  @ApiProperty({ enum: DRIFT_STATUSES, enumName: 'DriftStatus', example: 'WARNING', description: 'The worst level; EMPTY for a portfolio worth nothing' })
  status: string;

  @ApiProperty({ ...DECIMAL, example: '10.0000', description: `Σ|drift| / 2: the share of the portfolio that would have to move, ${ROUNDING}` })
  totalDrift: string;

  @ApiProperty({ type: [DriftItemDto], maxItems: MAX_LIST_ITEMS, description: 'One per class held or targeted, by assetType' })
  items: DriftItemDto[];

  @ApiProperty({ ...NOTES, example: ['No price for BTC: valued at 0'], description: 'Missing or stale prices' })
  warnings: string[];
}

/** The same report for a household: its targets against the sum of all its accounts' holdings and cash. */
export class HouseholdDriftReportDto extends OmitType(DriftReportDto, ['portfolioId'] as const) {
  @ApiProperty({ ...UUID })
  householdId: string;
}

export class DriftHistoryQueryDto extends PageQueryDto {
  @ApiProperty({ required: false, ...DATE_TIME, example: '2026-01-01T00:00:00Z' })
  @IsOptional()
  @IsPastTimestamp()
  from?: Date;

  // A past instant: the rule refuses a future one, so an example in the future would fail as written.
  @ApiProperty({ required: false, ...DATE_TIME, example: '2026-11-30T23:59:59Z' })
  @IsOptional()
  @IsPastTimestamp()
  to?: Date;

  @ApiProperty({ ...ASSET_CLASS_FIELD, required: false, example: 'stock' })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.trim().toLowerCase() : value))
  @Matches(ASSET_TYPE_PATTERN, { message: 'must be a lower-case slug' })
  assetType?: string;
}

export class DriftHistoryPointDto {
  @ApiProperty({ ...DATE_TIME })
  calculatedAt: string;

  @ApiProperty({ ...ASSET_CLASS_FIELD, example: 'stock' })
  assetType: string;

  @ApiProperty({ ...MONEY_ESTIMATE, example: '60000.00', description: estimate('Value of the class at the prices of the time') })
  currentValue: string;

  @ApiProperty({ ...DECIMAL, example: '60.0000' })
  currentPercentage: string;

  @ApiProperty({ ...DECIMAL, example: '50.0000' })
  targetPercentage: string;

  @ApiProperty({ ...DECIMAL, example: '5.0000' })
  tolerancePercentage: string;

  @ApiProperty({ ...DECIMAL, example: '10.0000' })
  driftPercentage: string;

  @ApiProperty({ enum: DRIFT_LEVELS, enumName: 'DriftLevel' })
  driftLevel: string;
}

export class DriftHistoryDto {
  @ApiProperty({ ...UUID })
  portfolioId: string;

  @ApiProperty({
    type: [DriftHistoryPointDto],
    maxItems: MAX_PAGE_SIZE,
    description: 'Oldest first; a point is stored only when a calculation differed from the one before',
  })
  items: DriftHistoryPointDto[];

  @ApiProperty({ type: String, nullable: true, ...CURSOR, example: null, description: 'Pass as cursor for the next page; null on the last page' })
  nextCursor: string | null;
}

/** The same series for a household's targets, over the sum of its accounts. */
export class HouseholdDriftHistoryDto extends OmitType(DriftHistoryDto, ['portfolioId'] as const) {
  @ApiProperty({ ...UUID })
  householdId: string;
}
