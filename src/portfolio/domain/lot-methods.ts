import type { LotMethod, TransactionType } from './ledger-types';

export type { LotMethod, TransactionType };

/** The ledger's enums as runtime lists, for validation and the OpenAPI document. */
export const LOT_METHODS: readonly LotMethod[] = ['FIFO', 'LIFO', 'HIFO', 'SPECIFIC_ID'];
export const TRANSACTION_TYPES: readonly TransactionType[] = ['DEPOSIT', 'WITHDRAWAL', 'DIVIDEND', 'FEE', 'BUY', 'SELL', 'TRANSFER_IN'];
