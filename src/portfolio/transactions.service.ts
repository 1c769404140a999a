import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { enqueueDriftRecheck } from '../jobs/drift-recheck';
import { JobQueue } from '../jobs/job-queue';
import type { Principal } from '../auth/principal';
import { parseDecimal, toNullableDecimalString } from '../common/decimal/decimal';
import type { Keyset } from '../common/pagination/cursor';
import { paginate } from '../common/pagination/paginate';
import { NotFoundProblem, AppProblem, ValidationProblem } from '../common/problem/problem';
import type { CreateTransactionDto, TransactionListDto, TransactionQueryDto, TransactionResponseDto } from './dto/transaction.dto';
import { Asset } from './entities/asset.entity';
import { Portfolio } from './entities/portfolio.entity';
import { Transaction } from './entities/transaction.entity';
import { LedgerService } from './ledger.service';
import { PortfoliosService } from './portfolios.service';
import { CommonErrorCode } from '../common/problem/common-errors';
import { PortfolioErrorCode } from './portfolio-errors';

export function toTransactionResponse(row: Transaction): TransactionResponseDto {
  return {
    id: row.id,
    portfolioId: row.portfolioId,
    type: row.type,
    executedAt: row.executedAt.toISOString(),
    amount: toNullableDecimalString(row.amount),
    assetId: row.assetId,
    quantity: toNullableDecimalString(row.quantity),
    price: toNullableDecimalString(row.price),
    fee: toNullableDecimalString(row.fee),
    costPerUnit: toNullableDecimalString(row.costPerUnit),
    acquiredAt: row.acquiredAt?.toISOString() ?? null,
    lots: row.lots,
    createdAt: row.createdAt.toISOString(),
  };
}

/** Ledger order: when it happened, then the order it was recorded in. */
const TRANSACTION_PAGES: Keyset = {
  direction: 'ASC',
  keys: [
    { column: 'tx.executed_at', type: 'timestamptz' },
    { column: 'tx.sequence', type: 'bigint' },
  ],
};

@Injectable()
export class TransactionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly portfolios: PortfoliosService,
    private readonly ledger: LedgerService,
    private readonly jobs: JobQueue,
  ) {}

  /** Records the transaction and re-derives the user's holdings in one DB transaction: an impossible history changes nothing. */
  async create(principal: Principal, portfolioId: string, dto: CreateTransactionDto): Promise<TransactionResponseDto> {
    return this.dataSource.transaction(async (manager) => {
      await this.ledger.lockUser(manager, principal.userId);
      const portfolio = await this.portfolios.findOwned(principal, portfolioId, manager.getRepository(Portfolio));
      if (dto.assetId !== undefined) {
        const asset = await manager.findOneBy(Asset, { id: dto.assetId });
        if (!asset) {
          throw new ValidationProblem(
            [{ field: 'assetId', rule: 'knownAsset', message: 'is not an asset of the catalogue' }],
            CommonErrorCode.UNPROCESSABLE_FIELDS,
          );
        }
        if (asset.currency !== portfolio.baseCurrency) {
          throw new AppProblem(
            PortfolioErrorCode.CURRENCY_MISMATCH,
            `${asset.symbol} trades in ${asset.currency} but the portfolio's base currency is ${portfolio.baseCurrency}; multi-currency portfolios are not supported yet`,
          );
        }
      }
      const saved = await manager.save(
        manager.create(Transaction, {
          portfolioId: portfolio.id,
          type: dto.type,
          executedAt: dto.executedAt,
          amount: dto.amount === undefined ? null : parseDecimal(dto.amount),
          assetId: dto.assetId ?? null,
          quantity: dto.quantity === undefined ? null : parseDecimal(dto.quantity),
          price: dto.price === undefined ? null : parseDecimal(dto.price),
          fee: dto.fee === undefined ? (dto.type === 'BUY' || dto.type === 'SELL' ? parseDecimal('0') : null) : parseDecimal(dto.fee),
          costPerUnit: dto.costPerUnit === undefined ? null : parseDecimal(dto.costPerUnit),
          acquiredAt: dto.acquiredAt ?? null,
          lots: dto.lots?.map((lot) => ({ lotId: lot.lotId, quantity: lot.quantity })) ?? null,
        }),
      );
      const row = await manager.findOneByOrFail(Transaction, { id: saved.id });
      await this.ledger.rederive(manager, principal.userId, row);
      await enqueueDriftRecheck(this.jobs, manager, [portfolio.id]);
      return toTransactionResponse(row);
    });
  }

  async list(principal: Principal, portfolioId: string, query: TransactionQueryDto): Promise<TransactionListDto> {
    const portfolio = await this.portfolios.findOwned(principal, portfolioId);
    const builder = this.dataSource.getRepository(Transaction).createQueryBuilder('tx').where('tx.portfolio_id = :portfolioId', { portfolioId: portfolio.id });
    const page = await paginate(builder, TRANSACTION_PAGES, query);
    return { items: page.rows.map(toTransactionResponse), nextCursor: page.nextCursor };
  }

  async remove(principal: Principal, portfolioId: string, transactionId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await this.ledger.lockUser(manager, principal.userId);
      const portfolio = await this.portfolios.findOwned(principal, portfolioId, manager.getRepository(Portfolio));
      const row = await manager.findOneBy(Transaction, { id: transactionId, portfolioId: portfolio.id });
      if (!row) throw new NotFoundProblem('Transaction');
      await manager.delete(Transaction, { id: row.id });
      await this.ledger.rederive(manager, principal.userId, row);
      await enqueueDriftRecheck(this.jobs, manager, [portfolio.id]);
    });
  }
}
