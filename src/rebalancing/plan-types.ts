import type { RebalanceOptions } from '../portfolio/entities/portfolio.entity';

export type PlanStatus = 'PENDING' | 'EXECUTED' | 'CANCELLED';
export type PlanOrigin = 'MANUAL' | 'AUTOMATIC';
/** SKIPPED: a class-level BUY with no asset to buy cannot become a transaction. */
export type PlanItemStatus = 'PENDING' | 'EXECUTED' | 'CANCELLED' | 'SKIPPED';

/** A portfolio's saved rebalance options plus the cash flow of this one plan. */
export interface PlanOptions extends RebalanceOptions {
  cashFlow: string;
}
