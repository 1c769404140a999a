import { ApiProperty } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { Transform } from 'class-transformer';
import { IsPastTimestamp } from '../../common/http/date-rules';
import { ASSET_TYPE_PATTERN } from '../../portfolio/dto/asset.dto';
import { PageQueryDto } from '../../common/http/pagination';

export const DRIFT_LEVELS = ['WITHIN_TOLERANCE', 'WARNING', 'CRITICAL'];
export const DRIFT_STATUSES = [...DRIFT_LEVELS, 'EMPTY'];
const ROUNDING = 'rounded half-even to 4 decimals';

export class DriftItemDto {
  @ApiProperty({ example: 'stock' })
  assetType: string;

  @ApiProperty({ type: String, example: '60000', description: 'Exact value of the class' })
  currentValue: string;

  @ApiProperty({ type: String, example: '60.0000', description: `Share of the total, ${ROUNDING}` })
  currentPercentage: string;

  @ApiProperty({ type: String, example: '50.0000', description: '0 for a class held without a target' })
  targetPercentage: string;

  @ApiProperty({ type: String, example: '5.0000', description: 'The effective band in percentage points' })
  tolerancePercentage: string;

  @ApiProperty({ type: String, example: '10.0000', description: `currentPercentage − targetPercentage in percentage points, ${ROUNDING}; the level is decided on exact values` })
  driftPercentage: string;

  @ApiProperty({ enum: DRIFT_LEVELS, enumName: 'DriftLevel', example: 'WARNING', description: 'WITHIN_TOLERANCE: |drift| ≤ band; WARNING: ≤ 2 × band; CRITICAL: beyond' })
  driftLevel: string;
}

export class DriftReportDto {
  @ApiProperty({ format: 'uuid' })
  portfolioId: string;

  @ApiProperty({ type: String, example: '100000', description: 'Holdings at current prices plus cash, exact' })
  totalValue: string;

  @ApiProperty({ format: 'date-time' })
  calculatedAt: string;

  @ApiProperty({ enum: DRIFT_STATUSES, enumName: 'DriftStatus', example: 'WARNING', description: 'The worst level; EMPTY for a portfolio worth nothing' })
  status: string;

  @ApiProperty({ type: String, example: '10.0000', description: `Σ|drift| / 2: the share of the portfolio that would have to move, ${ROUNDING}` })
  totalDrift: string;

  @ApiProperty({ type: [DriftItemDto], description: 'One per class held or targeted, by assetType' })
  items: DriftItemDto[];

  @ApiProperty({ type: [String], example: ['No price for BTC: valued at 0'], description: 'Missing or stale prices' })
  warnings: string[];
}

export class DriftHistoryQueryDto extends PageQueryDto {
  @ApiProperty({ required: false, format: 'date-time', example: '2026-01-01T00:00:00Z' })
  @IsOptional()
  @IsPastTimestamp()
  from?: Date;

  @ApiProperty({ required: false, format: 'date-time', example: '2026-12-31T23:59:59Z' })
  @IsOptional()
  @IsPastTimestamp()
  to?: Date;

  @ApiProperty({ required: false, example: 'stock' })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.trim().toLowerCase() : value))
  @Matches(ASSET_TYPE_PATTERN, { message: 'must be a lower-case slug' })
  assetType?: string;
}

export class DriftHistoryPointDto {
  @ApiProperty({ format: 'date-time' })
  calculatedAt: string;

  @ApiProperty({ example: 'stock' })
  assetType: string;

  @ApiProperty({ type: String, example: '60000' })
  currentValue: string;

  @ApiProperty({ type: String, example: '60.0000' })
  currentPercentage: string;

  @ApiProperty({ type: String, example: '50.0000' })
  targetPercentage: string;

  @ApiProperty({ type: String, example: '5.0000' })
  tolerancePercentage: string;

  @ApiProperty({ type: String, example: '10.0000' })
  driftPercentage: string;

  @ApiProperty({ enum: DRIFT_LEVELS, enumName: 'DriftLevel' })
  driftLevel: string;
}

export class DriftHistoryDto {
  @ApiProperty({ format: 'uuid' })
  portfolioId: string;

  @ApiProperty({ type: [DriftHistoryPointDto], description: 'Oldest first; a point is stored only when a calculation differed from the one before' })
  items: DriftHistoryPointDto[];

  @ApiProperty({ type: String, nullable: true, example: null, description: 'Pass as cursor for the next page; null on the last one' })
  nextCursor: string | null;
}
