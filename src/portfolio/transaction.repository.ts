import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { decimalTransformer } from '../common/decimal/decimal.transformer';
import type { Keyset } from '../common/pagination/cursor';
import { type Page, paginate, type PageRequest } from '../common/pagination/paginate';
import type { Tx } from '../database/unit-of-work';
import { Transaction } from './entities/transaction.entity';

/** A transaction as it is recorded; id, sequence and createdAt come from the database. */
export type NewTransaction = Omit<Transaction, 'id' | 'sequence' | 'createdAt' | 'portfolio' | 'asset'>;

/** Ledger order: when it happened, then the order it was recorded in. */
const TRANSACTION_PAGES: Keyset = {
  direction: 'ASC',
  keys: [
    { column: 'tx.executed_at', type: 'timestamptz' },
    { column: 'tx.sequence', type: 'bigint' },
  ],
};

/** The transactions table: the ledger's source of truth. Reads by id or page name the owner in SQL. */
@Injectable()
export class TransactionRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Records the rows in order (their sequence follows it) and returns them as stored. */
  async insert(rows: NewTransaction[], tx: Tx): Promise<Transaction[]> {
    const stored: Transaction[] = [];
    for (const row of rows) {
      const saved = await tx.save(tx.create(Transaction, row));
      stored.push(await tx.findOneByOrFail(Transaction, { id: saved.id }));
    }
    return stored;
  }

  /**
   * Records many rows in one statement and returns their ids in the rows' order. The rows travel
   * as one array per column (unnest), so the statement has eleven parameters whatever the row
   * count and PostgreSQL's 65,535-parameter limit never applies; `sequence` is drawn row by row
   * in that order, so rows that share an executedAt replay in the order given.
   */
  async insertMany(rows: NewTransaction[], tx: Tx): Promise<string[]> {
    if (rows.length === 0) return [];
    const decimal = (value: NewTransaction['amount']) => (decimalTransformer.to(value) as string | null | undefined) ?? null;
    const stored: Array<{ id: string }> = await tx.query(
      `INSERT INTO transactions (portfolio_id, type, executed_at, amount, asset_id, quantity, price, fee, cost_per_unit, acquired_at, lots)
       SELECT portfolio_id, type, executed_at, amount, asset_id, quantity, price, fee, cost_per_unit, acquired_at, lots
         FROM unnest($1::uuid[], $2::varchar[], $3::timestamptz[], $4::numeric[], $5::uuid[], $6::numeric[], $7::numeric[], $8::numeric[],
                     $9::numeric[], $10::timestamptz[], $11::jsonb[])
           WITH ORDINALITY AS row(portfolio_id, type, executed_at, amount, asset_id, quantity, price, fee, cost_per_unit, acquired_at, lots, position)
        ORDER BY position
       RETURNING id, sequence`,
      [
        rows.map((row) => row.portfolioId),
        rows.map((row) => row.type),
        rows.map((row) => row.executedAt.toISOString()),
        rows.map((row) => decimal(row.amount)),
        rows.map((row) => row.assetId),
        rows.map((row) => decimal(row.quantity)),
        rows.map((row) => decimal(row.price)),
        rows.map((row) => decimal(row.fee)),
        rows.map((row) => decimal(row.costPerUnit)),
        rows.map((row) => row.acquiredAt?.toISOString() ?? null),
        rows.map((row) => (row.lots === null ? null : JSON.stringify(row.lots))),
      ],
    );
    // RETURNING promises no order; the sequence it drew in row order does.
    return (stored as Array<{ id: string; sequence: string }>).sort((a, b) => Number(BigInt(a.sequence) - BigInt(b.sequence))).map((row) => row.id);
  }

  /** The transaction if it is in this portfolio and the portfolio is the user's. */
  findOwned(userId: string, portfolioId: string, id: string, tx: Tx = this.dataSource.manager): Promise<Transaction | null> {
    return tx
      .getRepository(Transaction)
      .createQueryBuilder('tx')
      .innerJoin('tx.portfolio', 'owner', 'owner.user_id = :userId', { userId })
      .where('tx.id = :id', { id })
      .andWhere('tx.portfolio_id = :portfolioId', { portfolioId })
      .getOne();
  }

  async delete(id: string, tx: Tx): Promise<void> {
    await tx.delete(Transaction, { id });
  }

  /** Past sales keep the lots they relieved, so a SELL fixes the portfolio's lot method. */
  /** Which history the portfolio has: any transaction added or removed changes it (a plan's stale guard). */
  async historyVersion(portfolioId: string, tx: Tx = this.dataSource.manager): Promise<string> {
    const [row] = await tx.query<Array<{ n: number; last: string }>>(
      'SELECT count(*)::int AS n, coalesce(max(sequence), 0)::text AS last FROM transactions WHERE portfolio_id = $1',
      [portfolioId],
    );
    return `${row.n}:${row.last}`;
  }

  hasSell(portfolioId: string, tx: Tx): Promise<boolean> {
    return tx.exists(Transaction, { where: { portfolioId, type: 'SELL' } });
  }

  pageOwned(userId: string, portfolioId: string, query: PageRequest): Promise<Page<Transaction>> {
    const builder = this.dataSource
      .getRepository(Transaction)
      .createQueryBuilder('tx')
      .innerJoin('tx.portfolio', 'owner', 'owner.user_id = :userId', { userId })
      .where('tx.portfolio_id = :portfolioId', { portfolioId });
    return paginate(builder, TRANSACTION_PAGES, query);
  }
}
