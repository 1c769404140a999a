import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsISO4217CurrencyCode, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { ValidateNestedDto } from '../../common/http/validate-nested-dto';
import { IsDecimalString } from '../../common/decimal/is-decimal.validator';
import { MAX_PAGE_SIZE, PageQueryDto } from '../../common/http/pagination';
import { ACCOUNT_TYPES, type AccountType } from '../domain/account-types';
import { LOT_METHODS, type LotMethod } from '../domain/lot-methods';
import { CURRENCY, CURSOR, DATE_TIME, DECIMAL, DECIMAL_INPUT, estimate, NOTES, UUID, MONEY_ESTIMATE } from '../../common/http/openapi-fields';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const upper = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toUpperCase() : value);

export const AUTO_REBALANCE = ['OFF', 'SUGGEST'] as const;
/** The column's default too (see the migration that added it). */
export const DEFAULT_UNTARGETED_TOLERANCE_PERCENTAGE = '2';
const UNTARGETED_TOLERANCE_DESCRIPTION =
  'Drift band, in percentage points 0 to 100 (at most 2 decimals), of a class held without a target: such a class is shown with target 0 and this band, WARNING past it and CRITICAL past twice it. 0 makes any untargeted holding CRITICAL.';
const STRATEGIES = ['TO_TARGET', 'TO_BAND'] as const;
/** The household the examples name: the Swagger examples test makes one under this id. */
export const EXAMPLE_HOUSEHOLD_ID = '9d4f3a2e-7c1b-4e8a-b5d6-2f0e1a3c4b5d';
const ACCOUNT_TYPE_DESCRIPTION =
  'TAXABLE (a brokerage account), TAX_DEFERRED (traditional IRA, 401(k)) or TAX_EXEMPT (Roth IRA, HSA): sales in the last two realize nothing reportable, and a purchase there within 30 days of a loss sale in a taxable account of the household disallows that loss for good';
const ACCOUNT_EXTERNAL_ID_DESCRIPTION = 'Your own id for this account, unique among your portfolios';

/** The options automatic plans use, with the meaning and defaults of a plan request. */
export class RebalanceOptionsInputDto {
  @ApiPropertyOptional({ enum: STRATEGIES, enumName: 'Strategy', default: 'TO_TARGET' })
  @IsOptional()
  @IsIn(STRATEGIES)
  strategy?: (typeof STRATEGIES)[number];

  @ApiPropertyOptional({ type: Boolean, default: true })
  @IsOptional()
  @IsBoolean()
  allowSells?: boolean;

  @ApiPropertyOptional({ ...DECIMAL_INPUT, example: '100', default: '0', description: 'Trades worth less are dropped' })
  @IsOptional()
  @IsDecimalString({ maxScale: 8, maxIntegerDigits: 14, min: '0' })
  minTradeValue?: string;

  @ApiPropertyOptional({ type: Boolean, default: true })
  @IsOptional()
  @IsBoolean()
  fractional?: boolean;

  @ApiPropertyOptional({ type: Boolean, default: true })
  @IsOptional()
  @IsBoolean()
  taxAware?: boolean;
}

export class RebalanceOptionsDto {
  @ApiProperty({ enum: STRATEGIES, enumName: 'Strategy', example: 'TO_TARGET' })
  strategy: string;

  @ApiProperty({ example: true })
  allowSells: boolean;

  @ApiProperty({ ...DECIMAL, example: '0' })
  minTradeValue: string;

  @ApiProperty({ example: true })
  fractional: boolean;

  @ApiProperty({ example: true })
  taxAware: boolean;
}

class AutomationInputDto {
  @ApiPropertyOptional({
    enum: AUTO_REBALANCE,
    enumName: 'AutoRebalance',
    default: 'OFF',
    description: 'SUGGEST: when a drift alert opens or escalates, a PENDING plan is proposed with rebalanceOptions. Nothing is ever executed automatically.',
  })
  @IsOptional()
  @IsIn(AUTO_REBALANCE)
  autoRebalance?: (typeof AUTO_REBALANCE)[number];

  @ApiPropertyOptional({ type: RebalanceOptionsInputDto, description: 'Omitted fields take the plan defaults' })
  @IsOptional()
  @ValidateNestedDto(() => RebalanceOptionsInputDto)
  rebalanceOptions?: RebalanceOptionsInputDto;

  @ApiPropertyOptional({ ...DECIMAL_INPUT, example: '2', default: DEFAULT_UNTARGETED_TOLERANCE_PERCENTAGE, description: UNTARGETED_TOLERANCE_DESCRIPTION })
  @IsOptional()
  @IsDecimalString({ maxScale: 2, maxIntegerDigits: 3, min: '0', max: '100' })
  untargetedTolerancePercentage?: string;
}

export class CreatePortfolioDto extends AutomationInputDto {
  @ApiProperty({ example: 'Retirement', minLength: 1, maxLength: 100 })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name: string;

  @ApiPropertyOptional({
    ...UUID,
    example: EXAMPLE_HOUSEHOLD_ID,
    description: 'One of your households (422 otherwise); left out, your default household, created on first use',
  })
  @IsOptional()
  @IsUUID()
  householdId?: string;

  @ApiPropertyOptional({ enum: ACCOUNT_TYPES, enumName: 'AccountType', default: 'TAXABLE', example: 'TAX_DEFERRED', description: ACCOUNT_TYPE_DESCRIPTION })
  @IsOptional()
  @IsIn(ACCOUNT_TYPES)
  accountType?: AccountType;

  @ApiPropertyOptional({ example: 'acct-7', minLength: 1, maxLength: 100, description: ACCOUNT_EXTERNAL_ID_DESCRIPTION })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  externalId?: string;

  @ApiPropertyOptional({
    ...CURRENCY,
    example: 'USD',
    default: 'USD',
    description: 'ISO 4217; every asset traded in the portfolio must use it (multi-currency is not supported yet)',
  })
  @IsOptional()
  @Transform(upper)
  @IsISO4217CurrencyCode()
  baseCurrency?: string;

  @ApiPropertyOptional({ enum: LOT_METHODS, enumName: 'LotMethod', default: 'FIFO', description: 'Which tax lots a SELL relieves' })
  @IsOptional()
  @IsIn(LOT_METHODS)
  lotMethod?: LotMethod;
}

export class UpdatePortfolioDto extends AutomationInputDto {
  @ApiPropertyOptional({ example: 'Retirement (IRA)', minLength: 1, maxLength: 100 })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name?: string;

  @ApiPropertyOptional({
    enum: LOT_METHODS,
    enumName: 'LotMethod',
    description: 'Can change only while the portfolio has no SELL (past sales keep the lots they relieved)',
  })
  @IsOptional()
  @IsIn(LOT_METHODS)
  lotMethod?: LotMethod;

  @ApiPropertyOptional({
    ...UUID,
    example: EXAMPLE_HOUSEHOLD_ID,
    description: 'Move the account to another of your households (422 otherwise); both households are re-derived, since wash sales stay within a household',
  })
  @IsOptional()
  @IsUUID()
  householdId?: string;

  @ApiPropertyOptional({
    enum: ACCOUNT_TYPES,
    enumName: 'AccountType',
    example: 'TAXABLE',
    description: `${ACCOUNT_TYPE_DESCRIPTION}. A change re-derives the household's history as if the account had always been of the new type`,
  })
  @IsOptional()
  @IsIn(ACCOUNT_TYPES)
  accountType?: AccountType;

  @ApiPropertyOptional({ example: 'acct-8', maxLength: 100, description: `${ACCOUNT_EXTERNAL_ID_DESCRIPTION}; an empty string removes it` })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(100)
  externalId?: string;
}

export class PortfolioQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ ...UUID, description: 'Only the accounts of this household' })
  @IsOptional()
  @IsUUID()
  householdId?: string;

  @ApiPropertyOptional({ example: 'acct-7', minLength: 1, maxLength: 100, description: 'Only the account with this externalId' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  externalId?: string;
}

export class PortfolioSummaryDto {
  @ApiProperty({ ...UUID, example: '4b0c2a4e-1f3e-4a57-9d1e-1c2f7b2f9a10' })
  id: string;

  @ApiProperty({ maxLength: 100, example: 'Retirement' })
  name: string;

  @ApiProperty({ ...UUID, example: EXAMPLE_HOUSEHOLD_ID, description: 'The household (taxpayer) the account belongs to' })
  householdId: string;

  @ApiProperty({ enum: ACCOUNT_TYPES, enumName: 'AccountType', example: 'TAXABLE' })
  accountType: AccountType;

  @ApiProperty({ type: String, nullable: true, maxLength: 100, example: 'acct-7', description: ACCOUNT_EXTERNAL_ID_DESCRIPTION })
  externalId: string | null;

  @ApiProperty({ ...CURRENCY, example: 'USD' })
  baseCurrency: string;

  @ApiProperty({ enum: LOT_METHODS, enumName: 'LotMethod', example: 'FIFO' })
  lotMethod: LotMethod;

  @ApiProperty({ enum: AUTO_REBALANCE, enumName: 'AutoRebalance', example: 'OFF' })
  autoRebalance: string;

  @ApiProperty({ type: RebalanceOptionsDto, description: 'What automatic plans use' })
  rebalanceOptions: RebalanceOptionsDto;

  @ApiProperty({ ...DECIMAL, example: '2.00', description: UNTARGETED_TOLERANCE_DESCRIPTION })
  untargetedTolerancePercentage: string;

  @ApiProperty({ ...DATE_TIME, example: '2026-11-24T09:30:00.000Z' })
  createdAt: string;

  @ApiProperty({ ...DATE_TIME, example: '2026-11-24T09:30:00.000Z' })
  updatedAt: string;
}

export class PortfolioDetailDto extends PortfolioSummaryDto {
  @ApiProperty({ ...DECIMAL, example: '10000', description: 'Cash balance in the base currency, exact' })
  cash: string;

  @ApiProperty({
    ...MONEY_ESTIMATE,
    example: '90000.00',
    description: estimate('Holdings (not cash) at current prices; an asset without a price counts as 0 (see warnings)'),
  })
  marketValue: string;

  @ApiProperty({ ...MONEY_ESTIMATE, example: '100000.00', description: estimate('marketValue + cash, exact before rounding') })
  totalValue: string;

  @ApiProperty({ ...DECIMAL, example: '80000', description: 'Basis of the open lots, wash-sale adjustments included' })
  costBasis: string;

  @ApiProperty({ ...MONEY_ESTIMATE, example: '10000.00', description: estimate('marketValue − costBasis over priced holdings, exact before rounding') })
  unrealizedGain: string;

  @ApiProperty({ ...NOTES, example: ['No price for BTC: valued at 0'] })
  warnings: string[];
}

export class PortfolioListDto {
  @ApiProperty({ type: [PortfolioSummaryDto], maxItems: MAX_PAGE_SIZE })
  items: PortfolioSummaryDto[];

  @ApiProperty({ type: String, nullable: true, ...CURSOR, example: null, description: 'Pass as cursor for the next page; null on the last page' })
  nextCursor: string | null;
}
