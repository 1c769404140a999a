import type { Big } from '../../common/decimal/decimal';

/**
 * The ledger's vocabulary, apart from the replay engine so that its helpers (dates, lots,
 * transactions) can name it without importing the engine that imports them.
 */
export type LotMethod = 'FIFO' | 'LIFO' | 'HIFO' | 'SPECIFIC_ID';
export type TransactionType = 'DEPOSIT' | 'WITHDRAWAL' | 'DIVIDEND' | 'FEE' | 'BUY' | 'SELL' | 'TRANSFER_IN';
export type Term = 'SHORT' | 'LONG';

export interface LedgerTransaction {
  /** A UUID; a BUY's or TRANSFER_IN's id is also the id of the lot it opens. */
  id: string;
  portfolioId: string;
  type: TransactionType;
  executedAt: Date;
  /** Insertion order: breaks ties of equal executedAt, lower first. */
  sequence: number;
  /** DEPOSIT, WITHDRAWAL, DIVIDEND, FEE: positive. */
  amount?: Big;
  /** BUY, SELL, TRANSFER_IN; ignored on a DIVIDEND. */
  assetId?: string;
  /** BUY, SELL, TRANSFER_IN: positive. */
  quantity?: Big;
  /** BUY, SELL: positive, per unit. */
  price?: Big;
  /** BUY, SELL: >= 0, default 0. */
  fee?: Big;
  /** TRANSFER_IN: cost per unit of the holding brought in. */
  costPerUnit?: Big;
  /** TRANSFER_IN: original acquisition date, no later than executedAt. */
  acquiredAt?: Date;
  /** SELL: which lots, how much of each; required in a SPECIFIC_ID portfolio, elsewhere it overrides the method for this sale. */
  lots?: { lotId: string; quantity: Big }[];
}

export type LedgerViolationCode = 'INSUFFICIENT_CASH' | 'INSUFFICIENT_QUANTITY' | 'LOTS_REQUIRED' | 'UNKNOWN_LOT' | 'LOT_OVERDRAWN' | 'INVALID_TRANSACTION';

export interface LedgerViolation {
  transactionId: string;
  code: LedgerViolationCode;
  message: string;
}
