import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, In } from 'typeorm';
import type { Tx } from '../database/unit-of-work';
import type { LotMethod, PortfolioState } from './domain/ledger';
import { Portfolio } from './entities/portfolio.entity';
import { Position } from './entities/position.entity';
import { RealizedGain } from './entities/realized-gain.entity';
import { TaxLot } from './entities/tax-lot.entity';
import { Transaction } from './entities/transaction.entity';

/** A user's whole history: what a replay of the ledger starts from. */
export interface UserHistory {
  portfolios: Array<{ id: string; lotMethod: LotMethod }>;
  transactions: Transaction[];
}

/** One of the user's BUYs or loss-realizing SELLs: what the wash-sale rule looks back on. */
export interface WashSaleActivity {
  assetId: string;
  kind: 'BUY' | 'LOSS_SALE';
  at: Date;
}

/**
 * The ledger's storage: the user lock every ledger write takes, the history a replay reads and
 * the derived rows (cash, positions, open lots, realized gains) it rewrites. The unit is the user,
 * since wash sales reach across their portfolios.
 */
@Injectable()
export class LedgerRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Serializes every ledger write of one user (two requests at once see each other's rows); call first inside the write's transaction. */
  async lockUser(userId: string, tx: Tx): Promise<void> {
    await tx.query('SELECT 1 FROM users WHERE id = $1 FOR UPDATE', [userId]);
  }

  /** The user's portfolios (id and lot method) and every transaction in them. */
  async historyOf(userId: string, tx: Tx = this.dataSource.manager): Promise<UserHistory> {
    const portfolios = await tx.find(Portfolio, { where: { userId }, select: { id: true, lotMethod: true } });
    const transactions = portfolios.length === 0 ? [] : await tx.find(Transaction, { where: { portfolioId: In(portfolios.map((portfolio) => portfolio.id)) } });
    return { portfolios: portfolios.map((portfolio) => ({ id: portfolio.id, lotMethod: portfolio.lotMethod })), transactions };
  }

  /** Names of the user's portfolios among `ids`, for messages that name them. */
  async portfolioNames(userId: string, ids: string[], tx: Tx): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const named = await tx.find(Portfolio, { where: { id: In(ids), userId }, select: { id: true, name: true } });
    return new Map(named.map((portfolio) => [portfolio.id, portfolio.name]));
  }

  /** Replaces the derived rows of these portfolios with a replay's result; portfolios the replay left out keep none. */
  async replaceDerivedRows(portfolioIds: string[], states: Iterable<PortfolioState>, tx: Tx): Promise<void> {
    if (portfolioIds.length === 0) return;
    await tx.delete(RealizedGain, { portfolioId: In(portfolioIds) });
    await tx.delete(TaxLot, { portfolioId: In(portfolioIds) });
    await tx.delete(Position, { portfolioId: In(portfolioIds) });
    for (const state of states) {
      await tx.update(Portfolio, { id: state.portfolioId }, { cash: state.cash });
      if (state.lots.length > 0) {
        await tx.insert(
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
              tx.create(Position, { portfolioId: state.portfolioId, assetId: lot.assetId, quantity: lot.quantity, costBasis: lot.costBasis }),
            );
          }
        }
        await tx.insert(Position, [...positions.values()]);
      }
      if (state.realizedGains.length > 0) {
        await tx.insert(
          RealizedGain,
          state.realizedGains.map((gain) => ({ ...gain })),
        );
      }
    }
  }

  /** The user's purchases and loss-realizing sales since `since`, across all their portfolios. */
  async washSaleActivity(userId: string, since: Date): Promise<WashSaleActivity[]> {
    const buys: Array<{ asset_id: string; at: Date }> = await this.dataSource.query(
      `SELECT t.asset_id, t.executed_at AS at FROM transactions t JOIN portfolios p ON p.id = t.portfolio_id
        WHERE p.user_id = $1 AND t.type = 'BUY' AND t.executed_at >= $2`,
      [userId, since],
    );
    const lossSales: Array<{ asset_id: string; at: Date }> = await this.dataSource.query(
      `SELECT g.asset_id, g.disposed_at AS at FROM realized_gains g JOIN portfolios p ON p.id = g.portfolio_id
        WHERE p.user_id = $1 AND g.gain < 0 AND g.disposed_at >= $2`,
      [userId, since],
    );
    return [
      ...buys.map((row) => ({ assetId: row.asset_id, kind: 'BUY' as const, at: row.at })),
      ...lossSales.map((row) => ({ assetId: row.asset_id, kind: 'LOSS_SALE' as const, at: row.at })),
    ];
  }
}
