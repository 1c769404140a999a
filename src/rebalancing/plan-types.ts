export type PlanStatus = 'PENDING' | 'EXECUTED' | 'CANCELLED';
export type PlanOrigin = 'MANUAL' | 'AUTOMATIC';
/** SKIPPED: a class-level BUY with no asset to buy cannot become a transaction. */
export type PlanItemStatus = 'PENDING' | 'EXECUTED' | 'CANCELLED' | 'SKIPPED';

export interface PlanOptions {
  strategy: 'TO_TARGET' | 'TO_BAND';
  allowSells: boolean;
  cashFlow: string;
  minTradeValue: string;
  fractional: boolean;
  taxAware: boolean;
}
