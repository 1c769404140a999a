import { Injectable, type PipeTransform } from '@nestjs/common';
import { stripProtoKeys } from '@nestjs/common/utils/strip-proto-keys.util';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { CommonErrorCode } from '../common/problem/common-errors';
import { AppProblem, type FieldError, ValidationProblem } from '../common/problem/problem';
import { flattenValidationErrors } from '../common/problem/validation-errors';
import { AssetsService } from './assets.service';
import { CreateTransactionDto } from './dto/transaction.dto';
import { type ImportRow, invalidRows, MAX_IMPORT_ROWS } from './transaction-import';
import { readImportCsv } from './transaction-import.csv';

/** A row as read, before validation: the fields of one transaction body, and for CSV the symbol it names. */
interface ReadRow {
  row: number;
  fields: unknown;
  symbol?: string;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function countWithinLimits(count: number): void {
  if (count === 0) throw new ValidationProblem([{ field: '(body)', rule: 'arrayMinSize', message: 'must hold at least 1 row' }]);
  if (count > MAX_IMPORT_ROWS) throw new AppProblem(CommonErrorCode.TOO_MANY_ITEMS, `At most ${MAX_IMPORT_ROWS} rows per import; got ${count}`);
}

interface ReadBody {
  rows: ReadRow[];
  /** Rows refused while reading (a CSV record with too few or too many cells). */
  errors: FieldError[];
  total: number;
}

function fromJson(body: unknown): ReadBody {
  if (!Array.isArray(body)) throw new ValidationProblem([{ field: '(body)', rule: 'isArray', message: 'must be a JSON array of transaction bodies' }]);
  countWithinLimits(body.length);
  return { rows: body.map((fields: unknown, index) => ({ row: index + 1, fields })), errors: [], total: body.length };
}

function fromCsv(text: string): ReadBody {
  const { records, errors, total } = readImportCsv(text);
  countWithinLimits(total);
  const rows = records.map(({ row, cells: { symbol, ...fields } }) => ({ row, fields, symbol: symbol?.toUpperCase() }));
  return { rows, errors, total };
}

/**
 * Reads an import body, JSON array or CSV, into rows and validates each one
 * with CreateTransactionDto, the single POST's own class and rules, so the two
 * cannot drift apart. Every bad row is collected before anything is refused:
 * one 422 IMPORT_ROWS_INVALID lists them all, by row, field and rule. A CSV
 * row's symbol becomes the assetId the DTO knows; the assets named, by symbol
 * or id, are looked up in one query. The portfolio's own rules (its currency)
 * and the ledger come after, in the service.
 */
@Injectable()
export class TransactionImportPipe implements PipeTransform<unknown, Promise<ImportRow[]>> {
  constructor(private readonly assets: AssetsService) {}

  async transform(body: unknown): Promise<ImportRow[]> {
    // Only the route's JSON and CSV parsers fill the body; any other media type leaves it unread.
    if (body === undefined) {
      throw new AppProblem(CommonErrorCode.UNSUPPORTED_MEDIA_TYPE, 'Send the rows as application/json (an array of transaction bodies) or as text/csv');
    }
    const { rows, errors, total } = typeof body === 'string' ? fromCsv(body) : fromJson(body);
    const symbols = [...new Set(rows.flatMap((row) => (row.symbol === undefined ? [] : [row.symbol])))];
    const ids = [...new Set(rows.flatMap((row) => (isPlainObject(row.fields) && typeof row.fields.assetId === 'string' ? [row.fields.assetId] : [])))];
    const catalogue = await this.assets.named(
      ids.filter((id) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)),
      symbols,
    );
    const idOfSymbol = new Map(catalogue.map((asset) => [asset.symbol, asset.id]));
    const knownIds = new Set(catalogue.map((asset) => asset.id));

    const valid: ImportRow[] = [];
    for (const { row, fields, symbol } of rows) {
      if (!isPlainObject(fields)) {
        errors.push({ row, field: '(row)', rule: 'isObject', message: 'must be an object' });
        continue;
      }
      const rowErrors: FieldError[] = [];
      let plain = fields;
      if (symbol !== undefined) {
        const assetId = idOfSymbol.get(symbol);
        if (fields.assetId !== undefined)
          rowErrors.push({ field: 'symbol', rule: 'oneAssetReference', message: 'name the asset by symbol or by assetId, not both' });
        else if (assetId === undefined) rowErrors.push({ field: 'symbol', rule: 'knownSymbol', message: `no asset has symbol ${symbol}` });
        else plain = { ...fields, assetId };
      }
      // As the global ValidationPipe does first: class-transformer would call a row's own `constructor` key as a class.
      stripProtoKeys(plain);
      const transaction = plainToInstance(CreateTransactionDto, plain);
      // Every rule of the DTO is synchronous; at 10,000 rows validateSync saves a promise per rule and row.
      const broken = flattenValidationErrors(validateSync(transaction, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true }));
      // A symbol that named nothing already explains the missing assetId.
      rowErrors.push(...broken.filter((error) => !(error.field === 'assetId' && rowErrors.some((own) => own.field === 'symbol'))));
      if (rowErrors.length === 0 && transaction.assetId !== undefined && !knownIds.has(transaction.assetId)) {
        rowErrors.push({ field: 'assetId', rule: 'knownAsset', message: 'is not an asset of the catalogue' });
      }
      if (rowErrors.length > 0) errors.push(...rowErrors.map((error) => ({ row, ...error })));
      else valid.push({ row, transaction });
    }
    if (errors.length > 0) throw invalidRows(errors, total);
    return valid;
  }
}
