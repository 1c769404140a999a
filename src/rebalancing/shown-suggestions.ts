import { type Big, PERCENT_SCALE, sumOf, toDecimalString, toMoneyEstimate, toNullableDecimalString } from '../common/decimal/decimal';
import type { DriftReport } from './domain/drift';
import type { Suggestion } from './domain/suggestions';
import { toDriftResponse } from './drift.mapper';

/** What the generator suggests for a portfolio, with the drift before and after its trades. */
export interface SuggestionOutcome {
  portfolioId: string;
  calculatedAt: Date;
  /** The snapshot's warnings (missing or stale prices), shown with both drift reports. */
  priceWarnings: string[];
  suggestions: Suggestion[];
  before: DriftReport;
  after: DriftReport;
  cashAfter: Big;
  warnings: string[];
  /** How the household solver did on the portfolio as a household of one. */
  solver: SolverRun;
}

/** The solver's status, relative MIP gap (null without one) and time in milliseconds, as it reported them. */
export interface SolverRun {
  status: string;
  mipGap: number | null;
  timeMs: number;
}

/**
 * Suggestions as shown, figures as decimal strings: what GET …/suggestions answers and what a plan
 * stores (jsonb) and shows again as it was computed. Plain types of their own, so the stored shape
 * does not move with the HTTP DTOs, which describe the same JSON.
 */
export interface ShownLot {
  lotId: string;
  quantity: string;
  gain: string;
  term: string;
  /** Absent in plans stored before wash sales were estimated. */
  washSaleDisallowed?: string;
}

export interface ShownGainByTerm {
  shortTerm: string;
  longTerm: string;
}

export interface ShownSuggestion {
  assetId: string | null;
  symbol: string | null;
  assetType: string;
  action: string;
  quantity: string | null;
  currentQuantity: string;
  suggestedQuantity: string;
  price: string | null;
  estimatedValue: string;
  priority: string;
  taxImplication: string;
  lots: ShownLot[];
  estimatedRealizedGain: ShownGainByTerm;
  taxLossHarvesting: boolean;
  washSale: boolean;
  reason: string;
}

export interface ShownDriftItem {
  assetType: string;
  currentValue: string;
  currentPercentage: string;
  targetPercentage: string;
  tolerancePercentage: string;
  driftPercentage: string;
  driftLevel: string;
}

export interface ShownDriftReport {
  portfolioId: string;
  totalValue: string;
  calculatedAt: string;
  status: string;
  totalDrift: string;
  items: ShownDriftItem[];
  warnings: string[];
}

export interface ShownSummary {
  totalBuys: string;
  totalSells: string;
  netCash: string;
  cashAfter: string;
  estimatedRealizedGain: ShownGainByTerm;
  driftBefore: ShownDriftReport;
  driftAfter: ShownDriftReport;
  turnoverPercentage: string;
}

export interface ShownSuggestions {
  suggestions: ShownSuggestion[];
  summary: ShownSummary;
  warnings: string[];
  solver: SolverRun;
}

function toShownSuggestion(suggestion: Suggestion): ShownSuggestion {
  return {
    assetId: suggestion.assetId,
    symbol: suggestion.symbol,
    assetType: suggestion.assetType,
    action: suggestion.action,
    quantity: toNullableDecimalString(suggestion.quantity),
    currentQuantity: toDecimalString(suggestion.currentQuantity),
    suggestedQuantity: toDecimalString(suggestion.suggestedQuantity),
    price: toNullableDecimalString(suggestion.price),
    estimatedValue: toMoneyEstimate(suggestion.estimatedValue),
    priority: suggestion.priority,
    taxImplication: suggestion.taxImplication,
    lots: suggestion.lots.map((lot) => ({
      lotId: lot.lotId,
      quantity: toDecimalString(lot.quantity),
      gain: toMoneyEstimate(lot.gain),
      term: lot.term,
      washSaleDisallowed: toMoneyEstimate(lot.washSaleDisallowed),
    })),
    estimatedRealizedGain: {
      shortTerm: toMoneyEstimate(suggestion.estimatedRealizedGain.shortTerm),
      longTerm: toMoneyEstimate(suggestion.estimatedRealizedGain.longTerm),
    },
    taxLossHarvesting: suggestion.taxLossHarvesting,
    washSale: suggestion.washSale,
    reason: suggestion.reason,
  };
}

/** The outcome as shown: what GET …/suggestions answers and a plan stores. */
export function toShownSuggestions(outcome: SuggestionOutcome): ShownSuggestions {
  const { portfolioId, calculatedAt, priceWarnings, suggestions, before, after } = outcome;
  const buys = sumOf(suggestions.filter((s) => s.action === 'BUY').map((s) => s.estimatedValue));
  const sells = sumOf(suggestions.filter((s) => s.action === 'SELL').map((s) => s.estimatedValue));
  return {
    suggestions: suggestions.map(toShownSuggestion),
    summary: {
      totalBuys: toMoneyEstimate(buys),
      totalSells: toMoneyEstimate(sells),
      netCash: toMoneyEstimate(sells.minus(buys)),
      cashAfter: toMoneyEstimate(outcome.cashAfter),
      estimatedRealizedGain: {
        shortTerm: toMoneyEstimate(sumOf(suggestions.map((s) => s.estimatedRealizedGain.shortTerm))),
        longTerm: toMoneyEstimate(sumOf(suggestions.map((s) => s.estimatedRealizedGain.longTerm))),
      },
      driftBefore: toDriftResponse(portfolioId, before, calculatedAt, priceWarnings),
      driftAfter: toDriftResponse(portfolioId, after, calculatedAt, priceWarnings),
      turnoverPercentage: before.totalValue.eq(0) ? '0.0000' : toDecimalString(buys.plus(sells).div(2).times(100).div(before.totalValue), PERCENT_SCALE),
    },
    warnings: outcome.warnings,
    solver: outcome.solver,
  };
}
