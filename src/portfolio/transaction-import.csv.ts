import { CsvError, parse } from 'csv-parse/sync';
import { AppProblem, type FieldError } from '../common/problem/problem';
import { PortfolioErrorCode } from './portfolio-errors';

/**
 * The columns a text/csv import may have, in any order; `type` and
 * `executedAt` are required in the header, the others only where a row needs
 * them. A row names its asset by `symbol` (looked up in the catalogue) or by
 * `assetId`. A SELL's `lots` has no column: a SPECIFIC_ID sale is imported as
 * JSON.
 */
export const IMPORT_CSV_COLUMNS = ['type', 'executedAt', 'symbol', 'assetId', 'amount', 'quantity', 'price', 'fee', 'costPerUnit', 'acquiredAt'] as const;
export type ImportCsvColumn = (typeof IMPORT_CSV_COLUMNS)[number];
const REQUIRED_COLUMNS: readonly ImportCsvColumn[] = ['type', 'executedAt'];

/** One data record: its cells by column, only those not empty (an empty cell is an absent field). */
export interface CsvImportRecord {
  /** 1-based, counting data records only: the header is not a row, and blank lines are skipped. */
  row: number;
  cells: Partial<Record<ImportCsvColumn, string>>;
}

function malformed(detail: string, errors?: FieldError[]): AppProblem {
  return new AppProblem(PortfolioErrorCode.MALFORMED_CSV, detail, errors ? { errors } : {});
}

function headerOf(names: string[]): ImportCsvColumn[] {
  const known = new Set<string>(IMPORT_CSV_COLUMNS);
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  for (const name of names) {
    if (!known.has(name))
      errors.push({ field: 'header', rule: 'knownColumn', message: `"${name}" is not a column; columns are ${IMPORT_CSV_COLUMNS.join(', ')}` });
    else if (seen.has(name)) errors.push({ field: 'header', rule: 'uniqueColumn', message: `"${name}" appears twice` });
    seen.add(name);
  }
  for (const name of REQUIRED_COLUMNS) {
    if (!seen.has(name)) errors.push({ field: 'header', rule: 'requiredColumn', message: `the "${name}" column is required` });
  }
  if (errors.length > 0) throw malformed('The CSV header must name the columns, each once: type and executedAt, then any of the others', errors);
  return names as ImportCsvColumn[];
}

/**
 * Reads a CSV import (RFC 4180: comma-separated, double-quoted where a cell
 * holds a comma, quote or line break; a UTF-8 byte order mark is allowed).
 * Cells are trimmed. A record whose cell count differs from the header's is
 * returned as a row error rather than a refusal of the whole body, so every
 * bad row is listed at once.
 */
export function readImportCsv(text: string): { records: CsvImportRecord[]; errors: FieldError[]; total: number } {
  let lines: string[][];
  try {
    lines = parse(text, { bom: true, trim: true, skip_empty_lines: true, relax_column_count: true }) as string[][];
  } catch (error) {
    if (error instanceof CsvError) throw malformed(`The body is not readable as CSV: ${error.message}`);
    throw error;
  }
  if (lines.length === 0) throw malformed('The CSV is empty: the first line must be the header, e.g. type,executedAt,amount');
  const [header, ...data] = lines;
  const columns = headerOf(header);
  const records: CsvImportRecord[] = [];
  const errors: FieldError[] = [];
  data.forEach((cells, index) => {
    const row = index + 1;
    if (cells.length !== columns.length) {
      errors.push({ row, field: '(row)', rule: 'columnCount', message: `has ${cells.length} cells; the header has ${columns.length}` });
      return;
    }
    const present = columns.map((column, at) => [column, cells[at]] as const).filter(([, cell]) => cell !== '');
    records.push({ row, cells: Object.fromEntries(present) });
  });
  return { records, errors, total: data.length };
}
