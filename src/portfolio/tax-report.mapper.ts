import { stringify } from 'csv-stringify/sync';
import { FORM_8949_SCALE, type Form8949Line, type Form8949Part, type Form8949Totals, type TaxYearReport } from './domain/tax-year-report';
import type { Form8949LineDto, Form8949PartDto, Form8949TotalsDto, TaxYearReportDto } from './dto/tax-report.dto';

/** Form amounts always with their two places ("200.00"), as filed. */
function cents(value: Form8949Line['proceeds']): string {
  return value.toFixed(FORM_8949_SCALE);
}

function toLine(line: Form8949Line): Form8949LineDto {
  return {
    description: line.description,
    dateAcquired: line.dateAcquired,
    dateSold: line.dateSold,
    proceeds: cents(line.proceeds),
    costBasis: cents(line.costBasis),
    adjustmentCode: line.adjustmentCode,
    adjustmentAmount: cents(line.adjustmentAmount),
    gain: cents(line.gain),
    portfolioId: line.portfolioId,
    sellTransactionId: line.sellTransactionId,
    lotId: line.lotId,
  };
}

function toTotals(totals: Form8949Totals): Form8949TotalsDto {
  return { proceeds: cents(totals.proceeds), costBasis: cents(totals.costBasis), adjustmentAmount: cents(totals.adjustmentAmount), gain: cents(totals.gain) };
}

function toPart(part: Form8949Part): Form8949PartDto {
  return { term: part.term, lines: part.lines.map(toLine), totals: toTotals(part.totals) };
}

export function toTaxYearReportDto(householdId: string, report: TaxYearReport): TaxYearReportDto {
  return { householdId, year: report.year, shortTerm: toPart(report.shortTerm), longTerm: toPart(report.longTerm) };
}

/** The CSV columns, in order: the part, then Form 8949's columns (a) to (h), then where each line comes from. */
export const TAX_REPORT_CSV_COLUMNS = [
  'term',
  'description',
  'dateAcquired',
  'dateSold',
  'proceeds',
  'costBasis',
  'adjustmentCode',
  'adjustmentAmount',
  'gain',
  'portfolioId',
  'sellTransactionId',
  'lotId',
] as const;

/**
 * The same report as CSV: one row per line, short-term first, and after each part a TOTAL row
 * (description "Totals", no dates or ids) with the part's sums, so a spreadsheet shows what Form
 * 8949's totals lines carry.
 */
export function toTaxYearReportCsv(report: TaxYearReport): string {
  const rows: string[][] = [[...TAX_REPORT_CSV_COLUMNS]];
  for (const part of [report.shortTerm, report.longTerm]) {
    for (const line of part.lines.map(toLine)) {
      rows.push([part.term, ...TAX_REPORT_CSV_COLUMNS.slice(1).map((column) => line[column as keyof Form8949LineDto] as string)]);
    }
    const totals = toTotals(part.totals);
    rows.push([`${part.term}_TOTAL`, 'Totals', '', '', totals.proceeds, totals.costBasis, '', totals.adjustmentAmount, totals.gain, '', '', '']);
  }
  return stringify(rows);
}
