import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { IsDecimalString, type DecimalRule } from '../../common/decimal/is-decimal.validator';
import { DATE_TIME, DECIMAL, DECIMAL_INPUT, estimate, MAX_LIST_ITEMS, MONEY_ESTIMATE, NOTES, UUID } from '../../common/http/openapi-fields';
import { ACCOUNT_TYPES } from '../../portfolio/domain/account-types';
import { SYMBOL_FIELD } from '../../portfolio/dto/asset.dto';
import { HouseholdDriftReportDto } from './drift.dto';

export const REBALANCE_MODES = ['WITHIN_BANDS', 'TO_TARGET'] as const;
export const WASH_SALE_BUY_POLICIES = ['SUBSTITUTE', 'PRICE'] as const;
export const SOLVER_STATUSES = ['OPTIMAL', 'TIME_LIMIT', 'INFEASIBLE', 'UNBOUNDED', 'ERROR'] as const;
export const HOUSEHOLD_PLAN_STATUSES = ['PENDING', 'EXECUTED', 'CANCELLED'] as const;
export const HOUSEHOLD_PLAN_ITEM_STATUSES = ['PENDING', 'EXECUTED', 'CANCELLED'] as const;

/** Query strings carry "true"/"false"; anything else stays a string and fails IsBoolean. */
const toBoolean = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

/** A count of orders or transactions of one household's plan. */
const COUNT = { type: 'integer', format: 'int32', minimum: 0, maximum: MAX_LIST_ITEMS } as const;

const MONEY_RULE: DecimalRule = { maxScale: 8, maxIntegerDigits: 14, min: '0' };
const WEIGHT_RULE: DecimalRule = { maxScale: 8, maxIntegerDigits: 8, min: '0' };

function weight(what: string, fallback: string) {
  return { ...DECIMAL_INPUT, example: fallback, default: fallback, description: `Objective weight: ${what}` };
}

/**
 * How a household plan is solved. Every field is optional; the defaults are shown. Money is in the
 * accounts' currency; the weights are the objective's costs (see the README's "Household rebalancing").
 */
export class HouseholdRebalanceOptionsDto {
  @ApiPropertyOptional({
    enum: REBALANCE_MODES,
    enumName: 'HouseholdRebalanceMode',
    default: 'TO_TARGET',
    description:
      'WITHIN_BANDS: the least trading that brings every class inside its band. TO_TARGET: also close the distance to each target, weighed against tax',
  })
  @IsOptional()
  @IsIn(REBALANCE_MODES)
  mode?: (typeof REBALANCE_MODES)[number];

  @ApiPropertyOptional({ type: Boolean, default: false, description: 'true: whole units only (a lot may still be sold out whole); false: up to 8 decimals' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  wholeUnits?: boolean;

  @ApiPropertyOptional({ ...DECIMAL_INPUT, example: '0', default: '0', description: 'No order (one account, one asset, one side) worth less is made' })
  @IsOptional()
  @IsDecimalString(MONEY_RULE)
  minTradeValue?: string;

  @ApiPropertyOptional({
    type: 'integer',
    format: 'int32',
    minimum: 0,
    maximum: 10000,
    example: 10,
    description: 'At most this many orders; no limit when left out',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(10000)
  maxTrades?: number;

  @ApiPropertyOptional({
    ...DECIMAL_INPUT,
    example: '5000',
    description: 'Net short-term gain the plan may realize in taxable accounts; no limit when left out',
  })
  @IsOptional()
  @IsDecimalString(MONEY_RULE)
  maxShortTermGain?: string;

  @ApiPropertyOptional({
    ...DECIMAL_INPUT,
    example: '20000',
    description: 'Net long-term gain the plan may realize in taxable accounts; no limit when left out',
  })
  @IsOptional()
  @IsDecimalString(MONEY_RULE)
  maxLongTermGain?: string;

  @ApiPropertyOptional({
    ...DECIMAL_INPUT,
    example: '1000',
    description: "The plan's estimated tax at the household's rates (losses count as savings); no limit when left out",
  })
  @IsOptional()
  @IsDecimalString(MONEY_RULE)
  maxTax?: string;

  @ApiPropertyOptional({
    type: 'integer',
    format: 'int32',
    minimum: 0,
    maximum: 366,
    default: 30,
    example: 30,
    description: 'A short-term gain on a lot that turns long-term within this many days is avoided unless needed to reach the bands',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(366)
  avoidShortTermWithinDays?: number;

  @ApiPropertyOptional({
    ...DECIMAL_INPUT,
    example: '0',
    default: '0',
    description: 'Cash every account keeps whatever the plan (no money moves between accounts); an account already below it keeps what it has',
  })
  @IsOptional()
  @IsDecimalString(MONEY_RULE)
  cashReserve?: string;

  @ApiPropertyOptional({
    enum: WASH_SALE_BUY_POLICIES,
    enumName: 'WashSaleBuyPolicy',
    default: 'SUBSTITUTE',
    description:
      'A buy that would wash out a loss realized in the last 30 days: SUBSTITUTE forbids it (the class is bought through other assets); PRICE allows it and counts the tax value of the loss it destroys',
  })
  @IsOptional()
  @IsIn(WASH_SALE_BUY_POLICIES)
  washSaleBuys?: (typeof WASH_SALE_BUY_POLICIES)[number];

  @ApiPropertyOptional(weight('per dollar of a class beyond its band (dominant: the bands are reached whenever the hard constraints allow)', '100'))
  @IsOptional()
  @IsDecimalString(WEIGHT_RULE)
  weightDrift?: string;

  @ApiPropertyOptional(weight('per dollar of a class away from its target (TO_TARGET only)', '1'))
  @IsOptional()
  @IsDecimalString(WEIGHT_RULE)
  weightDistance?: string;

  @ApiPropertyOptional(weight('per dollar of estimated tax (a loss saves)', '1'))
  @IsOptional()
  @IsDecimalString(WEIGHT_RULE)
  weightTax?: string;

  @ApiPropertyOptional(weight('multiplies the asset-location penalties (per dollar held, by class and account type)', '1'))
  @IsOptional()
  @IsDecimalString(WEIGHT_RULE)
  weightLocation?: string;

  @ApiPropertyOptional(weight('per dollar traded', '0.0005'))
  @IsOptional()
  @IsDecimalString(WEIGHT_RULE)
  weightTurnover?: string;

  @ApiPropertyOptional(weight('per order', '1'))
  @IsOptional()
  @IsDecimalString(WEIGHT_RULE)
  weightTrades?: string;

  @ApiPropertyOptional(weight('per dollar of short-term gain on a lot turning long-term within avoidShortTermWithinDays', '0.1'))
  @IsOptional()
  @IsDecimalString(WEIGHT_RULE)
  weightShortTermSoonLong?: string;
}

/** The same options as GET …/rebalance/suggestions, in the body. */
export class CreateHouseholdPlanDto extends HouseholdRebalanceOptionsDto {}

/** The options a plan was solved with, every default filled in. */
export class HouseholdPlanOptionsDto {
  @ApiProperty({ enum: REBALANCE_MODES, enumName: 'HouseholdRebalanceMode' })
  mode: string;

  @ApiProperty()
  wholeUnits: boolean;

  @ApiProperty({ ...DECIMAL, example: '0' })
  minTradeValue: string;

  @ApiProperty({ type: 'integer', format: 'int32', minimum: 0, maximum: 10000, nullable: true, example: null })
  maxTrades: number | null;

  @ApiProperty({ ...DECIMAL, nullable: true, example: null })
  maxShortTermGain: string | null;

  @ApiProperty({ ...DECIMAL, nullable: true, example: null })
  maxLongTermGain: string | null;

  @ApiProperty({ ...DECIMAL, nullable: true, example: null })
  maxTax: string | null;

  @ApiProperty({ type: 'integer', format: 'int32', minimum: 0, maximum: 366, example: 30 })
  avoidShortTermWithinDays: number;

  @ApiProperty({ ...DECIMAL, example: '0' })
  cashReserve: string;

  @ApiProperty({ enum: WASH_SALE_BUY_POLICIES, enumName: 'WashSaleBuyPolicy' })
  washSaleBuys: string;

  @ApiProperty({ ...DECIMAL, example: '100' })
  weightDrift: string;

  @ApiProperty({ ...DECIMAL, example: '1' })
  weightDistance: string;

  @ApiProperty({ ...DECIMAL, example: '1' })
  weightTax: string;

  @ApiProperty({ ...DECIMAL, example: '1' })
  weightLocation: string;

  @ApiProperty({ ...DECIMAL, example: '0.0005' })
  weightTurnover: string;

  @ApiProperty({ ...DECIMAL, example: '1' })
  weightTrades: string;

  @ApiProperty({ ...DECIMAL, example: '0.1' })
  weightShortTermSoonLong: string;

  @ApiProperty({ ...DECIMAL, example: '0.37', description: "The household's short-term rate as a fraction, as the tax was estimated" })
  shortTermRate: string;

  @ApiProperty({ ...DECIMAL, example: '0.2', description: "The household's long-term rate as a fraction" })
  longTermRate: string;
}

export class HouseholdTradeDto {
  @ApiProperty({ enum: ['BUY', 'SELL'], enumName: 'TradeAction' })
  side: string;

  @ApiProperty({ ...UUID })
  assetId: string;

  @ApiProperty({ ...SYMBOL_FIELD, example: 'BND' })
  symbol: string;

  @ApiProperty({ type: String, ...UUID, nullable: true, description: 'For a SELL, the lot it relieves (GET /portfolios/{id}/lots); null for a BUY' })
  lotId: string | null;

  @ApiProperty({ ...DECIMAL, example: '50', description: 'Units, exact (8 decimals at most, or whole units)' })
  quantity: string;

  @ApiProperty({ ...DECIMAL, example: '100', description: 'The newest price, which the plan is computed and executed at' })
  price: string;

  @ApiProperty({ ...MONEY_ESTIMATE, example: '5000.00', description: estimate('quantity × price') })
  estimatedValue: string;

  @ApiProperty({
    maxLength: 1000,
    example: 'Buys 50 BND in tax-deferred account "IRA", moving bond from 0.00 % to 50.00 % of the household (target 50.00 %).',
  })
  reason: string;
}

export class HouseholdAccountTradesDto {
  @ApiProperty({ ...UUID, description: 'The account (portfolio) the trades are made in' })
  accountId: string;

  @ApiProperty({ maxLength: 100, example: 'IRA' })
  name: string;

  @ApiProperty({ enum: ACCOUNT_TYPES, enumName: 'AccountType' })
  accountType: string;

  @ApiProperty({ type: [HouseholdTradeDto], maxItems: MAX_LIST_ITEMS, description: 'SELLs (by asset, then lot), then BUYs (by asset)' })
  trades: HouseholdTradeDto[];
}

export class PlanEstimatedTaxDto {
  @ApiProperty({ ...MONEY_ESTIMATE, example: '0.00', description: estimate('Short-term rate × net short-term gain in taxable accounts; negative is a saving') })
  shortTerm: string;

  @ApiProperty({ ...MONEY_ESTIMATE, example: '0.00', description: estimate('Long-term rate × net long-term gain in taxable accounts') })
  longTerm: string;

  @ApiProperty({
    ...MONEY_ESTIMATE,
    example: '0.00',
    description: estimate('Under washSaleBuys PRICE: the tax value of recent losses the buys would disallow'),
  })
  destroyedLosses: string;

  @ApiProperty({ ...MONEY_ESTIMATE, example: '0.00', description: estimate('The sum') })
  total: string;
}

export class RealizedGainEstimateDto {
  @ApiProperty({ ...MONEY_ESTIMATE, example: '0.00', description: estimate('Net short-term gain the plan realizes in taxable accounts') })
  shortTerm: string;

  @ApiProperty({ ...MONEY_ESTIMATE, example: '0.00', description: estimate('Net long-term gain the plan realizes in taxable accounts') })
  longTerm: string;
}

export class ObjectiveBreakdownDto {
  @ApiProperty({ type: PlanEstimatedTaxDto })
  estimatedTax: PlanEstimatedTaxDto;

  @ApiProperty({ type: RealizedGainEstimateDto })
  realizedGain: RealizedGainEstimateDto;

  @ApiProperty({ type: HouseholdDriftReportDto, description: 'The household after the plan: each class against its target and band' })
  residualDrift: HouseholdDriftReportDto;

  @ApiProperty({ ...MONEY_ESTIMATE, example: '15000.00', description: estimate('Σ quantity × price over every trade') })
  turnover: string;

  @ApiProperty({ ...COUNT, example: 3, description: 'Orders: one per account, asset and side' })
  trades: number;
}

export class SolverReportDto {
  @ApiProperty({
    enum: SOLVER_STATUSES,
    enumName: 'SolverStatus',
    description:
      'OPTIMAL: proved within 0.1 % (or $1) of the best plan. TIME_LIMIT: the best plan found within the time limit, mipGap says how far from the best it may be. INFEASIBLE (or a limit with no plan found): the plan is empty',
  })
  status: string;

  @ApiProperty({ type: ObjectiveBreakdownDto, description: "What the plan does, computed exactly from the ledger's lots and the prices, not by the solver" })
  objectiveBreakdown: ObjectiveBreakdownDto;

  @ApiProperty({ type: Number, nullable: true, example: 0, description: "The solver's relative MIP gap (a float); null without a plan" })
  mipGap: number | null;

  @ApiProperty({ type: Number, example: 12.5, description: 'Solver time in milliseconds (a float)' })
  timeMs: number;
}

export class NaiveBaselineDto {
  @ApiProperty({ type: PlanEstimatedTaxDto })
  estimatedTax: PlanEstimatedTaxDto;

  @ApiProperty({ ...COUNT, example: 6 })
  trades: number;
}

export class BaselineDto {
  @ApiProperty({ type: NaiveBaselineDto, description: 'Every account on its own to the household targets, oldest lots first, blind to tax' })
  naive: NaiveBaselineDto;

  @ApiProperty({ ...MONEY_ESTIMATE, example: '450.00', description: estimate("naive's estimated tax − the plan's") })
  taxSavedVsNaive: string;
}

export class ViolationDto {
  @ApiProperty({
    enum: ['UNKNOWN_LOT', 'LOT_OVERSOLD', 'NOT_WHOLE_UNITS', 'RESTRICTED', 'CASH_BELOW_RESERVE', 'GAIN_BUDGET', 'WASH_SALE', 'MIN_TRADE_VALUE', 'MAX_TRADES'],
    enumName: 'PlanViolationCode',
  })
  code: string;

  @ApiProperty({ maxLength: 500 })
  message: string;
}

export class VerificationDto {
  @ApiProperty({ description: 'Every hard constraint holds, checked exactly' })
  ok: boolean;

  @ApiProperty({ type: [ViolationDto], maxItems: MAX_LIST_ITEMS })
  violations: ViolationDto[];

  @ApiProperty({
    type: [String],
    maxItems: MAX_LIST_ITEMS,
    maxLength: 500,
    description: "What was changed in the solver's answer to keep a rule that rounding broke",
  })
  repairs: string[];
}

export class HouseholdSuggestionsDto {
  @ApiProperty({ ...UUID })
  householdId: string;

  @ApiProperty({ ...DATE_TIME })
  calculatedAt: string;

  @ApiProperty({ type: HouseholdPlanOptionsDto })
  options: HouseholdPlanOptionsDto;

  @ApiProperty({ type: [HouseholdAccountTradesDto], maxItems: MAX_LIST_ITEMS, description: 'The accounts that trade, by id' })
  accounts: HouseholdAccountTradesDto[];

  @ApiProperty({ type: SolverReportDto })
  solver: SolverReportDto;

  @ApiProperty({ type: BaselineDto })
  baseline: BaselineDto;

  @ApiProperty({ type: VerificationDto })
  verification: VerificationDto;

  @ApiProperty({ ...NOTES, example: [], description: 'Missing or stale prices: an asset without a price is left out of the plan and counts 0' })
  warnings: string[];
}

export class HouseholdPlanItemDto extends HouseholdTradeDto {
  @ApiProperty({ ...UUID })
  id: string;

  @ApiProperty({ enum: HOUSEHOLD_PLAN_ITEM_STATUSES, enumName: 'HouseholdPlanItemStatus' })
  status: string;

  @ApiProperty({ type: String, ...DATE_TIME, nullable: true })
  executedAt: string | null;

  @ApiProperty({
    type: String,
    ...UUID,
    nullable: true,
    description: 'The transaction that executed it: one per order, so the lots of one SELL order share it',
  })
  transactionId: string | null;
}

export class HouseholdPlanAccountDto extends OmitType(HouseholdAccountTradesDto, ['trades'] as const) {
  @ApiProperty({
    type: [HouseholdPlanItemDto],
    maxItems: MAX_LIST_ITEMS,
    description: 'SELLs (by asset, then lot), then BUYs (by asset): the order execute records them in',
  })
  trades: HouseholdPlanItemDto[];
}

export class HouseholdPlanExecutionDto {
  @ApiProperty({ ...COUNT, example: 3, description: 'Transactions recorded: one per order' })
  transactions: number;

  @ApiProperty({ ...DECIMAL, example: '10000', description: 'Σ quantity × price of the BUYs, exact' })
  totalBuys: string;

  @ApiProperty({ ...DECIMAL, example: '5000', description: 'Σ quantity × price of the SELLs, exact' })
  totalSells: string;
}

export class HouseholdPlanDto {
  @ApiProperty({ ...UUID })
  id: string;

  @ApiProperty({ ...UUID })
  householdId: string;

  @ApiProperty({
    enum: HOUSEHOLD_PLAN_STATUSES,
    enumName: 'HouseholdPlanStatus',
    description: "CANCELLED: an automatic plan that a newer proposal or the alert's resolution replaced before it was executed",
  })
  status: string;

  @ApiProperty({ type: HouseholdPlanOptionsDto })
  options: HouseholdPlanOptionsDto;

  @ApiProperty({
    enum: ['MANUAL', 'AUTOMATIC'],
    enumName: 'PlanOrigin',
    description: "AUTOMATIC: proposed by the drift monitor for the household's drift alert (autoRebalance SUGGEST); never executed automatically",
  })
  origin: string;

  @ApiProperty({ type: [HouseholdPlanAccountDto], maxItems: MAX_LIST_ITEMS })
  accounts: HouseholdPlanAccountDto[];

  @ApiProperty({ type: SolverReportDto, description: 'As solved when the plan was made' })
  solver: SolverReportDto;

  @ApiProperty({ type: BaselineDto })
  baseline: BaselineDto;

  @ApiProperty({ type: VerificationDto })
  verification: VerificationDto;

  @ApiProperty({ ...NOTES })
  warnings: string[];

  @ApiProperty({ type: HouseholdPlanExecutionDto, nullable: true, description: 'What execute recorded; null until executed' })
  execution: HouseholdPlanExecutionDto | null;

  @ApiProperty({ ...DATE_TIME })
  createdAt: string;

  @ApiProperty({ type: String, ...DATE_TIME, nullable: true })
  executedAt: string | null;

  @ApiProperty({ type: String, ...DATE_TIME, nullable: true })
  cancelledAt: string | null;
}
