import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { IsDecimalString } from '../../common/decimal/is-decimal.validator';
import { MAX_PAGE_SIZE, PageQueryDto } from '../../common/http/pagination';
import { CURSOR, DATE_TIME, DECIMAL, DECIMAL_INPUT, estimate, MAX_LIST_ITEMS, MONEY_ESTIMATE, NOTES, UUID } from '../../common/http/openapi-fields';
import { ACCOUNT_TYPES, type AccountType } from '../domain/account-types';
import type { AutoRebalance } from '../entities/portfolio.entity';
import { TAX_RATE_RULE } from '../decimal-rules';
import { AUTO_REBALANCE } from './portfolio.dto';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** The columns' defaults too (see the migration that added households). */
export const DEFAULT_SHORT_TERM_RATE = '37';
export const DEFAULT_LONG_TERM_RATE = '20';

const EXTERNAL_ID_DESCRIPTION = 'Your own id for this client, unique among your households: look it up with GET /households?externalId=';
const SHORT_TERM_RATE_DESCRIPTION = 'Tax rate on short-term gains, in percent (0 to 100, at most 4 decimals), for estimates only';
const LONG_TERM_RATE_DESCRIPTION = 'Tax rate on long-term gains, in percent (0 to 100, at most 4 decimals), for estimates only';
const AUTO_REBALANCE_DESCRIPTION =
  "SUGGEST: when the household's drift alert (against its household targets) opens or escalates, a PENDING household plan is proposed, solved with the plan defaults at the household's rates. Nothing is ever executed automatically.";

export class UpdateHouseholdDto {
  @ApiPropertyOptional({ example: 'The Parkers', minLength: 1, maxLength: 100 })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name?: string;

  @ApiPropertyOptional({ example: 'client-0043', maxLength: 100, description: `${EXTERNAL_ID_DESCRIPTION}; an empty string removes it` })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(100)
  externalId?: string;

  @ApiPropertyOptional({ ...DECIMAL_INPUT, example: '32', description: SHORT_TERM_RATE_DESCRIPTION })
  @IsOptional()
  @IsDecimalString(TAX_RATE_RULE)
  shortTermRate?: string;

  @ApiPropertyOptional({ ...DECIMAL_INPUT, example: '15', description: LONG_TERM_RATE_DESCRIPTION })
  @IsOptional()
  @IsDecimalString(TAX_RATE_RULE)
  longTermRate?: string;

  @ApiPropertyOptional({ enum: AUTO_REBALANCE, enumName: 'AutoRebalance', example: 'SUGGEST', description: AUTO_REBALANCE_DESCRIPTION })
  @IsOptional()
  @IsIn(AUTO_REBALANCE)
  autoRebalance?: AutoRebalance;
}

export class CreateHouseholdDto {
  @ApiProperty({ example: 'The Parkers', minLength: 1, maxLength: 100 })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name: string;

  @ApiPropertyOptional({ example: 'client-0042', minLength: 1, maxLength: 100, description: EXTERNAL_ID_DESCRIPTION })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  externalId?: string;

  @ApiPropertyOptional({ ...DECIMAL_INPUT, example: '32', default: DEFAULT_SHORT_TERM_RATE, description: SHORT_TERM_RATE_DESCRIPTION })
  @IsOptional()
  @IsDecimalString(TAX_RATE_RULE)
  shortTermRate?: string;

  @ApiPropertyOptional({ ...DECIMAL_INPUT, example: '15', default: DEFAULT_LONG_TERM_RATE, description: LONG_TERM_RATE_DESCRIPTION })
  @IsOptional()
  @IsDecimalString(TAX_RATE_RULE)
  longTermRate?: string;

  @ApiPropertyOptional({ enum: AUTO_REBALANCE, enumName: 'AutoRebalance', default: 'OFF', description: AUTO_REBALANCE_DESCRIPTION })
  @IsOptional()
  @IsIn(AUTO_REBALANCE)
  autoRebalance?: AutoRebalance;
}

export class HouseholdQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: 'client-0042', minLength: 1, maxLength: 100, description: 'Only the household with this externalId' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  externalId?: string;
}

export class HouseholdDto {
  @ApiProperty({ ...UUID, example: '9d4f3a2e-7c1b-4e8a-b5d6-2f0e1a3c4b5d' })
  id: string;

  @ApiProperty({ maxLength: 100, example: 'The Parkers' })
  name: string;

  @ApiProperty({ type: String, nullable: true, maxLength: 100, example: 'client-0042', description: EXTERNAL_ID_DESCRIPTION })
  externalId: string | null;

  @ApiProperty({ example: false, description: 'The household POST /portfolios uses when no householdId is given' })
  isDefault: boolean;

  @ApiProperty({ ...DECIMAL, example: '37', description: SHORT_TERM_RATE_DESCRIPTION })
  shortTermRate: string;

  @ApiProperty({ ...DECIMAL, example: '20', description: LONG_TERM_RATE_DESCRIPTION })
  longTermRate: string;

  @ApiProperty({ enum: AUTO_REBALANCE, enumName: 'AutoRebalance', example: 'OFF', description: AUTO_REBALANCE_DESCRIPTION })
  autoRebalance: AutoRebalance;

  @ApiProperty({ ...DATE_TIME, example: '2026-11-24T09:30:00.000Z' })
  createdAt: string;

  @ApiProperty({ ...DATE_TIME, example: '2026-11-24T09:30:00.000Z' })
  updatedAt: string;
}

export class HouseholdListDto {
  @ApiProperty({ type: [HouseholdDto], maxItems: MAX_PAGE_SIZE })
  items: HouseholdDto[];

  @ApiProperty({ type: String, nullable: true, ...CURSOR, example: null, description: 'Pass as cursor for the next page; null on the last page' })
  nextCursor: string | null;
}

const ACCOUNT_TYPE_FIELD = { enum: ACCOUNT_TYPES, enumName: 'AccountType' } as const;

export class ValueTotalsDto {
  @ApiProperty({ ...DECIMAL, example: '10000', description: 'Cash, exact' })
  cash: string;

  @ApiProperty({
    ...MONEY_ESTIMATE,
    example: '90000.00',
    description: estimate('Holdings at newest prices; an asset without a price counts as 0 (see warnings)'),
  })
  marketValue: string;

  @ApiProperty({ ...MONEY_ESTIMATE, example: '100000.00', description: estimate('marketValue + cash, exact before rounding') })
  totalValue: string;
}

export class AccountTotalsDto extends ValueTotalsDto {
  @ApiProperty({ ...UUID, example: '4b0c2a4e-1f3e-4a57-9d1e-1c2f7b2f9a10', description: 'The portfolio' })
  portfolioId: string;

  @ApiProperty({ maxLength: 100, example: 'Roth IRA' })
  name: string;

  @ApiProperty({ ...ACCOUNT_TYPE_FIELD, example: 'TAX_EXEMPT' })
  accountType: AccountType;

  @ApiProperty({ type: String, nullable: true, maxLength: 100, example: 'acct-7' })
  externalId: string | null;
}

export class AccountTypeTotalsDto extends ValueTotalsDto {
  @ApiProperty({ ...ACCOUNT_TYPE_FIELD, example: 'TAXABLE' })
  accountType: AccountType;

  @ApiProperty({ type: 'integer', format: 'int32', minimum: 0, maximum: MAX_LIST_ITEMS, example: 1, description: 'How many accounts of this type' })
  accounts: number;
}

export class HouseholdDetailDto extends HouseholdDto {
  @ApiProperty({ type: [AccountTotalsDto], maxItems: MAX_LIST_ITEMS, description: 'Every account (portfolio) of the household, oldest first' })
  accounts: AccountTotalsDto[];

  @ApiProperty({ type: [AccountTypeTotalsDto], maxItems: 3, description: 'TAXABLE, TAX_DEFERRED, TAX_EXEMPT, in that order, zeros where there is none' })
  byAccountType: AccountTypeTotalsDto[];

  @ApiProperty({ type: ValueTotalsDto, description: 'The whole household' })
  total: ValueTotalsDto;

  @ApiProperty({ ...NOTES, example: ['No price for BTC: valued at 0'] })
  warnings: string[];
}

export class PositionPartDto {
  @ApiProperty({ ...UUID, example: '4b0c2a4e-1f3e-4a57-9d1e-1c2f7b2f9a10' })
  portfolioId: string;

  @ApiProperty({ maxLength: 100, example: 'Roth IRA' })
  name: string;

  @ApiProperty({ ...ACCOUNT_TYPE_FIELD, example: 'TAX_EXEMPT' })
  accountType: AccountType;

  @ApiProperty({ ...DECIMAL, example: '40' })
  quantity: string;

  @ApiProperty({ ...DECIMAL, example: '8000' })
  costBasis: string;

  @ApiProperty({ ...MONEY_ESTIMATE, example: '9000.00', description: estimate('quantity × price; 0 without a price') })
  marketValue: string;
}

export class HouseholdPositionDto {
  @ApiProperty({ ...UUID })
  assetId: string;

  @ApiProperty({ maxLength: 20, example: 'VTI' })
  symbol: string;

  @ApiProperty({ maxLength: 50, example: 'stock' })
  assetType: string;

  @ApiProperty({ ...DECIMAL, example: '100', description: 'Across all accounts' })
  quantity: string;

  @ApiProperty({ ...DECIMAL, example: '20000', description: 'Across all accounts, wash-sale adjustments included' })
  costBasis: string;

  @ApiProperty({ ...DECIMAL, nullable: true, example: '225', description: 'Newest price; null when the asset has none' })
  price: string | null;

  @ApiProperty({ type: String, nullable: true, ...DATE_TIME, example: '2026-11-24T09:30:00.000Z' })
  priceAsOf: string | null;

  @ApiProperty({ example: false })
  priceStale: boolean;

  @ApiProperty({ ...MONEY_ESTIMATE, example: '22500.00', description: estimate('Across all accounts') })
  marketValue: string;

  @ApiProperty({
    ...DECIMAL,
    nullable: true,
    example: '22.5',
    description: 'Percent of the household total value (holdings and cash), 4 decimals half-even; null when the total is 0',
  })
  weightPercentage: string | null;

  @ApiProperty({ type: [PositionPartDto], maxItems: MAX_LIST_ITEMS, description: "Each account's part, oldest account first" })
  accounts: PositionPartDto[];
}

export class CashPartDto {
  @ApiProperty({ ...UUID, example: '4b0c2a4e-1f3e-4a57-9d1e-1c2f7b2f9a10' })
  portfolioId: string;

  @ApiProperty({ maxLength: 100, example: 'Roth IRA' })
  name: string;

  @ApiProperty({ ...ACCOUNT_TYPE_FIELD, example: 'TAX_EXEMPT' })
  accountType: AccountType;

  @ApiProperty({ ...DECIMAL, example: '1000' })
  cash: string;
}

export class HouseholdCashDto {
  @ApiProperty({ ...DECIMAL, example: '2500' })
  total: string;

  @ApiProperty({ type: [CashPartDto], maxItems: MAX_LIST_ITEMS })
  accounts: CashPartDto[];
}

export class HouseholdPositionListDto {
  @ApiProperty({ type: [HouseholdPositionDto], maxItems: MAX_PAGE_SIZE, description: 'By symbol' })
  items: HouseholdPositionDto[];

  @ApiProperty({ type: HouseholdCashDto, description: 'Cash of every account' })
  cash: HouseholdCashDto;

  @ApiProperty({ ...MONEY_ESTIMATE, example: '100000.00', description: estimate('Every holding (all pages) plus cash') })
  totalValue: string;

  @ApiProperty({ ...NOTES, example: ['No price for BTC: valued at 0'] })
  warnings: string[];

  @ApiProperty({ type: String, nullable: true, ...CURSOR, example: null, description: 'Pass as cursor for the next page; null on the last page' })
  nextCursor: string | null;
}
