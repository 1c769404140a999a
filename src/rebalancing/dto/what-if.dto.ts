import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsArray, IsIn, IsOptional, IsUUID, Matches, ValidateBy, ValidateIf } from 'class-validator';
import { ValidateNestedDto } from '../../common/http/validate-nested-dto';
import { IsDecimalString } from '../../common/decimal/is-decimal.validator';
import { ASSET_TYPE_PATTERN } from '../../portfolio/dto/asset.dto';
import { AMOUNT_RULE, QUANTITY_RULE } from '../../portfolio/decimal-rules';
import { MAX_WHAT_IF_TRADES } from '../domain/what-if';
import { DriftReportDto } from './drift.dto';
import { DECIMAL, DECIMAL_INPUT, estimate, MAX_LIST_ITEMS, NOTES, UUID, MONEY_ESTIMATE } from '../../common/http/openapi-fields';
import { ASSET_CLASS_FIELD, SYMBOL_FIELD } from '../../portfolio/dto/asset.dto';

export const TRADE_ACTIONS = ['BUY', 'SELL'] as const;

/** Exactly one of the named fields must be present; reported on the field it decorates. */
function ExactlyOneOf(fields: string[]): PropertyDecorator {
  return ValidateBy({
    name: 'exactlyOneOf',
    validator: {
      validate: (_value, args) => fields.filter((field) => (args?.object as Record<string, unknown>)[field] !== undefined).length === 1,
      defaultMessage: () => `exactly one of ${fields.join(', ')} must be given`,
    },
  });
}

export class WhatIfTradeDto {
  @ApiPropertyOptional({
    ...ASSET_CLASS_FIELD,
    example: 'bond',
    description: 'A class-level trade (give assetType or assetId, not both). A class SELL is spread pro rata over its holdings.',
  })
  // Validated when given, or when assetId is missing too, so "neither" is reported here.
  @ValidateIf((trade: WhatIfTradeDto) => trade.assetType !== undefined || trade.assetId === undefined)
  @ExactlyOneOf(['assetType', 'assetId'])
  @Transform(({ value }) => (typeof value === 'string' ? value.trim().toLowerCase() : value))
  @Matches(ASSET_TYPE_PATTERN, { message: 'must be a lower-case slug' })
  assetType?: string;

  @ApiPropertyOptional({ ...UUID, description: "An asset-level trade; its SELL is estimated with the portfolio's lot method" })
  @IsOptional()
  @IsUUID()
  assetId?: string;

  @ApiProperty({ enum: TRADE_ACTIONS, enumName: 'TradeAction', example: 'BUY' })
  @IsIn(TRADE_ACTIONS)
  action: 'BUY' | 'SELL';

  @ApiPropertyOptional({ ...DECIMAL_INPUT, example: '10000', description: 'Money to trade (give value or quantity, not both)' })
  @ValidateIf((trade: WhatIfTradeDto) => trade.value !== undefined || trade.quantity === undefined)
  @ExactlyOneOf(['value', 'quantity'])
  @IsDecimalString(AMOUNT_RULE)
  value?: string;

  @ApiPropertyOptional({ ...DECIMAL_INPUT, example: '10', description: 'Units to trade (asset-level trades)' })
  @IsOptional()
  @IsDecimalString(QUANTITY_RULE)
  quantity?: string;
}

export class WhatIfRequestDto {
  @ApiProperty({
    type: [WhatIfTradeDto],
    maxItems: MAX_WHAT_IF_TRADES,
    description: `Applied in order, at current prices; up to ${MAX_WHAT_IF_TRADES}. An empty list shows the portfolio as it is.`,
    example: [
      { assetType: 'stock', action: 'SELL', value: '10000' },
      { assetType: 'bond', action: 'BUY', value: '10000' },
    ],
  })
  @IsArray()
  @ValidateNestedDto(() => WhatIfTradeDto, { each: true })
  trades: WhatIfTradeDto[];

  @ApiPropertyOptional({ ...DECIMAL_INPUT, example: '0', description: 'Money in (> 0) or out (< 0) before the trades' })
  @IsOptional()
  @IsDecimalString({ maxScale: 8, maxIntegerDigits: 14 })
  cashFlow?: string;
}

export class TermEstimateDto {
  @ApiProperty({ ...MONEY_ESTIMATE, example: '1200.00', description: estimate('Sum of realized gains') })
  gains: string;

  @ApiProperty({ ...MONEY_ESTIMATE, example: '-300.00', description: estimate('Sum of realized losses (negative)') })
  losses: string;

  @ApiProperty({ ...MONEY_ESTIMATE, example: '900.00', description: estimate('gains + losses, exact before rounding') })
  net: string;
}

export class WashSaleFlagDto {
  @ApiProperty({ example: 0, description: 'Index of the trade in the request' })
  tradeIndex: number;

  @ApiProperty({ ...UUID })
  assetId: string;

  @ApiProperty({ ...SYMBOL_FIELD, example: 'VTI' })
  symbol: string;

  @ApiProperty({ ...MONEY_ESTIMATE, example: '120.50', description: estimate('Loss that the wash-sale rule would disallow') })
  disallowed: string;
}

export class EstimatedTaxDto {
  @ApiProperty({ type: TermEstimateDto })
  shortTerm: TermEstimateDto;

  @ApiProperty({ type: TermEstimateDto })
  longTerm: TermEstimateDto;

  @ApiProperty({ ...MONEY_ESTIMATE, example: '0.00', description: estimate('Total loss the wash-sale rule would disallow') })
  washSaleDisallowed: string;

  @ApiProperty({ type: [WashSaleFlagDto], maxItems: MAX_LIST_ITEMS })
  washSales: WashSaleFlagDto[];
}

export class WhatIfResponseDto {
  @ApiProperty({ type: DriftReportDto })
  before: DriftReportDto;

  @ApiProperty({ type: DriftReportDto })
  after: DriftReportDto;

  @ApiProperty({ ...DECIMAL, example: '10000', description: "The ledger's cash balance, exact" })
  cashBefore: string;

  @ApiProperty({ ...MONEY_ESTIMATE, example: '10000.00', description: estimate('Cash after the cash flow and the trades') })
  cashAfter: string;

  @ApiProperty({ ...MONEY_ESTIMATE, example: '100000.00', description: estimate('Holdings at current prices plus cash') })
  totalValueBefore: string;

  @ApiProperty({ ...MONEY_ESTIMATE, example: '100000.00', description: estimate('totalValueBefore + cashFlow, exact before rounding') })
  totalValueAfter: string;

  @ApiProperty({ type: EstimatedTaxDto, description: "Realized gains the SELLs would produce, by term, with the portfolio's lot method and wash-sale rules" })
  estimatedTax: EstimatedTaxDto;

  @ApiProperty({ ...NOTES, example: [] })
  warnings: string[];
}
