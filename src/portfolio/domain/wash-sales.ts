import { Big, sumOf } from '../../common/decimal/decimal';
import { allocate, proportion } from './apportion';
import { shiftDays, utcDay } from './dates';
import { deriveId } from './ids';
import { acquisitionOrder, type LotState } from './lots';
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
  /** Every open lot of the taxpayer, in all portfolios: a replacement in any of them counts. */
  lots: LotState[];
  /** The portfolios that are tax-deferred or tax-exempt accounts: a replacement there takes the loss for good. */
  taxAdvantaged: ReadonlySet<string>;
  /** By the id of the purchase they are promised from. */
  reservations: Map<string, Reservation[]>;
  /** Sold shares of each loss that no purchase in the history replaced: a purchase after the history still can. */
  unreplacedLosses: UnreplacedLoss[];
}

/** Shares sold at a loss that no replacement was found for. */
export interface UnreplacedLoss {
  assetId: string;
  /** The UTC day of the sale (days since 1970-01-01). */
  saleDay: number;
  quantity: Big;
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
  taxAdvantaged: boolean;
  replace(quantity: Big, adjustment: Big, tackDays: number): void;
}

/** What the wash-sale rule did to one loss. */
export interface WashedLoss {
  /** The part of the loss disallowed, >= 0. */
  disallowed: Big;
  /** The part of disallowed whose replacement shares sit in a tax-deferred or tax-exempt account: it reaches no basis. */
  lostForGood: Big;
}

/**
 * Disallows a loss to the extent replacement shares were bought (IRS Publication 550, "Wash
 * Sales"). Replacements are matched in the order they were bought, earliest first: open purchases
 * from the 30 days before the sale, then purchases up to 30 days after it, which come later in the
 * history (laterPurchases) and are reserved until replayed. Fewer replacement shares than sold
 * shares disallow the loss proportionally. The disallowed loss moves onto the replacement shares'
 * basis and the sold shares' holding period onto theirs, except where the replacement shares were
 * bought in a tax-deferred or tax-exempt account (Rev. Rul. 2008-5): those replace the sold shares,
 * but their part of the loss reaches no basis, no holding period is tacked on, and it is lost for good.
 */
export function washLoss(book: WashSaleBook, laterPurchases: Iterable<BuyEvent>, relief: LossRelief): WashedLoss {
  const { matches, disallowed, unmatched } = matchLoss(replacementsFor(book, laterPurchases, relief), relief);
  // Every purchase up to 30 days after the sale that is in the history was offered above, so what is left
  // can be replaced only by a purchase after the history.
  if (unmatched.gt(0)) book.unreplacedLosses.push({ assetId: relief.assetId, saleDay: relief.saleDay, quantity: unmatched });
  const adjustments = allocate(
    disallowed,
    matches.map((match) => match.quantity),
  );
  const tackDays = relief.saleDay - utcDay(relief.soldHoldingPeriodStart);
  let lostForGood = new Big(0);
  matches.forEach((match, i) => {
    if (match.replacement.taxAdvantaged) {
      match.replacement.replace(match.quantity, new Big(0), 0);
      lostForGood = lostForGood.plus(adjustments[i]);
    } else {
      match.replacement.replace(match.quantity, adjustments[i], tackDays);
    }
  });
  return { disallowed, lostForGood };
}

/**
 * The one matching rule: sold shares take replacement shares in the order given until every sold
 * share has one or the replacements run out, and the loss is disallowed in proportion to the sold
 * shares that found one (IRS Publication 550: fewer replacement shares disallow proportionally).
 */
function matchLoss<R extends { capacity: Big }>(
  replacements: Iterable<R>,
  relief: Pick<LossRelief, 'quantity' | 'loss'>,
): { matches: { replacement: R; quantity: Big }[]; disallowed: Big; unmatched: Big } {
  const matches: { replacement: R; quantity: Big }[] = [];
  let unmatched = relief.quantity;
  for (const replacement of replacements) {
    if (!replacement.capacity.gt(0)) continue;
    const quantity = replacement.capacity.lt(unmatched) ? replacement.capacity : unmatched;
    matches.push({ replacement, quantity });
    unmatched = unmatched.minus(quantity);
    if (unmatched.eq(0)) break;
  }
  const disallowed = matches.length === 0 ? new Big(0) : proportion(relief.loss, relief.quantity.minus(unmatched), relief.quantity);
  return { matches, disallowed, unmatched };
}

/**
 * Whether open shares can replace shares sold at a loss: a purchase (not a transfer in) of the same
 * asset, made no more than 30 days before the sale, not already spent replacing another loss, and
 * not the very purchase the sold shares came from (Treas. Reg. §1.1091-1(a); Rev. Rul. 56-602: the
 * rest of one purchase is not a second acquisition).
 */
function canReplace(
  lot: Pick<LotState, 'purchased' | 'replacementUsed' | 'assetId' | 'openedBy' | 'acquiredAt'>,
  relief: Pick<LossRelief, 'assetId' | 'saleDay' | 'soldOpenedBy'>,
): boolean {
  return (
    lot.purchased &&
    !lot.replacementUsed &&
    lot.assetId === relief.assetId &&
    lot.openedBy !== relief.soldOpenedBy &&
    utcDay(lot.acquiredAt) >= relief.saleDay - WASH_SALE_WINDOW_DAYS
  );
}

/** Opens a purchased lot and applies the replacements earlier losses reserved from it. */
export function openPurchase(book: WashSaleBook, lot: LotState): void {
  book.lots.push(lot);
  (book.reservations.get(lot.id) ?? []).reduce<LotState | undefined>(
    (unmatched, reservation) => unmatched && replaceShares(book.lots, unmatched, reservation.quantity, reservation.adjustment, reservation.tackDays),
    lot,
  );
}

function* replacementsFor(book: WashSaleBook, laterPurchases: Iterable<BuyEvent>, relief: LossRelief): Generator<Replacement> {
  const open = book.lots.filter((lot) => canReplace(lot, relief)).sort(acquisitionOrder);
  for (const lot of open) {
    yield {
      capacity: lot.quantity,
      taxAdvantaged: book.taxAdvantaged.has(lot.portfolioId),
      replace: (quantity, adjustment, tackDays) => replaceShares(book.lots, lot, quantity, adjustment, tackDays),
    };
  }
  for (const purchase of laterPurchases) {
    if (utcDay(purchase.executedAt) > relief.saleDay + WASH_SALE_WINDOW_DAYS) return;
    if (purchase.assetId !== relief.assetId) continue;
    const reserved = book.reservations.get(purchase.id) ?? [];
    const capacity = purchase.quantity.minus(sumOf(reserved.map((reservation) => reservation.quantity)));
    if (capacity.gt(0)) {
      yield {
        capacity,
        taxAdvantaged: book.taxAdvantaged.has(purchase.portfolioId),
        replace: (quantity, adjustment, tackDays) => book.reservations.set(purchase.id, [...reserved, { quantity, adjustment, tackDays }]),
      };
    }
  }
}

/** The open lots of a user after the whole history, as the wash-sale rule sees them. */
export interface WashSaleLot {
  lotId: string;
  /** The BUY or TRANSFER_IN the lot came from; the pieces of one purchase share it. */
  openedBy: string;
  assetId: string;
  quantity: Big;
  acquiredAt: Date;
  /** A BUY's shares not yet spent replacing a loss: they can still replace one. */
  canReplace: boolean;
}

/** Every open lot of the book, oldest first (the order replacements are matched in). */
export function washSaleLots(book: WashSaleBook): WashSaleLot[] {
  return [...book.lots].sort(acquisitionOrder).map((lot) => ({
    lotId: lot.id,
    openedBy: lot.openedBy,
    assetId: lot.assetId,
    quantity: lot.quantity,
    acquiredAt: lot.acquiredAt,
    canReplace: lot.purchased && !lot.replacementUsed,
  }));
}

/**
 * Whether buying the asset at `at`, after the whole history, would be a wash-sale replacement: the
 * ledger would take it for shares sold at a loss in the 30 days before that no purchase replaced yet.
 */
export function purchaseWouldReplace(losses: UnreplacedLoss[], assetId: string, at: Date): boolean {
  const day = utcDay(at);
  return losses.some((loss) => loss.assetId === assetId && loss.saleDay >= day - WASH_SALE_WINDOW_DAYS && loss.quantity.gt(0));
}

/** Shares of one lot a sale being considered would sell, and their gain (negative: a loss). */
export interface ConsideredRelief {
  lotId: string;
  quantity: Big;
  gain: Big;
}

/**
 * The user's lots as the wash-sale rule sees them for sales at one moment after the whole history,
 * indexed once so that asking about many lots stays linear: each lot's purchase, and by asset the
 * purchases of the 30 days before that can still replace a loss, oldest first. No purchase after
 * `at` is known, so only those count.
 */
export interface WashSaleOutlook {
  at: Date;
  openedBy: Map<string, string>;
  replacements: Map<string, WashSaleLot[]>;
}

export function washSaleOutlook(lots: WashSaleLot[], at: Date): WashSaleOutlook {
  const saleDay = utcDay(at);
  const replacements = new Map<string, WashSaleLot[]>();
  for (const lot of lots) {
    // Whose shares are sold is asked sale by sale (washSaleReplacements); here, no lot's.
    if (!canReplace({ ...lot, purchased: lot.canReplace, replacementUsed: false }, { assetId: lot.assetId, saleDay, soldOpenedBy: '' })) continue;
    const ofAsset = replacements.get(lot.assetId);
    if (ofAsset) ofAsset.push(lot);
    else replacements.set(lot.assetId, [lot]);
  }
  return { at, openedBy: new Map(lots.map((lot) => [lot.lotId, lot.openedBy])), replacements };
}

/** The open shares that could replace a loss on shares of soldLotId sold now, oldest first: canReplace. */
export function washSaleReplacements(outlook: WashSaleOutlook, assetId: string, soldLotId: string): WashSaleLot[] {
  const candidates = outlook.replacements.get(assetId) ?? [];
  const sold = { assetId, saleDay: utcDay(outlook.at), soldOpenedBy: outlook.openedBy.get(soldLotId) ?? soldLotId };
  return candidates.filter((lot) => canReplace({ ...lot, purchased: true, replacementUsed: false }, sold));
}

/**
 * The wash-sale answer for a SELL of the asset being considered now, after the whole history: for
 * each lot it relieves, in relief order, the part of its loss the ledger would disallow if the SELL
 * were recorded now (0 for a gain). Exactly the ledger's rule on the state it left: the sold shares
 * leave their lots first, then each loss takes replacements oldest first (canReplace, matchLoss),
 * shares spent by one loss being gone for the next. Mutates nothing.
 */
export function washSaleDisallowances(outlook: WashSaleOutlook, assetId: string, reliefs: ConsideredRelief[]): Big[] {
  if (!outlook.replacements.has(assetId)) return reliefs.map(() => new Big(0));
  const left = new Map<string, Big>();
  const capacity = (lotId: string, quantity: Big) => left.get(lotId) ?? quantity;
  const candidates = new Map((outlook.replacements.get(assetId) ?? []).map((lot) => [lot.lotId, lot]));
  for (const relief of reliefs) {
    const lot = candidates.get(relief.lotId);
    if (lot) left.set(lot.lotId, capacity(lot.lotId, lot.quantity).minus(relief.quantity));
  }
  return reliefs.map((relief) => {
    if (!relief.gain.lt(0)) return new Big(0);
    const replacements = washSaleReplacements(outlook, assetId, relief.lotId).map((lot) => ({ lotId: lot.lotId, capacity: capacity(lot.lotId, lot.quantity) }));
    const { matches, disallowed } = matchLoss(replacements, { quantity: relief.quantity, loss: relief.gain.abs() });
    for (const match of matches) left.set(match.replacement.lotId, match.replacement.capacity.minus(match.quantity));
    return disallowed;
  });
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
