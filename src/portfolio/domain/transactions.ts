import { Big, toDecimalString } from '../../common/decimal/decimal';
import type { LedgerTransaction, LedgerViolation, LedgerViolationCode, LotMethod } from './ledger-types';
import { compareIds, type ReliefOrder } from './lots';

interface EventBase {
  id: string;
  portfolioId: string;
  executedAt: Date;
  sequence: number;
}

export interface CashEvent extends EventBase {
  type: 'DEPOSIT' | 'WITHDRAWAL' | 'DIVIDEND' | 'FEE';
  amount: Big;
}

export interface BuyEvent extends EventBase {
  type: 'BUY';
  assetId: string;
  quantity: Big;
  price: Big;
  fee: Big;
}

export interface LotPick {
  lotId: string;
  quantity: Big;
}

export interface SellEvent extends EventBase {
  type: 'SELL';
  assetId: string;
  quantity: Big;
  price: Big;
  fee: Big;
  /** The lots named by a SPECIFIC_ID sale, or the order the portfolio relieves lots in. */
  selection: LotPick[] | ReliefOrder;
}

export interface TransferInEvent extends EventBase {
  type: 'TRANSFER_IN';
  assetId: string;
  quantity: Big;
  costPerUnit: Big;
  acquiredAt: Date;
}

export type LedgerEvent = CashEvent | BuyEvent | SellEvent | TransferInEvent;

/** The history in replay order, each transaction read into an event or refused with its violation. */
export function readHistory(transactions: LedgerTransaction[], methods: Map<string, LotMethod>): (LedgerEvent | LedgerViolation)[] {
  // A transaction without a usable time cannot be placed, so nothing after it can be judged either.
  const unplaceable = transactions.filter((tx) => !isDate(tx.executedAt) || !Number.isFinite(tx.sequence)).sort((a, b) => compareIds(a.id, b.id));
  if (unplaceable.length > 0) {
    return [violation(unplaceable[0].id, 'INVALID_TRANSACTION', 'It needs a valid executedAt time and a numeric sequence to be placed in the history.')];
  }
  // Ties of time and sequence fall back to the id, so the input order never matters.
  const ordered = [...transactions].sort((a, b) => a.executedAt.getTime() - b.executedAt.getTime() || a.sequence - b.sequence || compareIds(a.id, b.id));
  const seen = new Set<string>();
  return ordered.map((tx) => {
    if (seen.has(tx.id)) return violation(tx.id, 'INVALID_TRANSACTION', `Another transaction already has the id ${tx.id}.`);
    seen.add(tx.id);
    return readTransaction(tx, methods);
  });
}

export function violation(transactionId: string, code: LedgerViolationCode, message: string): LedgerViolation {
  return { transactionId, code, message };
}

function readTransaction(tx: LedgerTransaction, methods: Map<string, LotMethod>): LedgerEvent | LedgerViolation {
  const invalid = (message: string) => violation(tx.id, 'INVALID_TRANSACTION', message);
  if (typeof tx.id !== 'string' || tx.id === '') return invalid('A transaction needs an id.');
  const method = methods.get(tx.portfolioId);
  if (!method) return invalid(`Portfolio ${tx.portfolioId} is not one of this user's portfolios.`);
  if (namesLots(tx) && tx.type !== 'SELL') return invalid(`Only a SELL can name lots, not a ${tx.type}.`);
  const base: EventBase = { id: tx.id, portfolioId: tx.portfolioId, executedAt: tx.executedAt, sequence: tx.sequence };
  switch (tx.type) {
    case 'DEPOSIT':
    case 'WITHDRAWAL':
    case 'DIVIDEND':
    case 'FEE':
      if (!isPositive(tx.amount)) return invalid(`A ${tx.type} needs a positive amount.`);
      return { ...base, type: tx.type, amount: tx.amount };
    case 'BUY':
    case 'SELL': {
      if (!isAsset(tx.assetId)) return invalid(`A ${tx.type} needs an asset.`);
      if (!isPositive(tx.quantity)) return invalid(`A ${tx.type} of ${tx.assetId} needs a positive quantity.`);
      if (!isPositive(tx.price)) return invalid(`A ${tx.type} of ${tx.assetId} needs a positive price per unit.`);
      const fee = tx.fee ?? new Big(0);
      if (!(fee instanceof Big) || fee.lt(0)) return invalid(`The fee of a ${tx.type} of ${tx.assetId} cannot be negative.`);
      const trade = { ...base, assetId: tx.assetId, quantity: tx.quantity, price: tx.price, fee };
      if (tx.type === 'BUY') return { ...trade, type: 'BUY' };
      const gross = tx.quantity.times(tx.price);
      if (fee.gt(gross)) {
        return invalid(
          `Selling ${toDecimalString(tx.quantity)} ${tx.assetId} at ${toDecimalString(tx.price)} brings in ${toDecimalString(gross)}, less than its fee of ${toDecimalString(fee)}.`,
        );
      }
      const selection = readSelection(tx, method, tx.assetId, tx.quantity);
      return 'code' in selection ? selection : { ...trade, type: 'SELL', selection: selection.selection };
    }
    case 'TRANSFER_IN': {
      if (!isAsset(tx.assetId)) return invalid('A TRANSFER_IN needs an asset.');
      if (!isPositive(tx.quantity)) return invalid(`A TRANSFER_IN of ${tx.assetId} needs a positive quantity.`);
      if (!(tx.costPerUnit instanceof Big) || tx.costPerUnit.lt(0)) {
        return invalid(`A TRANSFER_IN of ${tx.assetId} needs the cost per unit of the holding brought in.`);
      }
      if (!isDate(tx.acquiredAt) || tx.acquiredAt.getTime() > tx.executedAt.getTime()) {
        return invalid(`A TRANSFER_IN of ${tx.assetId} needs the date it was originally acquired, no later than the transfer.`);
      }
      return { ...base, type: 'TRANSFER_IN', assetId: tx.assetId, quantity: tx.quantity, costPerUnit: tx.costPerUnit, acquiredAt: tx.acquiredAt };
    }
    default:
      return invalid(`${String(tx.type as unknown)} is not a transaction type.`);
  }
}

function readSelection(tx: LedgerTransaction, method: LotMethod, assetId: string, quantity: Big): { selection: LotPick[] | ReliefOrder } | LedgerViolation {
  // Any SELL may identify its lots (adequate identification of that one sale); only
  // SPECIFIC_ID requires it. Unnamed sales follow the portfolio's method.
  if (method !== 'SPECIFIC_ID' && !namesLots(tx)) return { selection: method };
  if (!namesLots(tx)) {
    return violation(tx.id, 'LOTS_REQUIRED', `Portfolio ${tx.portfolioId} uses specific identification, so a SELL of ${assetId} must name the lots it sells.`);
  }
  const named = new Set<string>();
  for (const pick of tx.lots) {
    if (typeof pick.lotId !== 'string' || pick.lotId === '' || !isPositive(pick.quantity)) {
      return violation(tx.id, 'INVALID_TRANSACTION', `Every lot a SELL names needs a lot id and a positive quantity.`);
    }
    if (named.has(pick.lotId)) return violation(tx.id, 'INVALID_TRANSACTION', `The SELL names lot ${pick.lotId} twice.`);
    named.add(pick.lotId);
  }
  const total = tx.lots.reduce((sum, pick) => sum.plus(pick.quantity), new Big(0));
  if (!total.eq(quantity)) {
    return violation(
      tx.id,
      'LOT_OVERDRAWN',
      `The lots named add up to ${toDecimalString(total)} ${assetId}, but the SELL is for ${toDecimalString(quantity)}.`,
    );
  }
  return { selection: tx.lots.map((pick) => ({ lotId: pick.lotId, quantity: pick.quantity })) };
}

/** An empty list names no lots, so a stored [] reads the same as no list at all. */
function namesLots(tx: LedgerTransaction): tx is LedgerTransaction & { lots: { lotId: string; quantity: Big }[] } {
  return Array.isArray(tx.lots) && tx.lots.length > 0;
}

function isDate(value: unknown): value is Date {
  return value instanceof Date && !Number.isNaN(value.getTime());
}

function isPositive(value: unknown): value is Big {
  return value instanceof Big && value.gt(0);
}

function isAsset(value: unknown): value is string {
  return typeof value === 'string' && value !== '';
}
