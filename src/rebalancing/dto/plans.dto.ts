import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsOptional, IsUUID, ValidateNested } from 'class-validator';
import { IsDecimalString } from '../../common/decimal/is-decimal.validator';
import { PageQueryDto } from '../../common/http/pagination';
import { PRICE_RULE } from '../../portfolio/dto/decimal-rules';
import { SuggestionDto, SuggestionQueryDto, SuggestionSummaryDto } from './suggestions.dto';

export const PLAN_STATUSES = ['PENDING', 'EXECUTED', 'CANCELLED'];
export const PLAN_ITEM_STATUSES = ['PENDING', 'EXECUTED', 'CANCELLED', 'SKIPPED'];

/** The same options as GET .../rebalance/suggestions, in the body. */
export class CreatePlanDto extends SuggestionQueryDto {}

export class FillDto {
  @ApiProperty({ format: 'uuid', description: 'A plan item id' })
  @IsUUID()
  itemId: string;

  @ApiProperty({ type: String, example: '100.05', description: 'The price actually obtained' })
  @IsDecimalString(PRICE_RULE)
  price: string;
}

export class ExecutePlanDto {
  @ApiPropertyOptional({ type: [FillDto], description: 'Fill prices per item; items not listed execute at the plan\'s price' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => FillDto)
  fills?: FillDto[];
}

export class PlanOptionsDto {
  @ApiProperty({ enum: ['TO_TARGET', 'TO_BAND'], enumName: 'Strategy' })
  strategy: string;

  @ApiProperty()
  allowSells: boolean;

  @ApiProperty({ type: String, example: '0' })
  cashFlow: string;

  @ApiProperty({ type: String, example: '0' })
  minTradeValue: string;

  @ApiProperty()
  fractional: boolean;

  @ApiProperty()
  taxAware: boolean;
}

export class PlanItemDto extends SuggestionDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ enum: PLAN_ITEM_STATUSES, enumName: 'PlanItemStatus', description: 'SKIPPED: a class-level BUY with no asset to buy' })
  status: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  executedAt: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The transaction that executed it' })
  transactionId: string | null;
}

export class PlanDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  portfolioId: string;

  @ApiProperty({ enum: PLAN_STATUSES, enumName: 'PlanStatus' })
  status: string;

  @ApiProperty({ type: PlanOptionsDto })
  options: PlanOptionsDto;

  @ApiProperty({ enum: ['MANUAL', 'AUTOMATIC'], enumName: 'PlanOrigin', description: 'AUTOMATIC: proposed by the drift monitor for a drift alert (autoRebalance SUGGEST); never executed automatically' })
  origin: string;

  @ApiProperty({ type: [PlanItemDto], description: 'In the order they execute: SELLs, then BUYs' })
  items: PlanItemDto[];

  @ApiProperty({ type: SuggestionSummaryDto, description: 'As computed when the plan was made' })
  summary: SuggestionSummaryDto;

  @ApiProperty({ type: [String] })
  warnings: string[];

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  executedAt: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  cancelledAt: string | null;
}

export class PlanSummaryListDto {
  @ApiProperty({ type: [PlanDto] })
  items: PlanDto[];

  @ApiProperty({ type: String, nullable: true, example: null })
  nextCursor: string | null;
}

export class PlanQueryDto extends PageQueryDto {}
