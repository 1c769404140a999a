import type { ShownDriftReport } from './shown-suggestions';

/**
 * A household plan's figures as shown, decimal strings: what GET …/rebalance/suggestions answers and
 * what a stored plan keeps (jsonb) and shows again as it was computed. Plain types of their own, so
 * the stored shape does not move with the HTTP DTOs, which describe the same JSON.
 */
/** CANCELLED: an automatic plan a newer proposal or the alert's resolution replaced. */
export type HouseholdPlanStatus = 'PENDING' | 'EXECUTED' | 'CANCELLED';
export type HouseholdPlanItemStatus = 'PENDING' | 'EXECUTED' | 'CANCELLED';

/** The options a plan was solved with, every default filled in, and the household's rates as fractions. */
export interface HouseholdPlanOptions {
  mode: 'WITHIN_BANDS' | 'TO_TARGET';
  wholeUnits: boolean;
  minTradeValue: string;
  maxTrades: number | null;
  maxShortTermGain: string | null;
  maxLongTermGain: string | null;
  maxTax: string | null;
  avoidShortTermWithinDays: number;
  cashReserve: string;
  washSaleBuys: 'SUBSTITUTE' | 'PRICE';
  weightDrift: string;
  weightDistance: string;
  weightTax: string;
  weightLocation: string;
  weightTurnover: string;
  weightTrades: string;
  weightShortTermSoonLong: string;
  shortTermRate: string;
  longTermRate: string;
}

/**
 * The options a plan request names, decimals already in their shown form; resolveOptions fills in
 * the rest and the household's rates.
 */
export type HouseholdPlanRequest = Partial<Omit<HouseholdPlanOptions, 'shortTermRate' | 'longTermRate'>>;

/** An account of the household as a plan names it. */
export interface PlanAccount {
  id: string;
  name: string;
  accountType: string;
}

export interface ShownEstimatedTax {
  shortTerm: string;
  longTerm: string;
  destroyedLosses: string;
  total: string;
}

export type ShownHouseholdDrift = Omit<ShownDriftReport, 'portfolioId'> & { householdId: string };

/** The solver's report, the naive baseline and the exact verification, as shown. */
export interface ShownHouseholdReport {
  solver: {
    status: string;
    objectiveBreakdown: {
      estimatedTax: ShownEstimatedTax;
      realizedGain: { shortTerm: string; longTerm: string };
      residualDrift: ShownHouseholdDrift;
      turnover: string;
      trades: number;
    };
    mipGap: number | null;
    timeMs: number;
  };
  baseline: { naive: { estimatedTax: ShownEstimatedTax; trades: number }; taxSavedVsNaive: string };
  verification: { ok: boolean; violations: Array<{ code: string; message: string }>; repairs: string[] };
}

/** What execute recorded. */
export interface HouseholdPlanExecution {
  transactions: number;
  totalBuys: string;
  totalSells: string;
}
