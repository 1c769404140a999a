import { Big } from '../../common/decimal/decimal';
import { allocate, proportion } from './apportion';
import { shiftDays, utcDay } from './dates';
import { deriveId } from './ids';
import { acquisitionOrder, sumOf, type LotState } from './lots';
import type { BuyEvent } from './transactions';

/** IRS Publication 550: a purchase within 30 days before or after the sale date, both inclusive. */
export const WASH_SALE_WINDOW_DAYS = 30;

/** Shares of a purchase later in the history, already promised as replacements for an earlier loss. */
export interface Reservation {
  quantity: Big;
  adjustment: Big;
  tackDays: number;
}

export interface WashSaleBook {
  /** Every open lot of the user, in all portfolios: a replacement in any of them counts. */
  lots: LotState[];
  /** By the id of the purchase they are promised from. */
  reservations: Map<string, Reservation[]>;
}

export interface LossRelief {
  assetId: string;
  saleDay: number;
  quantity: Big;
  /** Positive: how much was lost on these shares. */
  loss: Big;
  soldOpenedBy: string;
  soldHoldingPeriodStart: Date;
}

interface Replacement {
  capacity: Big;
  replace(quantity: Big, adjustment: Big, tackDays: number): void;
}

/**
 * Disallows a loss to the extent replacement shares were bought (IRS Publication 550, "Wash
 * Sales"), and returns the disallowed amount. Replacements are matched in the order they were
 * bought, earliest first: open purchases from the 30 days before the sale, then purchases up to
 * 30 days after it, which come later in the history (laterPurchases) and are reserved until
 * replayed. Fewer replacement shares than sold shares disallow the loss proportionally. The
 * disallowed loss moves onto the replacement shares' basis and the sold shares' holding period
 * onto theirs.
 */
export function washLoss(book: WashSaleBook, laterPurchases: Iterable<BuyEvent>, relief: LossRelief): Big {
  const matches: { replacement: Replacement; quantity: Big }[] = [];
  let unmatched = relief.quantity;
  for (const replacement of replacementsFor(book, laterPurchases, relief)) {
    const quantity = replacement.capacity.lt(unmatched) ? replacement.capacity : unmatched;
    matches.push({ replacement, quantity });
    unmatched = unmatched.minus(quantity);
    if (unmatched.eq(0)) break;
  }
  if (matches.length === 0) return new Big(0);
  const disallowed = proportion(relief.loss, relief.quantity.minus(unmatched), relief.quantity);
  const adjustments = allocate(disallowed, matches.map((match) => match.quantity));
  const tackDays = relief.saleDay - utcDay(relief.soldHoldingPeriodStart);
  matches.forEach((match, i) => match.replacement.replace(match.quantity, adjustments[i], tackDays));
  return disallowed;
}

/** Opens a purchased lot and applies the replacements earlier losses reserved from it. */
export function openPurchase(book: WashSaleBook, lot: LotState): void {
  book.lots.push(lot);
  (book.reservations.get(lot.id) ?? []).reduce<LotState | undefined>(
    (unmatched, reservation) =>
      unmatched && replaceShares(book.lots, unmatched, reservation.quantity, reservation.adjustment, reservation.tackDays),
    lot,
  );
}

function* replacementsFor(book: WashSaleBook, laterPurchases: Iterable<BuyEvent>, relief: LossRelief): Generator<Replacement> {
  const open = book.lots
    .filter(
      (lot) =>
        lot.purchased &&
        !lot.replacementUsed &&
        lot.assetId === relief.assetId &&
        // Unsold shares of the very purchase the loss was on do not replace it: there was no second purchase.
        lot.openedBy !== relief.soldOpenedBy &&
        utcDay(lot.acquiredAt) >= relief.saleDay - WASH_SALE_WINDOW_DAYS,
    )
    .sort(acquisitionOrder);
  for (const lot of open) {
    yield { capacity: lot.quantity, replace: (quantity, adjustment, tackDays) => replaceShares(book.lots, lot, quantity, adjustment, tackDays) };
  }
  for (const purchase of laterPurchases) {
    if (utcDay(purchase.executedAt) > relief.saleDay + WASH_SALE_WINDOW_DAYS) return;
    if (purchase.assetId !== relief.assetId) continue;
    const reserved = book.reservations.get(purchase.id) ?? [];
    const capacity = purchase.quantity.minus(sumOf(reserved.map((reservation) => reservation.quantity)));
    if (capacity.gt(0)) {
      yield {
        capacity,
        replace: (quantity, adjustment, tackDays) => book.reservations.set(purchase.id, [...reserved, { quantity, adjustment, tackDays }]),
      };
    }
  }
}

/**
 * Makes quantity shares of a lot replacement shares. If that is only part of the lot, the lot is
 * split: the replacement part keeps the lot's id, the rest becomes a new open lot with id
 * deriveId(lotId, 'rest') and is returned. A lot splits at most once, because its replacement
 * part can never be matched again, so that id is unique.
 */
function replaceShares(lots: LotState[], lot: LotState, quantity: Big, adjustment: Big, tackDays: number): LotState | undefined {
  let rest: LotState | undefined;
  if (quantity.lt(lot.quantity)) {
    const replacedBasis = proportion(lot.costBasis, quantity, lot.quantity);
    rest = { ...lot, id: deriveId(lot.id, 'rest'), quantity: lot.quantity.minus(quantity), costBasis: lot.costBasis.minus(replacedBasis) };
    lots.push(rest);
    lot.quantity = quantity;
    lot.costBasis = replacedBasis;
  }
  lot.costBasis = lot.costBasis.plus(adjustment);
  lot.washSaleAdjustment = lot.washSaleAdjustment.plus(adjustment);
  lot.holdingPeriodStart = shiftDays(lot.acquiredAt, -tackDays);
  lot.replacementUsed = true;
  return rest;
}
