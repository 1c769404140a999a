/** Codes of targets, drift and rebalancing plans; statuses in src/common/problem/error-status.ts. */
export enum RebalancingErrorCode {
  TARGETS_NOT_SET = 'TARGETS_NOT_SET',
  TARGETS_DO_NOT_SUM_TO_100 = 'TARGETS_DO_NOT_SUM_TO_100',
  PLAN_NOT_RECORDABLE = 'PLAN_NOT_RECORDABLE',
  PLAN_EXECUTED = 'PLAN_EXECUTED',
  PLAN_CANCELLED = 'PLAN_CANCELLED',
  PLAN_STALE = 'PLAN_STALE',
  /** A household plan the exact check found breaking a hard constraint after repair: kept to be read, never executed. */
  PLAN_NOT_VERIFIED = 'PLAN_NOT_VERIFIED',
  /** Every solver worker is busy and the queue is full: retry after Retry-After seconds. */
  SOLVER_BUSY = 'SOLVER_BUSY',
}
