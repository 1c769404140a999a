import { toNullableDecimalString } from '../common/decimal/decimal';
import type { Page } from '../common/pagination/paginate';
import type { TransactionImportResponseDto, TransactionListDto, TransactionResponseDto } from './dto/transaction.dto';
import type { Transaction } from './entities/transaction.entity';
import type { ImportedTransactions } from './transactions.service';

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

export function toTransactionList(page: Page<Transaction>): TransactionListDto {
  return { items: page.rows.map(toTransactionResponse), nextCursor: page.nextCursor };
}

export function toTransactionImportResponse(result: ImportedTransactions): TransactionImportResponseDto {
  return { imported: result.imported, firstTransactionId: result.firstTransactionId, lastTransactionId: result.lastTransactionId };
}
