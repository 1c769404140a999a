import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { MAX_PAGE_SIZE, PageQueryDto } from '../../common/http/pagination';
import { CURSOR, DATE_TIME, DECIMAL, estimate, MAX_LIST_ITEMS, UUID, MONEY_ESTIMATE } from '../../common/http/openapi-fields';
import { ASSET_CLASS_FIELD } from '../../portfolio/dto/asset.dto';

export const ALERT_STATUSES = ['OPEN', 'ACKNOWLEDGED', 'RESOLVED'];
export const ALERT_LEVELS = ['WARNING', 'CRITICAL'];
const ROUNDING = 'rounded half-even to 4 decimals';

export class DriftAlertItemDto {
  @ApiProperty({ ...ASSET_CLASS_FIELD, example: 'stock' })
  assetType: string;

  @ApiProperty({ ...MONEY_ESTIMATE, example: '75000.00', description: estimate('Value of the class at the prices of the time') })
  currentValue: string;

  @ApiProperty({ ...DECIMAL, example: '75.0000', description: `Share of the total, ${ROUNDING}` })
  currentPercentage: string;

  @ApiProperty({ ...DECIMAL, example: '60.0000' })
  targetPercentage: string;

  @ApiProperty({ ...DECIMAL, example: '5.0000', description: 'The effective band in percentage points' })
  tolerancePercentage: string;

  @ApiProperty({ ...DECIMAL, example: '15.0000', description: `In percentage points, ${ROUNDING}` })
  driftPercentage: string;

  @ApiProperty({ enum: ALERT_LEVELS, enumName: 'AlertLevel', example: 'CRITICAL' })
  driftLevel: string;
}

export class DriftAlertDto {
  @ApiProperty({ ...UUID })
  id: string;

  @ApiProperty({ ...UUID, nullable: true, type: String, description: 'The portfolio out of its band; null for a household’s alert' })
  portfolioId: string | null;

  @ApiProperty({
    ...UUID,
    nullable: true,
    type: String,
    example: null,
    description: 'The household out of its household targets’ band (GET /households/{id}/drift); null for a portfolio’s alert',
  })
  householdId: string | null;

  @ApiProperty({
    enum: ALERT_STATUSES,
    enumName: 'AlertStatus',
    example: 'OPEN',
    description: 'OPEN and ACKNOWLEDGED are unresolved; an escalation re-opens an acknowledged alert',
  })
  status: string;

  @ApiProperty({ enum: ALERT_LEVELS, enumName: 'AlertLevel', example: 'WARNING', description: 'The current level; it rises (escalates) and falls in place' })
  level: string;

  @ApiProperty({ ...MONEY_ESTIMATE, example: '100000.00', description: estimate('Total value when the level last changed') })
  totalValue: string;

  @ApiProperty({ ...DECIMAL, example: '15.0000', description: `Σ|drift| / 2 when the level last changed, ${ROUNDING}` })
  totalDrift: string;

  @ApiProperty({ type: [DriftAlertItemDto], maxItems: MAX_LIST_ITEMS, description: 'The classes out of their band when the level last changed' })
  items: DriftAlertItemDto[];

  @ApiProperty({ ...DATE_TIME })
  openedAt: string;

  @ApiProperty({ ...DATE_TIME })
  levelChangedAt: string;

  @ApiProperty({ ...DATE_TIME, nullable: true, type: String })
  acknowledgedAt: string | null;

  @ApiProperty({ ...DATE_TIME, nullable: true, type: String })
  resolvedAt: string | null;

  @ApiProperty({
    ...UUID,
    nullable: true,
    type: String,
    description:
      "The automatic plan proposed for this alert (autoRebalance SUGGEST): for a portfolio's alert, GET /portfolios/{portfolioId}/rebalance/plans/{planId}; for a household's, GET /households/{householdId}/rebalance/plans/{planId}",
  })
  planId: string | null;
}

export class DriftAlertListDto {
  @ApiProperty({ type: [DriftAlertDto], maxItems: MAX_PAGE_SIZE, description: 'Newest first' })
  items: DriftAlertDto[];

  @ApiProperty({ type: String, nullable: true, ...CURSOR, example: null, description: 'Pass as cursor for the next page; null on the last page' })
  nextCursor: string | null;
}

export class DriftAlertQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ALERT_STATUSES, enumName: 'AlertStatus' })
  @IsOptional()
  @IsIn(ALERT_STATUSES)
  status?: string;

  @ApiPropertyOptional({ enum: ALERT_LEVELS, enumName: 'AlertLevel' })
  @IsOptional()
  @IsIn(ALERT_LEVELS)
  level?: string;
}

export class DriftScanDto {
  @ApiProperty({ ...UUID })
  id: string;

  @ApiProperty({ enum: ['SCHEDULED', 'MANUAL'], enumName: 'ScanTrigger' })
  trigger: string;

  @ApiProperty({ enum: ['RUNNING', 'COMPLETED'], enumName: 'ScanStatus' })
  status: string;

  @ApiProperty({ example: 10000, description: 'Portfolios with targets when the scan started' })
  portfolioCount: number;

  @ApiProperty({ example: 40, description: 'Households with targets of their own when the scan started, evaluated in batches after the portfolios' })
  householdCount: number;

  @ApiProperty({ example: 20 })
  batchCount: number;

  @ApiProperty({ example: 20 })
  batchesDone: number;

  @ApiProperty({ example: 10040, description: 'Portfolios and households evaluated so far, each once' })
  evaluatedCount: number;

  @ApiProperty({ example: 12 })
  alertsOpened: number;

  @ApiProperty({ example: 1 })
  alertsEscalated: number;

  @ApiProperty({ example: 3 })
  alertsResolved: number;

  @ApiProperty({ ...DATE_TIME })
  startedAt: string;

  @ApiProperty({ ...DATE_TIME, nullable: true, type: String })
  finishedAt: string | null;
}
