import { Injectable } from '@nestjs/common';
import { enqueueDriftRecheck } from '../jobs/drift-recheck';
import { JobQueue } from '../jobs/job-queue';
import type { Principal } from '../auth/principal';
import type { Page, PageRequest } from '../common/pagination/paginate';
import { NotFoundProblem, AppProblem, ValidationProblem, type FieldError } from '../common/problem/problem';
import { UnitOfWork } from '../database/unit-of-work';
import { AssetRepository } from './asset.repository';
import type { Transaction } from './entities/transaction.entity';
import { LedgerService } from './ledger.service';
import { PortfoliosService } from './portfolios.service';
import { invalidRows } from './transaction-import';
import { type NewTransaction, TransactionRepository } from './transaction.repository';
import { CommonErrorCode } from '../common/problem/common-errors';
import { PortfolioErrorCode } from './portfolio-errors';

/** A transaction to record, as the ledger stores it (decimals exact, a BUY or SELL without a fee has a fee of 0). */
export type TransactionEntry = Omit<NewTransaction, 'portfolioId'>;

/** One entry of an import, with its row in the file (1-based) for messages that name it. */
export interface ImportEntry {
  row: number;
  transaction: TransactionEntry;
}

/** What an import recorded: how many rows, and the ids of the first and last. */
export interface ImportedTransactions {
  imported: number;
  firstTransactionId: string;
  lastTransactionId: string;
}

/**
 * The ledger names the transaction it cannot replay by id; in an import that id was never
 * committed, so the answer names the row instead. A transaction recorded before that the import
 * makes impossible (a backdated WITHDRAWAL leaving a later BUY without cash) keeps its id: it
 * exists, and it is the one to look at.
 */
function inImportTerms(error: unknown, ids: string[], rows: ImportEntry[]): unknown {
  if (!(error instanceof AppProblem) || typeof error.extensions.transactionId !== 'string') return error;
  const index = ids.indexOf(error.extensions.transactionId);
  if (index < 0) {
    return new AppProblem(error.code, `The import would make a transaction recorded before it impossible: ${error.detail}`, { extensions: error.extensions });
  }
  const { row, transaction } = rows[index];
  return new AppProblem(error.code, `Row ${row} (${transaction.type} of ${transaction.executedAt.toISOString()}): ${error.detail}`, { extensions: { row } });
}

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
  async create(principal: Principal, portfolioId: string, entry: TransactionEntry): Promise<Transaction> {
    return this.unitOfWork.run(async (manager) => {
      await this.ledger.lockScopeOf(manager, principal.userId, portfolioId);
      const portfolio = await this.portfolios.findOwned(principal, portfolioId, manager);
      if (entry.assetId !== null) {
        const asset = await this.assets.findById(entry.assetId, manager);
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
      const [row] = await this.transactions.insert([{ portfolioId: portfolio.id, ...entry }], manager);
      await this.ledger.rederive(manager, portfolio.householdId, row);
      await enqueueDriftRecheck(this.jobs, manager, [portfolio.id]);
      return row;
    });
  }

  /**
   * Records the rows in one statement and replays the ledger once, in one DB transaction: all or
   * nothing. A row in an asset of another currency is refused with the others that are (422
   * IMPORT_ROWS_INVALID); a history the ledger cannot hold is refused naming the first row it
   * breaks at. The rows were validated one by one before (TransactionImportPipe).
   */
  async import(principal: Principal, portfolioId: string, rows: ImportEntry[]): Promise<ImportedTransactions> {
    return this.unitOfWork.run(async (manager) => {
      await this.ledger.lockScopeOf(manager, principal.userId, portfolioId);
      const portfolio = await this.portfolios.findOwned(principal, portfolioId, manager);
      const assetIds = [...new Set(rows.flatMap(({ transaction }) => (transaction.assetId === null ? [] : [transaction.assetId])))];
      const assets = new Map((await this.assets.findByIdsOrSymbols(assetIds, [], manager)).map((asset) => [asset.id, asset]));
      const errors: FieldError[] = rows.flatMap(({ row, transaction }) => {
        const asset = transaction.assetId === null ? undefined : assets.get(transaction.assetId);
        if (!asset || asset.currency === portfolio.baseCurrency) return [];
        return [
          { row, field: 'assetId', rule: 'sameCurrency', message: `${asset.symbol} trades in ${asset.currency}, the portfolio in ${portfolio.baseCurrency}` },
        ];
      });
      if (errors.length > 0) throw invalidRows(errors, rows.length);
      const ids = await this.transactions.insertMany(
        rows.map(({ transaction }) => ({ portfolioId: portfolio.id, ...transaction })),
        manager,
      );
      try {
        await this.ledger.rederive(manager, portfolio.householdId);
      } catch (error) {
        throw inImportTerms(error, ids, rows);
      }
      await enqueueDriftRecheck(this.jobs, manager, [portfolio.id]);
      return { imported: ids.length, firstTransactionId: ids[0], lastTransactionId: ids[ids.length - 1] };
    });
  }

  async list(principal: Principal, portfolioId: string, request: PageRequest): Promise<Page<Transaction>> {
    const portfolio = await this.portfolios.findOwned(principal, portfolioId);
    return this.transactions.pageOwned(principal.userId, portfolio.id, request);
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
