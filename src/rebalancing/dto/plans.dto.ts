import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsOptional, IsUUID } from 'class-validator';
import { ValidateNestedDto } from '../../common/http/validate-nested-dto';
import { IsDecimalString } from '../../common/decimal/is-decimal.validator';
import { MAX_PAGE_SIZE, PageQueryDto } from '../../common/http/pagination';
import { PRICE_RULE } from '../../portfolio/decimal-rules';
import { DriftReportDto } from './drift.dto';
import { SuggestionDto, SuggestionQueryDto, SuggestionSummaryDto } from './suggestions.dto';
import { CURSOR, DATE_TIME, DECIMAL, DECIMAL_INPUT, MAX_LIST_ITEMS, NOTES, UUID } from '../../common/http/openapi-fields';

export const PLAN_STATUSES = ['PENDING', 'EXECUTED', 'PARTIALLY_EXECUTED', 'CANCELLED'];
export const PLAN_ITEM_STATUSES = ['PENDING', 'EXECUTED', 'CANCELLED', 'SKIPPED'];

/** The same options as GET .../rebalance/suggestions, in the body. */
export class CreatePlanDto extends SuggestionQueryDto {}

export class FillDto {
  @ApiProperty({ ...UUID, description: 'A plan item id' })
  @IsUUID()
  itemId: string;

  @ApiProperty({ ...DECIMAL_INPUT, example: '100.05', description: 'The price actually obtained' })
  @IsDecimalString(PRICE_RULE)
  price: string;
}

export class ExecutePlanDto {
  @ApiPropertyOptional({ type: [FillDto], maxItems: 1000, description: "Fill prices per item; items not listed execute at the plan's price" })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @ValidateNestedDto(() => FillDto, { each: true })
  fills?: FillDto[];
}

export class PlanOptionsDto {
  @ApiProperty({ enum: ['TO_TARGET', 'TO_BAND'], enumName: 'Strategy' })
  strategy: string;

  @ApiProperty()
  allowSells: boolean;

  @ApiProperty({ ...DECIMAL, example: '0' })
  cashFlow: string;

  @ApiProperty({ ...DECIMAL, example: '0' })
  minTradeValue: string;

  @ApiProperty()
  fractional: boolean;

  @ApiProperty()
  taxAware: boolean;
}

export class PlanItemDto extends SuggestionDto {
  @ApiProperty({ ...UUID })
  id: string;

  @ApiProperty({ enum: PLAN_ITEM_STATUSES, enumName: 'PlanItemStatus', description: 'SKIPPED: a class-level BUY with no asset to buy' })
  status: string;

  @ApiProperty({ type: String, ...DATE_TIME, nullable: true })
  executedAt: string | null;

  @ApiProperty({ type: String, ...UUID, nullable: true, description: 'The transaction that executed it' })
  transactionId: string | null;
}

export class PlanExecutionDto {
  @ApiProperty({ type: Number, example: 2, description: 'Items recorded as transactions' })
  executedItems: number;

  @ApiProperty({ type: Number, example: 0, description: 'Items that could not be recorded (SKIPPED): a class-level BUY with no asset to buy' })
  skippedItems: number;

  @ApiProperty({ ...DECIMAL, example: '6000', description: 'Σ quantity × recorded price of the executed BUYs, exact' })
  totalBuys: string;

  @ApiProperty({ ...DECIMAL, example: '6000', description: 'Σ quantity × recorded price of the executed SELLs, exact' })
  totalSells: string;

  @ApiProperty({
    type: String,
    ...UUID,
    nullable: true,
    description: 'The DEPOSIT (before the trades) or WITHDRAWAL (after the SELLs, before the BUYs) recorded for options.cashFlow; null when the cash flow is 0',
  })
  cashFlowTransactionId: string | null;

  @ApiProperty({ type: DriftReportDto, description: 'Measured from the ledger once the trades were recorded, not projected: compare with summary.driftAfter' })
  driftAfter: DriftReportDto;
}

export class PlanDto {
  @ApiProperty({ ...UUID })
  id: string;

  @ApiProperty({ ...UUID })
  portfolioId: string;

  @ApiProperty({
    enum: PLAN_STATUSES,
    enumName: 'PlanStatus',
    description: "EXECUTED: every item was recorded; PARTIALLY_EXECUTED: executed, but some item could not be (see execution and the items' status)",
  })
  status: string;

  @ApiProperty({ type: PlanOptionsDto })
  options: PlanOptionsDto;

  @ApiProperty({
    enum: ['MANUAL', 'AUTOMATIC'],
    enumName: 'PlanOrigin',
    description: 'AUTOMATIC: proposed by the drift monitor for a drift alert (autoRebalance SUGGEST); never executed automatically',
  })
  origin: string;

  @ApiProperty({ type: [PlanItemDto], maxItems: MAX_LIST_ITEMS, description: 'In the order they execute: SELLs, then BUYs' })
  items: PlanItemDto[];

  @ApiProperty({ type: SuggestionSummaryDto, description: 'As computed when the plan was made' })
  summary: SuggestionSummaryDto;

  @ApiProperty({ type: PlanExecutionDto, nullable: true, description: 'What execute recorded; null until executed' })
  execution: PlanExecutionDto | null;

  @ApiProperty({ ...NOTES })
  warnings: string[];

  @ApiProperty({ ...DATE_TIME })
  createdAt: string;

  @ApiProperty({ type: String, ...DATE_TIME, nullable: true })
  executedAt: string | null;

  @ApiProperty({ type: String, ...DATE_TIME, nullable: true })
  cancelledAt: string | null;
}

export class PlanSummaryListDto {
  @ApiProperty({ type: [PlanDto], maxItems: MAX_PAGE_SIZE })
  items: PlanDto[];

  @ApiProperty({ type: String, nullable: true, ...CURSOR, example: null, description: 'Pass as cursor for the next page; null on the last page' })
  nextCursor: string | null;
}

export class PlanQueryDto extends PageQueryDto {}
