import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional } from 'class-validator';
import { IsDecimalString } from '../../common/decimal/is-decimal.validator';
import { DriftReportDto } from './drift.dto';
import { DATE, DECIMAL, DECIMAL_INPUT, estimate, MAX_LIST_ITEMS, NOTES, UUID, MONEY_ESTIMATE } from '../../common/http/openapi-fields';
import { ASSET_CLASS_FIELD, SYMBOL_FIELD } from '../../portfolio/dto/asset.dto';
import { SOLVER_STATUSES } from './household-plans.dto';

export const STRATEGIES = ['TO_TARGET', 'TO_BAND'] as const;
export const PRIORITIES = ['HIGH', 'MEDIUM', 'LOW'] as const;
export const TAX_IMPLICATIONS = ['GAIN', 'LOSS', 'NEUTRAL'] as const;

/** Query strings carry "true"/"false"; anything else stays a string and fails IsBoolean. */
const toBoolean = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export class SuggestionQueryDto {
  @ApiPropertyOptional({
    enum: STRATEGIES,
    enumName: 'Strategy',
    default: 'TO_TARGET',
    description: 'TO_TARGET: out-of-band classes go back to target. TO_BAND: only to the inner band edge (least turnover).',
  })
  @IsOptional()
  @IsIn(STRATEGIES)
  strategy?: (typeof STRATEGIES)[number];

  @ApiPropertyOptional({ type: Boolean, default: true, description: 'false: buys only (cash-flow rebalancing)' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  allowSells?: boolean;

  @ApiPropertyOptional({
    ...DECIMAL_INPUT,
    example: '20000',
    description:
      'A deposit to invest (> 0) or a withdrawal to raise (< 0), rebalancing on the way. In a plan, execute records it (DEPOSIT or WITHDRAWAL) with the trades: do not record it yourself',
  })
  @IsOptional()
  @IsDecimalString({ maxScale: 8, maxIntegerDigits: 14 })
  cashFlow?: string;

  @ApiPropertyOptional({ ...DECIMAL_INPUT, example: '100', default: '0', description: 'Trades worth less are dropped' })
  @IsOptional()
  @IsDecimalString({ maxScale: 8, maxIntegerDigits: 14, min: '0' })
  minTradeValue?: string;

  @ApiPropertyOptional({ type: Boolean, default: true, description: 'false: whole units only (best effort, with a warning when a band cannot be reached)' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  fractional?: boolean;

  @ApiPropertyOptional({
    type: Boolean,
    default: true,
    description:
      "The lots and trades of least estimated tax at the household's rates (losses first, then the least gain per dollar), avoiding wash sales; false prices no tax and relieves lots FIFO",
  })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  taxAware?: boolean;
}

export class SuggestionLotDto {
  @ApiProperty({ ...UUID })
  lotId: string;

  @ApiProperty({ ...DECIMAL, example: '40' })
  quantity: string;

  @ApiProperty({ ...MONEY_ESTIMATE, example: '-120.50', description: estimate('The gain (negative: loss) selling these units now would realize') })
  gain: string;

  @ApiProperty({ enum: ['SHORT', 'LONG'], enumName: 'Term' })
  term: string;

  @ApiPropertyOptional({
    ...MONEY_ESTIMATE,
    example: '0.00',
    description: estimate(
      "The part of this lot's loss the ledger would disallow as a wash sale if the SELL were recorded now (the same rule as realized gains); 0 for a gain. Absent in plans stored before it was reported",
    ),
  })
  washSaleDisallowed?: string;
}

export class GainByTermDto {
  @ApiProperty({ ...MONEY_ESTIMATE, example: '0.00', description: estimate('Short-term gain (negative: loss)') })
  shortTerm: string;

  @ApiProperty({ ...MONEY_ESTIMATE, example: '2000.00', description: estimate('Long-term gain (negative: loss)') })
  longTerm: string;
}

export class SuggestionDto {
  @ApiProperty({ type: String, ...UUID, nullable: true, description: 'null for a class-level BUY when no asset of the class is held or preferred' })
  assetId: string | null;

  @ApiProperty({ ...SYMBOL_FIELD, type: String, nullable: true, example: 'BND' })
  symbol: string | null;

  @ApiProperty({ ...ASSET_CLASS_FIELD, example: 'bond' })
  assetType: string;

  @ApiProperty({ enum: ['BUY', 'SELL'], enumName: 'TradeAction' })
  action: string;

  @ApiProperty({ ...DECIMAL, nullable: true, example: '100', description: 'Units; null for a class-level BUY' })
  quantity: string | null;

  @ApiProperty({ ...DECIMAL, example: '300' })
  currentQuantity: string;

  @ApiProperty({ ...DECIMAL, example: '400', description: 'Units held after the trade' })
  suggestedQuantity: string;

  @ApiProperty({ ...DECIMAL, nullable: true, example: '100' })
  price: string | null;

  @ApiProperty({ ...MONEY_ESTIMATE, example: '10000.00', description: estimate('quantity × price; the value to buy for a class-level BUY') })
  estimatedValue: string;

  @ApiProperty({ enum: PRIORITIES, enumName: 'Priority', description: 'HIGH: CRITICAL class; MEDIUM: WARNING; LOW: within tolerance (funding, cash flow)' })
  priority: string;

  @ApiProperty({ enum: TAX_IMPLICATIONS, enumName: 'TaxImplication' })
  taxImplication: string;

  @ApiProperty({ type: [SuggestionLotDto], maxItems: MAX_LIST_ITEMS, description: 'For a SELL: the lots it relieves' })
  lots: SuggestionLotDto[];

  @ApiProperty({ type: GainByTermDto })
  estimatedRealizedGain: GainByTermDto;

  @ApiProperty({ description: 'The SELL realizes a loss that no wash sale disallows' })
  taxLossHarvesting: boolean;

  @ApiProperty({
    description:
      'A SELL whose loss the ledger would partly or wholly disallow (lots[].washSaleDisallowed), or a BUY the ledger would take as a replacement for shares sold at a loss in the last 30 days that no purchase replaced yet; chosen only when no other choice was available',
  })
  washSale: boolean;

  @ApiProperty({ maxLength: 500, example: 'bond is 10.0000 points under its 40% target (WARNING): buy to bring it back.' })
  reason: string;
}

export class SuggestionSummaryDto {
  @ApiProperty({ ...MONEY_ESTIMATE, example: '10000.00', description: estimate("The exact sum of the BUYs' values") })
  totalBuys: string;

  @ApiProperty({ ...MONEY_ESTIMATE, example: '10000.00', description: estimate("The exact sum of the SELLs' values") })
  totalSells: string;

  @ApiProperty({ ...MONEY_ESTIMATE, example: '0.00', description: estimate('totalSells − totalBuys, exact before rounding') })
  netCash: string;

  @ApiProperty({ ...MONEY_ESTIMATE, example: '10000.00', description: estimate('Cash after the cash flow and every trade') })
  cashAfter: string;

  @ApiProperty({ type: GainByTermDto })
  estimatedRealizedGain: GainByTermDto;

  @ApiProperty({ type: DriftReportDto })
  driftBefore: DriftReportDto;

  @ApiProperty({ type: DriftReportDto, description: 'Projected by the what-if engine from these trades' })
  driftAfter: DriftReportDto;

  @ApiProperty({ ...DECIMAL, example: '10.0000', description: '(buys + sells) / 2 as a percentage of the total value, half-even to 4 decimals' })
  turnoverPercentage: string;
}

export class SolverRunDto {
  @ApiProperty({
    enum: SOLVER_STATUSES,
    enumName: 'SolverStatus',
    description:
      'OPTIMAL: proved within 0.1 % (or $1) of the best plan. TIME_LIMIT: the best plan found within the time limit, mipGap says how far from the best it may be. INFEASIBLE (or a limit with no plan found): no trades',
  })
  status: string;

  @ApiProperty({
    type: Number,
    nullable: true,
    example: 0,
    description: "The solver's relative MIP gap (a float); null for a linear program or without a plan",
  })
  mipGap: number | null;

  @ApiProperty({ type: Number, example: 4.2, description: 'Solver time in milliseconds (a float)' })
  timeMs: number;
}

export class SuggestionsDto {
  @ApiProperty({ type: [SuggestionDto], maxItems: MAX_LIST_ITEMS, description: 'By priority (HIGH first), SELL before BUY, then value descending' })
  suggestions: SuggestionDto[];

  @ApiProperty({ type: SuggestionSummaryDto })
  summary: SuggestionSummaryDto;

  @ApiProperty({ ...NOTES, example: [] })
  warnings: string[];

  @ApiProperty({ type: SolverRunDto, description: 'How the household solver did on the portfolio as a household of one' })
  solver: SolverRunDto;
}

export class HarvestQueryDto {
  @ApiPropertyOptional({ ...DECIMAL_INPUT, example: '100', default: '0', description: 'Smallest unrealized loss to list, in money' })
  @IsOptional()
  @IsDecimalString({ maxScale: 8, maxIntegerDigits: 14, min: '0' })
  minLoss?: string;

  @ApiPropertyOptional({ ...DECIMAL_INPUT, example: '5', default: '0', description: "Smallest unrealized loss to list, in percent of the lot's basis" })
  @IsOptional()
  @IsDecimalString({ maxScale: 4, maxIntegerDigits: 3, min: '0', max: '100' })
  minLossPercent?: string;

  @ApiPropertyOptional({ ...DECIMAL_INPUT, example: '37', default: '37', description: 'Tax rate on short-term gains, in percent' })
  @IsOptional()
  @IsDecimalString({ maxScale: 4, maxIntegerDigits: 3, min: '0', max: '100' })
  shortTermRate?: string;

  @ApiPropertyOptional({ ...DECIMAL_INPUT, example: '20', default: '20', description: 'Tax rate on long-term gains, in percent' })
  @IsOptional()
  @IsDecimalString({ maxScale: 4, maxIntegerDigits: 3, min: '0', max: '100' })
  longTermRate?: string;
}

export class ReplacementCandidateDto {
  @ApiProperty({ ...UUID })
  assetId: string;

  @ApiProperty({ ...SYMBOL_FIELD, example: 'VXUS' })
  symbol: string;
}

export class HarvestOpportunityDto {
  @ApiProperty({ ...UUID })
  lotId: string;

  @ApiProperty({ ...UUID })
  assetId: string;

  @ApiProperty({ ...SYMBOL_FIELD, example: 'VTI' })
  symbol: string;

  @ApiProperty({ ...DECIMAL, example: '40' })
  quantity: string;

  @ApiProperty({ ...MONEY_ESTIMATE, example: '1200.00', description: estimate('Positive: the loss a sale now would realize') })
  unrealizedLoss: string;

  @ApiProperty({ ...DECIMAL, example: '12.5000', description: "Loss in percent of the lot's basis, half-even to 4 decimals" })
  unrealizedLossPercent: string;

  @ApiProperty({ enum: ['SHORT', 'LONG'], enumName: 'Term' })
  term: string;

  @ApiProperty({
    description:
      "Selling the lot now would be a wash sale: another purchase of the asset in the last 30 days, in any of your portfolios, would replace it. The lot's own purchase never does.",
  })
  washSaleBlocked: boolean;

  @ApiProperty({
    ...MONEY_ESTIMATE,
    example: '0.00',
    description: estimate('The part of unrealizedLoss the ledger would disallow as a wash sale if the lot were sold now'),
  })
  washSaleDisallowed: string;

  @ApiProperty({ type: String, ...DATE, nullable: true, example: '2026-12-05', description: 'First day a sale would not be a wash sale' })
  washSaleSafeAfter: string | null;

  @ApiProperty({
    type: [ReplacementCandidateDto],
    maxItems: MAX_LIST_ITEMS,
    description: 'Assets of the same class, not the same asset, that keep the allocation',
  })
  replacementCandidates: ReplacementCandidateDto[];

  @ApiProperty({
    ...MONEY_ESTIMATE,
    example: '444.00',
    description: estimate(
      'The loss the ledger would allow if the lot were sold now (unrealizedLoss − washSaleDisallowed) × the rate of its term, from the exact loss',
    ),
  })
  estimatedTaxSaving: string;
}

export class HarvestDto {
  @ApiProperty({ type: [HarvestOpportunityDto], maxItems: MAX_LIST_ITEMS, description: 'Largest loss first' })
  opportunities: HarvestOpportunityDto[];
}
