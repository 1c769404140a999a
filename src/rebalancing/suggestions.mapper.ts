import { PERCENT_SCALE, toDecimalString, toMoneyEstimate } from '../common/decimal/decimal';
import type { HarvestOpportunity } from './domain/tax-loss-harvesting';
import type { HarvestDto } from './dto/suggestions.dto';

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
