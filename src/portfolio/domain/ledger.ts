import { Big, sumOf, toDecimalString } from '../../common/decimal/decimal';
import { DEFAULT_ACCOUNT_TYPE, isTaxAdvantaged, type AccountType } from './account-types';
import { allocate } from './apportion';
import { isoDate, termOf, utcDay } from './dates';
import { deriveId } from './ids';
import type { LedgerTransaction, LedgerViolation, LotMethod, Term } from './ledger-types';
import { compareIds, reliefOrders, relieve, type LotState, type ReliefOrder } from './lots';
import { readHistory, violation, type BuyEvent, type LedgerEvent, type LotPick, type SellEvent, type TransferInEvent } from './transactions';
import { openPurchase, washLoss, washSaleLots, type UnreplacedLoss, type WashSaleBook, type WashSaleLot } from './wash-sales';

export { longTermAt, termOf } from './dates';
export type { LedgerTransaction, LedgerViolation, LedgerViolationCode, LotMethod, Term, TransactionType } from './ledger-types';
export { deriveId, LEDGER_ID_NAMESPACE } from './ids';

export interface LedgerPortfolio {
  id: string;
  lotMethod: LotMethod;
  /** DEFAULT_ACCOUNT_TYPE when not given. */
  accountType?: AccountType;
}

export interface OpenLot {
  /** The opening transaction's id; the unmatched rest of a lot split by a wash sale gets deriveId(lotId, 'rest'). */
  id: string;
  portfolioId: string;
  assetId: string;
  quantity: Big;
  /** Basis of the open quantity, wash-sale adjustments included. */
  costBasis: Big;
  acquiredAt: Date;
  /** acquiredAt moved earlier by the holding period tacked on by a wash sale; terms count from it. */
  holdingPeriodStart: Date;
  /** The part of costBasis that is disallowed loss moved here by wash sales. */
  washSaleAdjustment: Big;
}

export interface RealizedGain {
  /** deriveId(sellTransactionId, lotId). */
  id: string;
  portfolioId: string;
  sellTransactionId: string;
  lotId: string;
  assetId: string;
  quantity: Big;
  /** quantity × price less this row's share of the SELL's fee. */
  proceeds: Big;
  /** Basis relieved from the lot, its wash-sale adjustment included. */
  costBasis: Big;
  /** proceeds − costBasis; negative is a loss. */
  gain: Big;
  /** The part of a loss disallowed by the wash-sale rule, >= 0. */
  washSaleDisallowed: Big;
  /**
   * The part of washSaleDisallowed whose replacement shares were bought in a tax-deferred or
   * tax-exempt account: it was added to no lot's basis and is never deductible (Rev. Rul. 2008-5).
   */
  washSaleLostForGood: Big;
  /** gain + washSaleDisallowed. */
  reportableGain: Big;
  /** The lot's holdingPeriodStart, as a 1099-B reports it after tacking. */
  acquiredAt: Date;
  disposedAt: Date;
  term: Term;
  /**
   * False for a sale inside a tax-deferred or tax-exempt account: it realizes nothing reportable,
   * so it is kept for the record but left out of tax totals and estimates, and no wash-sale rule
   * applies to its loss.
   */
  taxable: boolean;
}

export interface PortfolioState {
  portfolioId: string;
  cash: Big;
  /** Open lots, by acquiredAt then id. */
  lots: OpenLot[];
  /** In disposal order. */
  realizedGains: RealizedGain[];
}

export type ReplayResult =
  | {
      ok: true;
      portfolios: Map<string, PortfolioState>;
      /** Every open lot of the user as the wash-sale rule sees it, for asking what a sale now would be (washSaleDisallowances). */
      washSaleLots: WashSaleLot[];
      /** Shares sold at a loss that no purchase replaced, for asking whether a purchase now would (purchaseWouldReplace). */
      unreplacedLosses: UnreplacedLoss[];
    }
  | { ok: false; violation: LedgerViolation };

interface Account {
  cash: Big;
  realizedGains: RealizedGain[];
}

interface Replay extends WashSaleBook {
  accounts: Map<string, Account>;
}

/**
 * Replays one taxpayer's whole history, all portfolios at once because wash sales cross them, in
 * (executedAt, sequence) order, and returns every portfolio's derived state or the first
 * transaction that cannot happen.
 */
export function replayLedger(portfolios: LedgerPortfolio[], transactions: LedgerTransaction[]): ReplayResult {
  const methods = new Map(portfolios.map((portfolio) => [portfolio.id, portfolio.lotMethod]));
  if (methods.size !== portfolios.length) throw new Error('replayLedger: portfolio ids must be unique');
  const history = readHistory(transactions, methods);
  const replay: Replay = {
    accounts: new Map(portfolios.map((portfolio) => [portfolio.id, { cash: new Big(0), realizedGains: [] }])),
    taxAdvantaged: new Set(portfolios.filter((portfolio) => isTaxAdvantaged(portfolio.accountType ?? DEFAULT_ACCOUNT_TYPE)).map((portfolio) => portfolio.id)),
    lots: [],
    reservations: new Map(),
    unreplacedLosses: [],
  };
  for (const [index, entry] of history.entries()) {
    if ('code' in entry) return { ok: false, violation: entry };
    const refused = apply(replay, entry, purchasesAfter(history, index));
    if (refused) return { ok: false, violation: refused };
  }
  return {
    ok: true,
    portfolios: new Map(portfolios.map((portfolio) => [portfolio.id, stateOf(replay, portfolio.id)])),
    washSaleLots: washSaleLots(replay),
    unreplacedLosses: replay.unreplacedLosses,
  };
}

function apply(replay: Replay, event: LedgerEvent, laterPurchases: Iterable<BuyEvent>): LedgerViolation | undefined {
  const account = accountOf(replay, event.portfolioId);
  switch (event.type) {
    case 'DEPOSIT':
    case 'DIVIDEND':
      account.cash = account.cash.plus(event.amount);
      return undefined;
    case 'WITHDRAWAL':
    case 'FEE':
      return spend(account, event, event.amount, `A ${event.type} of ${toDecimalString(event.amount)}`);
    case 'BUY': {
      const cost = event.quantity.times(event.price).plus(event.fee);
      const refused = spend(
        account,
        event,
        cost,
        `Buying ${toDecimalString(event.quantity)} ${event.assetId} at ${toDecimalString(event.price)} (${toDecimalString(cost)} with the fee)`,
      );
      if (!refused) openPurchase(replay, openLot(event, cost, event.executedAt, true));
      return refused;
    }
    case 'TRANSFER_IN':
      replay.lots.push(openLot(event, event.quantity.times(event.costPerUnit), event.acquiredAt, false));
      return undefined;
    case 'SELL':
      return sell(replay, account, event, laterPurchases);
  }
}

function spend(account: Account, event: LedgerEvent, amount: Big, what: string): LedgerViolation | undefined {
  if (account.cash.lt(amount)) {
    return violation(
      event.id,
      'INSUFFICIENT_CASH',
      `${what} needs more cash than portfolio ${event.portfolioId} holds on ${isoDate(event.executedAt)}, which is ${toDecimalString(account.cash)}.`,
    );
  }
  account.cash = account.cash.minus(amount);
  return undefined;
}

function openLot(event: BuyEvent | TransferInEvent, costBasis: Big, acquiredAt: Date, purchased: boolean): LotState {
  return {
    id: event.id,
    portfolioId: event.portfolioId,
    assetId: event.assetId,
    quantity: event.quantity,
    costBasis,
    acquiredAt,
    holdingPeriodStart: acquiredAt,
    washSaleAdjustment: new Big(0),
    openedBy: event.id,
    openSequence: event.sequence,
    purchased,
    replacementUsed: false,
  };
}

function sell(replay: Replay, account: Account, sale: SellEvent, laterPurchases: Iterable<BuyEvent>): LedgerViolation | undefined {
  const held = replay.lots.filter((lot) => lot.portfolioId === sale.portfolioId && lot.assetId === sale.assetId);
  const heldQuantity = sumOf(held.map((lot) => lot.quantity));
  if (heldQuantity.lt(sale.quantity)) {
    return violation(
      sale.id,
      'INSUFFICIENT_QUANTITY',
      `Selling ${toDecimalString(sale.quantity)} ${sale.assetId} on ${isoDate(sale.executedAt)} needs that many held in portfolio ${sale.portfolioId}, but only ${toDecimalString(heldQuantity)} are held then.`,
    );
  }
  const picks = Array.isArray(sale.selection) ? namedLots(sale, held, sale.selection) : lotsInOrder(held, sale.quantity, sale.selection);
  if (!Array.isArray(picks)) return picks;

  const fees = allocate(
    sale.fee,
    picks.map((pick) => pick.quantity),
  );
  const reliefs = picks.map(({ lot, quantity }, i) => {
    const costBasis = relieve(lot, quantity);
    const proceeds = quantity.times(sale.price).minus(fees[i]);
    return { lot, quantity, proceeds, costBasis, gain: proceeds.minus(costBasis), holdingPeriodStart: lot.holdingPeriodStart };
  });
  // Only the lots this sale relieved can have emptied; filtering just those keeps a sale's cost
  // from growing with every lot the household holds.
  const emptied = new Set(reliefs.filter(({ lot }) => !lot.quantity.gt(0)).map(({ lot }) => lot));
  if (emptied.size > 0) replay.lots = replay.lots.filter((lot) => !emptied.has(lot));

  const saleDay = utcDay(sale.executedAt);
  const taxable = !replay.taxAdvantaged.has(sale.portfolioId);
  for (const { lot, quantity, proceeds, costBasis, gain, holdingPeriodStart } of reliefs) {
    const { disallowed: washSaleDisallowed, lostForGood: washSaleLostForGood } =
      taxable && gain.lt(0)
        ? washLoss(replay, laterPurchases, {
            assetId: sale.assetId,
            saleDay,
            quantity,
            loss: gain.abs(),
            soldOpenedBy: lot.openedBy,
            soldHoldingPeriodStart: holdingPeriodStart,
          })
        : { disallowed: new Big(0), lostForGood: new Big(0) };
    account.realizedGains.push({
      id: deriveId(sale.id, lot.id),
      portfolioId: sale.portfolioId,
      sellTransactionId: sale.id,
      lotId: lot.id,
      assetId: sale.assetId,
      quantity,
      proceeds,
      costBasis,
      gain,
      washSaleDisallowed,
      washSaleLostForGood,
      reportableGain: gain.plus(washSaleDisallowed),
      acquiredAt: holdingPeriodStart,
      disposedAt: sale.executedAt,
      term: termOf(holdingPeriodStart, sale.executedAt),
      taxable,
    });
  }
  account.cash = account.cash.plus(sale.quantity.times(sale.price)).minus(sale.fee);
  return undefined;
}

function namedLots(sale: SellEvent, held: LotState[], named: LotPick[]): { lot: LotState; quantity: Big }[] | LedgerViolation {
  const picks = [];
  for (const { lotId, quantity } of named) {
    const lot = held.find((candidate) => candidate.id === lotId);
    if (!lot) {
      return violation(
        sale.id,
        'UNKNOWN_LOT',
        `Lot ${lotId} is not an open ${sale.assetId} lot of portfolio ${sale.portfolioId} on ${isoDate(sale.executedAt)}.`,
      );
    }
    if (lot.quantity.lt(quantity)) {
      return violation(
        sale.id,
        'LOT_OVERDRAWN',
        `Lot ${lotId} holds only ${toDecimalString(lot.quantity)} ${sale.assetId}, so ${toDecimalString(quantity)} cannot be sold from it.`,
      );
    }
    picks.push({ lot, quantity });
  }
  return picks;
}

function lotsInOrder(held: LotState[], quantity: Big, order: ReliefOrder): { lot: LotState; quantity: Big }[] {
  const picks = [];
  let remaining = quantity;
  for (const lot of [...held].sort(reliefOrders[order])) {
    if (remaining.eq(0)) break;
    const taken = lot.quantity.lt(remaining) ? lot.quantity : remaining;
    picks.push({ lot, quantity: taken });
    remaining = remaining.minus(taken);
  }
  return picks;
}

/**
 * Purchases later in the history, up to the first transaction the replay would stop at.
 * Iterable afresh, as each loss of a SELL looks ahead again.
 */
function purchasesAfter(history: (LedgerEvent | LedgerViolation)[], index: number): Iterable<BuyEvent> {
  return {
    *[Symbol.iterator]() {
      for (let next = index + 1; next < history.length; next++) {
        const entry = history[next];
        if ('code' in entry) return;
        if (entry.type === 'BUY') yield entry;
      }
    },
  };
}

function accountOf(replay: Replay, portfolioId: string): Account {
  const account = replay.accounts.get(portfolioId);
  // readHistory refuses transactions of portfolios not passed in, so this cannot happen.
  if (!account) throw new Error(`replayLedger: no portfolio ${portfolioId}`);
  return account;
}

function stateOf(replay: Replay, portfolioId: string): PortfolioState {
  const account = accountOf(replay, portfolioId);
  const lots = replay.lots
    .filter((lot) => lot.portfolioId === portfolioId)
    .sort((a, b) => a.acquiredAt.getTime() - b.acquiredAt.getTime() || compareIds(a.id, b.id))
    .map((lot): OpenLot => ({
      id: lot.id,
      portfolioId: lot.portfolioId,
      assetId: lot.assetId,
      quantity: lot.quantity,
      costBasis: lot.costBasis,
      acquiredAt: lot.acquiredAt,
      holdingPeriodStart: lot.holdingPeriodStart,
      washSaleAdjustment: lot.washSaleAdjustment,
    }));
  return { portfolioId, cash: account.cash, lots, realizedGains: account.realizedGains };
}
