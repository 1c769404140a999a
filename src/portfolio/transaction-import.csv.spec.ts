import { AppProblem } from '../common/problem/problem';
import { readImportCsv } from './transaction-import.csv';

function refusal(text: string): AppProblem {
  try {
    readImportCsv(text);
  } catch (error) {
    if (error instanceof AppProblem) return error;
    throw error;
  }
  throw new Error('the CSV was read');
}

describe('reading an import CSV', () => {
  it('numbers data records from 1 after the header, skips blank lines, and leaves empty cells out', () => {
    const text = '\uFEFFtype,executedAt,amount,symbol\r\nDEPOSIT,2026-03-02T15:00:00Z,100,\r\n\r\n  BUY , 2026-03-03T15:00:00Z ,,"A,B"\r\n';
    expect(readImportCsv(text)).toEqual({
      records: [
        { row: 1, cells: { type: 'DEPOSIT', executedAt: '2026-03-02T15:00:00Z', amount: '100' } },
        { row: 2, cells: { type: 'BUY', executedAt: '2026-03-03T15:00:00Z', symbol: 'A,B' } },
      ],
      errors: [],
      total: 2,
    });
  });

  it('reports a record with too few or too many cells as a row error, and reads the others', () => {
    const { records, errors, total } = readImportCsv('type,executedAt,amount\nDEPOSIT,2026-03-02T15:00:00Z\nDEPOSIT,2026-03-02T15:00:00Z,5\nFEE,x,1,2\n');
    expect(records.map((record) => record.row)).toEqual([2]);
    expect(errors).toEqual([
      { row: 1, field: '(row)', rule: 'columnCount', message: 'has 2 cells; the header has 3' },
      { row: 3, field: '(row)', rule: 'columnCount', message: 'has 4 cells; the header has 3' },
    ]);
    expect(total).toBe(3);
  });

  it('refuses a header with an unknown, repeated or missing column, naming each', () => {
    const problem = refusal('type,Amount,type\nDEPOSIT,1,DEPOSIT\n');
    expect(problem.code).toBe('MALFORMED_CSV');
    expect(problem.errors?.map((error) => error.rule)).toEqual(['knownColumn', 'uniqueColumn', 'requiredColumn']);
    expect(problem.errors?.[2].message).toBe('the "executedAt" column is required');
  });

  it('refuses text that is not CSV, and an empty body', () => {
    expect(refusal('type,executedAt\n"DEPOSIT,2026-03-02T15:00:00Z\n').detail).toMatch(/^The body is not readable as CSV: Quote Not Closed/);
    expect(refusal('\n\n').detail).toBe('The CSV is empty: the first line must be the header, e.g. type,executedAt,amount');
  });
});
