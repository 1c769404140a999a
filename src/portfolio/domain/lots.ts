import { Big } from '../../common/decimal/decimal';
import { proportion } from './apportion';
import type { LotMethod } from './ledger-types';

/** An open lot while the history is replayed: the public fields plus what relief and wash sales need. */
export interface LotState {
  id: string;
  portfolioId: string;
  assetId: string;
  quantity: Big;
  costBasis: Big;
  acquiredAt: Date;
  holdingPeriodStart: Date;
  washSaleAdjustment: Big;
  /** The BUY or TRANSFER_IN that opened it; pieces split off a lot keep it. */
  openedBy: string;
  openSequence: number;
  /** Only purchases can be wash-sale replacements; a TRANSFER_IN is not one. */
  purchased: boolean;
  /**
   * Whether its shares have replaced sold shares. A partial match splits the lot, so every
   * share of a lot is either spent as a replacement or still free to be one.
   */
  replacementUsed: boolean;
}

export type ReliefOrder = Exclude<LotMethod, 'SPECIFIC_ID'>;

/** Oldest first; ties by the opening transaction's sequence, then id. */
export function acquisitionOrder(a: LotState, b: LotState): number {
  return a.acquiredAt.getTime() - b.acquiredAt.getTime() || a.openSequence - b.openSequence || compareIds(a.id, b.id);
}

export const reliefOrders: Record<ReliefOrder, (a: LotState, b: LotState) => number> = {
  FIFO: acquisitionOrder,
  LIFO: (a, b) => acquisitionOrder(b, a),
  // Cost per unit compared cross-multiplied, so no division (and no rounding) decides the order.
  HIFO: (a, b) => b.costBasis.times(a.quantity).cmp(a.costBasis.times(b.quantity)) || acquisitionOrder(a, b),
};

export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Takes quantity out of a lot and returns the basis that leaves with it. */
export function relieve(lot: LotState, quantity: Big): Big {
  const costBasis = proportion(lot.costBasis, quantity, lot.quantity);
  // The adjustment reported on an open lot is the part of its basis still open.
  lot.washSaleAdjustment = lot.washSaleAdjustment.minus(proportion(lot.washSaleAdjustment, quantity, lot.quantity));
  lot.costBasis = lot.costBasis.minus(costBasis);
  lot.quantity = lot.quantity.minus(quantity);
  return costBasis;
}
