import type { LedgerViolationCode } from './domain/ledger';

/** Codes of the catalogue, portfolios and the ledger; statuses in src/common/problem/error-status.ts. */
export enum PortfolioErrorCode {
  SYMBOL_TAKEN = 'SYMBOL_TAKEN',
  LOT_METHOD_LOCKED = 'LOT_METHOD_LOCKED',
  CURRENCY_MISMATCH = 'CURRENCY_MISMATCH',
  INSUFFICIENT_CASH = 'INSUFFICIENT_CASH',
  INSUFFICIENT_QUANTITY = 'INSUFFICIENT_QUANTITY',
  LOTS_REQUIRED = 'LOTS_REQUIRED',
  UNKNOWN_LOT = 'UNKNOWN_LOT',
  LOT_OVERDRAWN = 'LOT_OVERDRAWN',
  INVALID_TRANSACTION = 'INVALID_TRANSACTION',
  /** Another household (or account) of the same owner already has this externalId. */
  EXTERNAL_ID_TAKEN = 'EXTERNAL_ID_TAKEN',
  /** A household that still holds accounts cannot be deleted: move or delete them first. */
  HOUSEHOLD_NOT_EMPTY = 'HOUSEHOLD_NOT_EMPTY',
}

/** The ledger replay (domain/, free of HTTP) names its violations; each is answered under the same code. */
export const LEDGER_ERROR_CODES: Record<LedgerViolationCode, PortfolioErrorCode> = {
  INSUFFICIENT_CASH: PortfolioErrorCode.INSUFFICIENT_CASH,
  INSUFFICIENT_QUANTITY: PortfolioErrorCode.INSUFFICIENT_QUANTITY,
  LOTS_REQUIRED: PortfolioErrorCode.LOTS_REQUIRED,
  UNKNOWN_LOT: PortfolioErrorCode.UNKNOWN_LOT,
  LOT_OVERDRAWN: PortfolioErrorCode.LOT_OVERDRAWN,
  INVALID_TRANSACTION: PortfolioErrorCode.INVALID_TRANSACTION,
};

/** What any change that re-derives the ledger (a transaction added or removed, a plan executed) may answer. */
export const LEDGER_VIOLATION_CODES: readonly PortfolioErrorCode[] = Object.values(LEDGER_ERROR_CODES);
