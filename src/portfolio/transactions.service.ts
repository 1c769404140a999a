import { Injectable } from '@nestjs/common';
import { enqueueDriftRecheck } from '../jobs/drift-recheck';
import { JobQueue } from '../jobs/job-queue';
import type { Principal } from '../auth/principal';
import { parseDecimal } from '../common/decimal/decimal';
import type { Page } from '../common/pagination/paginate';
import { NotFoundProblem, AppProblem, ValidationProblem } from '../common/problem/problem';
import { UnitOfWork } from '../database/unit-of-work';
import { AssetRepository } from './asset.repository';
import type { CreateTransactionDto, TransactionQueryDto } from './dto/transaction.dto';
import type { Transaction } from './entities/transaction.entity';
import { LedgerService } from './ledger.service';
import { PortfoliosService } from './portfolios.service';
import { TransactionRepository } from './transaction.repository';
import { CommonErrorCode } from '../common/problem/common-errors';
import { PortfolioErrorCode } from './portfolio-errors';

@Injectable()
export class TransactionsService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly transactions: TransactionRepository,
    private readonly assets: AssetRepository,
    private readonly portfolios: PortfoliosService,
    private readonly ledger: LedgerService,
    private readonly jobs: JobQueue,
  ) {}

  /** Records the transaction and re-derives its household's holdings in one DB transaction: an impossible history changes nothing. */
  async create(principal: Principal, portfolioId: string, dto: CreateTransactionDto): Promise<Transaction> {
    return this.unitOfWork.run(async (manager) => {
      await this.ledger.lockScopeOf(manager, principal.userId, portfolioId);
      const portfolio = await this.portfolios.findOwned(principal, portfolioId, manager);
      if (dto.assetId !== undefined) {
        const asset = await this.assets.findById(dto.assetId, manager);
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
      const [row] = await this.transactions.insert(
        [
          {
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
          },
        ],
        manager,
      );
      await this.ledger.rederive(manager, portfolio.householdId, row);
      await enqueueDriftRecheck(this.jobs, manager, [portfolio.id]);
      return row;
    });
  }

  async list(principal: Principal, portfolioId: string, query: TransactionQueryDto): Promise<Page<Transaction>> {
    const portfolio = await this.portfolios.findOwned(principal, portfolioId);
    return this.transactions.pageOwned(principal.userId, portfolio.id, query);
  }

  async remove(principal: Principal, portfolioId: string, transactionId: string): Promise<void> {
    await this.unitOfWork.run(async (manager) => {
      await this.ledger.lockScopeOf(manager, principal.userId, portfolioId);
      const portfolio = await this.portfolios.findOwned(principal, portfolioId, manager);
      const row = await this.transactions.findOwned(principal.userId, portfolio.id, transactionId, manager);
      if (!row) throw new NotFoundProblem('Transaction');
      await this.transactions.delete(row.id, manager);
      await this.ledger.rederive(manager, portfolio.householdId, row);
      await enqueueDriftRecheck(this.jobs, manager, [portfolio.id]);
    });
  }
}
