import { toDecimalString, toMoneyEstimate, toNullableDecimalString } from '../common/decimal/decimal';
import type { Suggestion } from './domain/suggestions';

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
}

export function toShownSuggestion(suggestion: Suggestion): ShownSuggestion {
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
