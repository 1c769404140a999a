import { parseDecimal, toNullableDecimalString } from '../common/decimal/decimal';
import type { Page } from '../common/pagination/paginate';
import type { CreateTransactionDto, TransactionImportResponseDto, TransactionListDto, TransactionResponseDto } from './dto/transaction.dto';
import type { Transaction } from './entities/transaction.entity';
import type { ImportRow } from './transaction-import';
import type { ImportedTransactions, ImportEntry, TransactionEntry } from './transactions.service';

/** A validated body as the row it is stored as; a BUY or SELL without a fee has a fee of 0. */
export function toTransactionEntry(dto: CreateTransactionDto): TransactionEntry {
  return {
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
  };
}

export function toImportEntries(rows: ImportRow[]): ImportEntry[] {
  return rows.map(({ row, transaction }) => ({ row, transaction: toTransactionEntry(transaction) }));
}

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
