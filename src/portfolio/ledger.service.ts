import { Injectable } from '@nestjs/common';
import { type Big, parseDecimal } from '../common/decimal/decimal';
import { AppProblem } from '../common/problem/problem';
import type { Tx } from '../database/unit-of-work';
import { AssetRepository } from './asset.repository';
import { estimateSales, estimateSalesFromOpenLots, type HypotheticalSale } from './domain/sale-estimates';
import type { UnreplacedLoss, WashSaleLot } from './domain/wash-sales';
import {
  type LedgerPortfolio,
  type LedgerTransaction,
  type LedgerViolation,
  type OpenLot,
  type RealizedGain as RealizedGainRow,
  type ReplayResult,
  replayLedger,
} from './domain/ledger';
import type { Transaction } from './entities/transaction.entity';
import { HoldingsRepository } from './holdings.repository';
import { type HouseholdHistory, LedgerRepository } from './ledger.repository';
import { LEDGER_ERROR_CODES } from './portfolio-errors';
import { TransactionRepository } from './transaction.repository';

function describe(violation: LedgerViolation, trigger: Transaction | undefined, offending: Transaction | undefined): string {
  let detail = violation.message;
  if (violation.code === 'INSUFFICIENT_CASH' && offending?.type === 'BUY') {
    detail += ' Record a DEPOSIT first, or a TRANSFER_IN for holdings bought elsewhere.';
  }
  if (offending && trigger && offending.id !== trigger.id) {
    detail = `This change would make the ${offending.type} of ${offending.executedAt.toISOString()} (${offending.id}) impossible: ${detail}`;
  }
  return detail;
}

/**
 * Keeps the derived tables (cash, positions, open lots, realized gains) equal
 * to a replay of the transaction history. Wash sales reach across a
 * household's accounts (and no further), so the unit of replay is the household.
 */
@Injectable()
export class LedgerService {
  constructor(
    private readonly ledger: LedgerRepository,
    private readonly transactions: TransactionRepository,
    private readonly holdings: HoldingsRepository,
    private readonly assets: AssetRepository,
  ) {}

  /**
   * Serializes every ledger write of the household the user's portfolio belongs to (two requests at
   * once see each other's rows); call first inside the write's transaction. Returns the household,
   * or null when the portfolio is not the user's (the caller's findOwned then answers 404). Writes
   * to other households of the same user go on in parallel. Only household rows are locked: a
   * lock on the portfolio row as well would deadlock two writes to one portfolio, each holding it
   * while the other waits for the household and then updates the row's cash.
   */
  async lockScopeOf(manager: Tx, userId: string, portfolioId: string): Promise<string | null> {
    return this.lockWhereItIs(manager, userId, portfolioId, []);
  }

  /**
   * For moving the user's portfolio to another household: locks both households in id order.
   * Returns the household the portfolio is in, or null when it is not the user's; re-derive both
   * households after the move.
   */
  lockMove(manager: Tx, userId: string, portfolioId: string, toHouseholdId: string): Promise<string | null> {
    return this.lockWhereItIs(manager, userId, portfolioId, [toHouseholdId]);
  }

  /**
   * Locks the portfolio's household (and `also`), then checks the portfolio is still there: a move
   * that committed while this waited took it elsewhere, so that household is locked in turn. A
   * move holds the household it leaves, so once the check passes nothing can move the portfolio.
   */
  private async lockWhereItIs(manager: Tx, userId: string, portfolioId: string, also: string[]): Promise<string | null> {
    let householdId = await this.ledger.householdOf(userId, portfolioId, manager);
    while (householdId !== null) {
      await this.ledger.lockHouseholds([householdId, ...also], manager);
      const now = await this.ledger.householdOf(userId, portfolioId, manager);
      if (now === householdId) return householdId;
      householdId = now;
    }
    return null;
  }

  /** The engine names assets and portfolios by id; people know them by symbol and name. */
  private async readable(manager: Tx, householdId: string, message: string): Promise<string> {
    const ids = [...new Set(message.match(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g) ?? [])];
    if (ids.length === 0) return message;
    const names = await this.assets.symbolsOf(ids, manager);
    for (const [id, name] of await this.ledger.portfolioNames(householdId, ids, manager)) names.set(id, `"${name}"`);
    return message.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, (id) => names.get(id) ?? id);
  }

  /** The household of a portfolio the caller has checked is the user's. */
  private async scopeOf(userId: string, portfolioId: string, manager?: Tx): Promise<string> {
    const householdId = await this.ledger.householdOf(userId, portfolioId, manager);
    if (householdId === null) throw new Error(`portfolio ${portfolioId} is not the user's; check with findOwned first`);
    return householdId;
  }

  /**
   * What the given SELLs would realize if made now, each under its own id (see estimateSales), with
   * the wash-sale rule over the portfolio's household; nothing is written. A caller that has read the
   * portfolio's open lots and its household's purchases since the wash-sale window of `at` passes them
   * (`known`), which usually spares the replay.
   */
  async estimateSales(
    userId: string,
    portfolioId: string,
    sales: HypotheticalSale[],
    at: Date,
    known?: KnownHoldings,
  ): Promise<Map<string, RealizedGainRow[]>> {
    if (sales.length === 0) return new Map();
    // Without a purchase in the window no loss of these sales can be disallowed, and the open lots
    // (the replay's own result) decide the rest: no history is read or replayed.
    const fromLots = known && !known.purchaseInWindow ? estimateSalesFromOpenLots(known.portfolio, known.openLots, sales, at) : null;
    if (fromLots) return fromLots;
    const { portfolios, transactions } = await this.ledger.historyOf(await this.scopeOf(userId, portfolioId));
    const specificId = portfolios.find((p) => p.id === portfolioId)?.lotMethod === 'SPECIFIC_ID';
    const openLots = specificId ? await this.holdings.openLots(portfolioId) : [];
    return estimateSales(portfolios, transactions.map(toLedgerTransaction), portfolioId, sales, at, openLots);
  }

  /**
   * What the wash-sale rule knows after the whole history of the portfolio's household: the open
   * lots in all its accounts (to ask what a sale now would disallow, washSaleDisallowances) and the
   * loss shares no purchase replaced (to ask whether a purchase now would, purchaseWouldReplace).
   * A replay; nothing written.
   */
  async washSaleState(userId: string, portfolioId: string): Promise<WashSaleState> {
    const { portfolios, transactions } = await this.ledger.historyOf(await this.scopeOf(userId, portfolioId));
    const result = replayLedger(portfolios, transactions.map(toLedgerTransaction));
    if (!result.ok) throw new Error(`the stored history does not replay: ${result.violation.message}`);
    return { washSaleLots: result.washSaleLots, unreplacedLosses: result.unreplacedLosses };
  }

  /**
   * The household's accounts and the ledger's replay of its whole history (open lots with basis and
   * tacked holding periods, realized gains, the wash-sale state), nothing written: what a household
   * plan is computed on. The caller checked the household is the user's (HouseholdsService.findOwned).
   */
  async replayHousehold(householdId: string, tx?: Tx): Promise<HouseholdReplay> {
    const { portfolios, transactions } = await this.ledger.historyOf(householdId, tx);
    const replay = replayLedger(portfolios, transactions.map(toLedgerTransaction));
    if (!replay.ok) throw new Error(`the stored history does not replay: ${replay.violation.message}`);
    return { accounts: portfolios, replay };
  }

  /** Changes whenever a transaction of the household is added or removed or an account moves in or out (a household plan's stale guard). */
  householdHistoryVersion(householdId: string, tx?: Tx): Promise<string> {
    return this.ledger.historyVersionOf(householdId, tx);
  }

  /**
   * Records trades the caller decided on (a plan's execution) in the portfolio, in the given
   * order, then re-derives its household, all inside the caller's transaction: an impossible
   * history throws 422 and the caller's transaction rolls back. The caller holds the ledger lock
   * (lockScopeOf) and has checked that the portfolio is the user's.
   */
  async recordTrades(manager: Tx, userId: string, portfolioId: string, trades: RecordedTrade[]): Promise<Transaction[]> {
    const saved = await this.transactions.insert(
      trades.map((trade) => ({
        portfolioId,
        type: trade.type,
        executedAt: trade.executedAt,
        amount: trade.amount ?? null,
        assetId: trade.assetId ?? null,
        quantity: trade.quantity ?? null,
        price: trade.price ?? null,
        fee: trade.fee ?? null,
        costPerUnit: null,
        acquiredAt: null,
        lots: trade.lots ?? null,
      })),
      manager,
    );
    await this.rederive(manager, await this.scopeOf(userId, portfolioId, manager));
    return saved;
  }

  /**
   * Replays the household's whole history and rewrites the derived rows that changed, or throws
   * 422 (and the caller's transaction rolls back) when the history has become impossible.
   * `trigger` is the transaction the caller just added or removed. The caller holds the
   * household's lock (lockScopeOf or lockMove).
   */
  async rederive(manager: Tx, householdId: string, trigger?: Transaction): Promise<void> {
    const { portfolios, transactions: rows } = await this.ledger.historyOf(householdId, manager);
    const result = replayLedger(portfolios, rows.map(toLedgerTransaction));
    if (!result.ok) {
      const offending = rows.find((row) => row.id === result.violation.transactionId);
      const detail = await this.readable(manager, householdId, describe(result.violation, trigger, offending));
      throw new AppProblem(LEDGER_ERROR_CODES[result.violation.code], detail, { extensions: { transactionId: result.violation.transactionId } });
    }
    await this.ledger.replaceDerivedRows(
      portfolios.map((portfolio) => portfolio.id),
      result.portfolios.values(),
      manager,
    );
  }
}

/** A trade or cash flow to record: a BUY/SELL names asset, quantity, price and fee; a DEPOSIT/WITHDRAWAL an amount. */
export interface RecordedTrade {
  type: 'BUY' | 'SELL' | 'DEPOSIT' | 'WITHDRAWAL';
  executedAt: Date;
  amount?: Big | null;
  assetId?: string | null;
  quantity?: Big | null;
  price?: Big | null;
  fee?: Big | null;
  /** For a SELL: the lots to relieve, whatever the portfolio's lot method. */
  lots?: Array<{ lotId: string; quantity: string }> | null;
}

/** What a caller of estimateSales already read: the portfolio, its open lots, and whether its taxpayer bought anything since the wash-sale window of the sales began. */
export interface KnownHoldings {
  portfolio: LedgerPortfolio;
  openLots: OpenLot[];
  purchaseInWindow: boolean;
}

/** A household's accounts and the replay of its history. */
export interface HouseholdReplay {
  accounts: HouseholdHistory['portfolios'];
  replay: Extract<ReplayResult, { ok: true }>;
}

export interface WashSaleState {
  washSaleLots: WashSaleLot[];
  unreplacedLosses: UnreplacedLoss[];
}

export function toLedgerTransaction(row: Transaction): LedgerTransaction {
  return {
    id: row.id,
    portfolioId: row.portfolioId,
    type: row.type,
    executedAt: row.executedAt,
    sequence: Number(row.sequence),
    amount: row.amount ?? undefined,
    assetId: row.assetId ?? undefined,
    quantity: row.quantity ?? undefined,
    price: row.price ?? undefined,
    fee: row.fee ?? undefined,
    costPerUnit: row.costPerUnit ?? undefined,
    acquiredAt: row.acquiredAt ?? undefined,
    lots: row.lots?.map((lot) => ({ lotId: lot.lotId, quantity: parseDecimal(lot.quantity) })),
  };
}
