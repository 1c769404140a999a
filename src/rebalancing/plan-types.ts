import type { RebalanceOptions } from '../portfolio/entities/portfolio.entity';
import type { ShownDriftReport } from './shown-suggestions';

/** PARTIALLY_EXECUTED: executed, but at least one item could not be recorded (SKIPPED). */
export type PlanStatus = 'PENDING' | 'EXECUTED' | 'PARTIALLY_EXECUTED' | 'CANCELLED';
export type PlanOrigin = 'MANUAL' | 'AUTOMATIC';
/** SKIPPED: a class-level BUY with no asset to buy cannot become a transaction. */
export type PlanItemStatus = 'PENDING' | 'EXECUTED' | 'CANCELLED' | 'SKIPPED';

/** A portfolio's saved rebalance options plus the cash flow of this one plan. */
export interface PlanOptions extends RebalanceOptions {
  cashFlow: string;
}

/** What execute recorded, as shown (decimal strings); stored with the plan. */
export interface PlanExecution {
  executedItems: number;
  skippedItems: number;
  /** Σ quantity × recorded price of the executed BUYs, and of the SELLs. */
  totalBuys: string;
  totalSells: string;
  /** The DEPOSIT or WITHDRAWAL recorded for the plan's cashFlow; null without one. */
  cashFlowTransactionId: string | null;
  /** The drift measured from the ledger once the trades were recorded, as GET …/drift shows it. */
  driftAfter: ShownDriftReport;
}
