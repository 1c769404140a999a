import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, In } from 'typeorm';
import { parseDecimal } from '../common/decimal/decimal';
import { AppProblem } from '../common/problem/problem';
import { estimateSales, type HypotheticalSale } from './domain/sale-estimates';
import type { UnreplacedLoss, WashSaleLot } from './domain/wash-sales';
import { type LedgerTransaction, type LedgerViolation, type RealizedGain as RealizedGainRow, replayLedger } from './domain/ledger';
import { Asset } from './entities/asset.entity';
import { Portfolio } from './entities/portfolio.entity';
import { Position } from './entities/position.entity';
import { RealizedGain } from './entities/realized-gain.entity';
import { TaxLot } from './entities/tax-lot.entity';
import { Transaction } from './entities/transaction.entity';
import { LEDGER_ERROR_CODES } from './portfolio-errors';

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
 * to a replay of the transaction history. Wash sales reach across a user's
 * portfolios, so the unit of replay is the user.
 */
@Injectable()
export class LedgerService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Serializes every ledger write of one user (two requests at once see each
   * other's rows); call first inside the write's transaction.
   */
  async lockUser(manager: EntityManager, userId: string): Promise<void> {
    await manager.query('SELECT 1 FROM users WHERE id = $1 FOR UPDATE', [userId]);
  }

  /** The engine names assets and portfolios by id; people know them by symbol and name. */
  private async readable(manager: EntityManager, message: string, portfolios: Portfolio[]): Promise<string> {
    const ids = [...new Set(message.match(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g) ?? [])];
    if (ids.length === 0) return message;
    const assets = await manager.find(Asset, { where: { id: In(ids) }, select: { id: true, symbol: true } });
    const names = new Map<string, string>(assets.map((asset) => [asset.id, asset.symbol]));
    const named = await manager.find(Portfolio, {
      where: { id: In(ids.filter((id) => portfolios.some((p) => p.id === id))) },
      select: { id: true, name: true },
    });
    for (const portfolio of named) names.set(portfolio.id, `"${portfolio.name}"`);
    return message.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, (id) => names.get(id) ?? id);
  }

  /**
   * What the given SELLs would realize if made now, each under its own id (see estimateSales);
   * nothing is written.
   */
  async estimateSales(userId: string, portfolioId: string, sales: HypotheticalSale[], at: Date): Promise<Map<string, RealizedGainRow[]>> {
    if (sales.length === 0) return new Map();
    const manager = this.dataSource.manager;
    const portfolios = await manager.find(Portfolio, { where: { userId }, select: { id: true, lotMethod: true } });
    const rows = await manager.find(Transaction, { where: { portfolioId: In(portfolios.map((p) => p.id)) } });
    const specificId = portfolios.find((p) => p.id === portfolioId)?.lotMethod === 'SPECIFIC_ID';
    const openLots = specificId ? await manager.find(TaxLot, { where: { portfolioId } }) : [];
    return estimateSales(
      portfolios.map((p) => ({ id: p.id, lotMethod: p.lotMethod })),
      rows.map(toLedgerTransaction),
      portfolioId,
      sales,
      at,
      openLots,
    );
  }

  /**
   * What the wash-sale rule knows after the user's whole history: the open lots in all portfolios
   * (to ask what a sale now would disallow, washSaleDisallowances) and the loss shares no purchase
   * replaced (to ask whether a purchase now would, purchaseWouldReplace). A replay; nothing written.
   */
  async washSaleState(userId: string): Promise<WashSaleState> {
    const manager = this.dataSource.manager;
    const portfolios = await manager.find(Portfolio, { where: { userId }, select: { id: true, lotMethod: true } });
    const rows = portfolios.length === 0 ? [] : await manager.find(Transaction, { where: { portfolioId: In(portfolios.map((p) => p.id)) } });
    const result = replayLedger(
      portfolios.map((p) => ({ id: p.id, lotMethod: p.lotMethod })),
      rows.map(toLedgerTransaction),
    );
    if (!result.ok) throw new Error(`the stored history does not replay: ${result.violation.message}`);
    return { washSaleLots: result.washSaleLots, unreplacedLosses: result.unreplacedLosses };
  }

  /**
   * Replays the user's whole history and rewrites the derived rows, or throws
   * 422 (and the caller's transaction rolls back) when the history has become
   * impossible. `trigger` is the transaction the caller just added or removed.
   */
  async rederive(manager: EntityManager, userId: string, trigger?: Transaction): Promise<void> {
    const portfolios = await manager.find(Portfolio, { where: { userId }, select: { id: true, lotMethod: true } });
    const ids = portfolios.map((portfolio) => portfolio.id);
    const rows = ids.length === 0 ? [] : await manager.find(Transaction, { where: { portfolioId: In(ids) } });
    const result = replayLedger(
      portfolios.map((portfolio) => ({ id: portfolio.id, lotMethod: portfolio.lotMethod })),
      rows.map(toLedgerTransaction),
    );
    if (!result.ok) {
      const offending = rows.find((row) => row.id === result.violation.transactionId);
      const detail = await this.readable(manager, describe(result.violation, trigger, offending), portfolios);
      throw new AppProblem(LEDGER_ERROR_CODES[result.violation.code], detail, { extensions: { transactionId: result.violation.transactionId } });
    }
    if (ids.length === 0) return;
    await manager.delete(RealizedGain, { portfolioId: In(ids) });
    await manager.delete(TaxLot, { portfolioId: In(ids) });
    await manager.delete(Position, { portfolioId: In(ids) });
    for (const state of result.portfolios.values()) {
      await manager.update(Portfolio, { id: state.portfolioId }, { cash: state.cash });
      if (state.lots.length > 0) {
        await manager.insert(
          TaxLot,
          state.lots.map((lot) => ({ ...lot })),
        );
        const positions = new Map<string, Position>();
        for (const lot of state.lots) {
          const position = positions.get(lot.assetId);
          if (position) {
            position.quantity = position.quantity.plus(lot.quantity);
            position.costBasis = position.costBasis.plus(lot.costBasis);
          } else {
            positions.set(
              lot.assetId,
              manager.create(Position, { portfolioId: state.portfolioId, assetId: lot.assetId, quantity: lot.quantity, costBasis: lot.costBasis }),
            );
          }
        }
        await manager.insert(Position, [...positions.values()]);
      }
      if (state.realizedGains.length > 0) {
        await manager.insert(
          RealizedGain,
          state.realizedGains.map((gain) => ({ ...gain })),
        );
      }
    }
  }
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
