import { Big, parseDecimal, toDecimalString, toMoneyEstimate } from '../common/decimal/decimal';
import type { TermEstimate } from './domain/what-if-tax';
import { toDriftResponse } from './drift.mapper';
import type { TermEstimateDto, WhatIfRequestDto, WhatIfResponseDto } from './dto/what-if.dto';
import type { WhatIfOutcome, WhatIfScenario } from './what-if.service';

export function toWhatIfScenario(dto: WhatIfRequestDto): WhatIfScenario {
  return {
    trades: dto.trades.map((trade) => ({
      assetType: trade.assetType,
      assetId: trade.assetId,
      action: trade.action,
      value: trade.value === undefined ? undefined : parseDecimal(trade.value),
      quantity: trade.quantity === undefined ? undefined : parseDecimal(trade.quantity),
    })),
    cashFlow: dto.cashFlow === undefined ? new Big(0) : parseDecimal(dto.cashFlow),
  };
}

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
