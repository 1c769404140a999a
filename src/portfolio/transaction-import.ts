import { AppProblem, type FieldError } from '../common/problem/problem';
import { PROBLEM_LIMITS } from '../common/problem/problem.dto';
import type { CreateTransactionDto } from './dto/transaction.dto';
import { PortfolioErrorCode } from './portfolio-errors';

/** The most rows one import takes; more is a 413 TOO_MANY_ITEMS, so a partner splits the file. */
export const MAX_IMPORT_ROWS = 10_000;

/** A row that passed every rule a single POST .../transactions checks before the portfolio is read. */
export interface ImportRow {
  /** 1-based: the JSON array's item, or the CSV's data record (the header is not counted). */
  row: number;
  transaction: CreateTransactionDto;
}

/** The refusal of the whole import: every bad row listed, by row order. */
export function invalidRows(errors: FieldError[], total: number): AppProblem {
  const sorted = [...errors].sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
  const badRows = new Set(sorted.map((error) => error.row)).size;
  // A problem lists at most PROBLEM_LIMITS.errors entries; the detail still counts every bad row.
  const listed = sorted.length > PROBLEM_LIMITS.errors ? `; the first ${PROBLEM_LIMITS.errors} of ${sorted.length} errors are listed` : '';
  return new AppProblem(
    PortfolioErrorCode.IMPORT_ROWS_INVALID,
    `${badRows} of ${total} rows break a rule (see errors: row, field, rule); nothing was imported${listed}`,
    { errors: sorted },
  );
}
