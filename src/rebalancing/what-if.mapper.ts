import { toDecimalString, toMoneyEstimate } from '../common/decimal/decimal';
import type { TermEstimate } from './domain/what-if-tax';
import { toDriftResponse } from './drift.mapper';
import type { TermEstimateDto, WhatIfResponseDto } from './dto/what-if.dto';
import type { WhatIfOutcome } from './what-if.service';

function toTermEstimateDto(estimate: TermEstimate): TermEstimateDto {
  return { gains: toMoneyEstimate(estimate.gains), losses: toMoneyEstimate(estimate.losses), net: toMoneyEstimate(estimate.net) };
}

export function toWhatIfResponseDto(outcome: WhatIfOutcome): WhatIfResponseDto {
  const { portfolioId, calculatedAt, priceWarnings, before, after, tax, symbols } = outcome;
  return {
    before: toDriftResponse(portfolioId, before, calculatedAt, priceWarnings),
    after: toDriftResponse(portfolioId, after, calculatedAt, priceWarnings),
    cashBefore: toDecimalString(outcome.cashBefore),
    cashAfter: toMoneyEstimate(outcome.cashAfter),
    totalValueBefore: toMoneyEstimate(before.totalValue),
    totalValueAfter: toMoneyEstimate(after.totalValue),
    estimatedTax: {
      shortTerm: toTermEstimateDto(tax.shortTerm),
      longTerm: toTermEstimateDto(tax.longTerm),
      washSaleDisallowed: toMoneyEstimate(tax.washSaleDisallowed),
      washSales: tax.washSales.map((row) => ({
        tradeIndex: row.tradeIndex,
        assetId: row.assetId,
        symbol: symbols.get(row.assetId) ?? row.assetId,
        disallowed: toMoneyEstimate(row.disallowed),
      })),
    },
    warnings: outcome.warnings,
  };
}
