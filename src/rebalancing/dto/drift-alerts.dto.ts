import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { PageQueryDto } from '../../common/http/pagination';

export const ALERT_STATUSES = ['OPEN', 'ACKNOWLEDGED', 'RESOLVED'];
export const ALERT_LEVELS = ['WARNING', 'CRITICAL'];
const ROUNDING = 'rounded half-even to 4 decimals';

export class DriftAlertItemDto {
  @ApiProperty({ example: 'stock' })
  assetType: string;

  @ApiProperty({ type: String, example: '75000', description: 'Exact value of the class' })
  currentValue: string;

  @ApiProperty({ type: String, example: '75.0000', description: `Share of the total, ${ROUNDING}` })
  currentPercentage: string;

  @ApiProperty({ type: String, example: '60.0000' })
  targetPercentage: string;

  @ApiProperty({ type: String, example: '5.0000', description: 'The effective band in percentage points' })
  tolerancePercentage: string;

  @ApiProperty({ type: String, example: '15.0000', description: `In percentage points, ${ROUNDING}` })
  driftPercentage: string;

  @ApiProperty({ enum: ALERT_LEVELS, enumName: 'AlertLevel', example: 'CRITICAL' })
  driftLevel: string;
}

export class DriftAlertDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  portfolioId: string;

  @ApiProperty({ enum: ALERT_STATUSES, enumName: 'AlertStatus', example: 'OPEN', description: 'OPEN and ACKNOWLEDGED are unresolved; an escalation re-opens an acknowledged alert' })
  status: string;

  @ApiProperty({ enum: ALERT_LEVELS, enumName: 'AlertLevel', example: 'WARNING', description: 'The current level; it rises (escalates) and falls in place' })
  level: string;

  @ApiProperty({ type: String, example: '100000', description: 'Total value when the level last changed, exact' })
  totalValue: string;

  @ApiProperty({ type: String, example: '15.0000', description: `Σ|drift| / 2 when the level last changed, ${ROUNDING}` })
  totalDrift: string;

  @ApiProperty({ type: [DriftAlertItemDto], description: 'The classes out of their band when the level last changed' })
  items: DriftAlertItemDto[];

  @ApiProperty({ format: 'date-time' })
  openedAt: string;

  @ApiProperty({ format: 'date-time' })
  levelChangedAt: string;

  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  acknowledgedAt: string | null;

  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  resolvedAt: string | null;

  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'The automatic PENDING plan proposed for this alert (autoRebalance SUGGEST)' })
  planId: string | null;
}

export class DriftAlertListDto {
  @ApiProperty({ type: [DriftAlertDto], description: 'Newest first' })
  items: DriftAlertDto[];

  @ApiProperty({ type: String, nullable: true, description: 'Pass as cursor for the next page; null on the last page' })
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
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ enum: ['SCHEDULED', 'MANUAL'], enumName: 'ScanTrigger' })
  trigger: string;

  @ApiProperty({ enum: ['RUNNING', 'COMPLETED'], enumName: 'ScanStatus' })
  status: string;

  @ApiProperty({ example: 10000, description: 'Portfolios with targets when the scan started' })
  portfolioCount: number;

  @ApiProperty({ example: 20 })
  batchCount: number;

  @ApiProperty({ example: 20 })
  batchesDone: number;

  @ApiProperty({ example: 10000, description: 'Portfolios evaluated so far, each once' })
  evaluatedCount: number;

  @ApiProperty({ example: 12 })
  alertsOpened: number;

  @ApiProperty({ example: 1 })
  alertsEscalated: number;

  @ApiProperty({ example: 3 })
  alertsResolved: number;

  @ApiProperty({ format: 'date-time' })
  startedAt: string;

  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  finishedAt: string | null;
}
