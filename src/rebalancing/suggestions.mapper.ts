import { PERCENT_SCALE, parseDecimal, toDecimalString, toMoneyEstimate } from '../common/decimal/decimal';
import { rebalanceOptionsOf } from '../portfolio/portfolios.service';
import type { HarvestOpportunity } from './domain/tax-loss-harvesting';
import type { HarvestDto, HarvestQueryDto, SuggestionQueryDto } from './dto/suggestions.dto';
import { suggestionOptionsOf, type HarvestCriteria, type SuggestionOptions } from './suggestions.service';

/** The top US federal rates, in percent, without state tax or the NIIT: what harvesting prices a loss at unless told. */
const DEFAULT_SHORT_TERM_RATE = '37';
const DEFAULT_LONG_TERM_RATE = '20';

/** The request's options with the documented defaults; a plan request (CreatePlanDto) is the same query in a body. */
export function toSuggestionOptions(query: SuggestionQueryDto): SuggestionOptions {
  return suggestionOptionsOf(rebalanceOptionsOf(query), parseDecimal(query.cashFlow ?? '0'));
}

export function toHarvestCriteria(query: HarvestQueryDto): HarvestCriteria {
  return {
    minLoss: parseDecimal(query.minLoss ?? '0'),
    minLossPercent: parseDecimal(query.minLossPercent ?? '0'),
    shortTermRate: parseDecimal(query.shortTermRate ?? DEFAULT_SHORT_TERM_RATE).div(100),
    longTermRate: parseDecimal(query.longTermRate ?? DEFAULT_LONG_TERM_RATE).div(100),
  };
}

export function toHarvestDto(opportunities: HarvestOpportunity[]): HarvestDto {
  return {
    opportunities: opportunities.map((opportunity) => ({
      lotId: opportunity.lotId,
      assetId: opportunity.assetId,
      symbol: opportunity.symbol,
      quantity: toDecimalString(opportunity.quantity),
      unrealizedLoss: toMoneyEstimate(opportunity.unrealizedLoss),
      unrealizedLossPercent: toDecimalString(opportunity.lossPercent, PERCENT_SCALE),
      term: opportunity.term,
      washSaleBlocked: opportunity.washSaleBlocked,
      washSaleDisallowed: toMoneyEstimate(opportunity.washSaleDisallowed),
      washSaleSafeAfter: opportunity.washSaleSafeAfter ? opportunity.washSaleSafeAfter.toISOString().slice(0, 10) : null,
      replacementCandidates: opportunity.replacementCandidates.map((candidate) => ({ assetId: candidate.assetId, symbol: candidate.symbol })),
      estimatedTaxSaving: toMoneyEstimate(opportunity.estimatedTaxSaving),
    })),
  };
}
