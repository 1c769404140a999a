import { Injectable } from '@nestjs/common';
import type { Principal } from '../auth/principal';
import { NotFoundProblem } from '../common/problem/problem';
import { taxYearReport, type TaxYearReport } from './domain/tax-year-report';
import { TaxReportRepository } from './tax-report.repository';

/** The tax-year report of a household: what a filer copies onto Form 8949. */
@Injectable()
export class TaxReportService {
  constructor(private readonly gains: TaxReportRepository) {}

  /** The user's household's Form 8949 lines and totals for `year` (sales dated in it, UTC); 404 when not theirs. */
  async report(principal: Principal, householdId: string, year: number): Promise<TaxYearReport> {
    const from = new Date(Date.UTC(year, 0, 1));
    const to = new Date(Date.UTC(year + 1, 0, 1));
    const rows = await this.gains.taxableGains(principal.userId, householdId, from, to);
    if (!rows) throw new NotFoundProblem('Household');
    return taxYearReport(
      rows.map((row) => row.gain),
      new Map(rows.map((row) => [row.gain.assetId, row.symbol])),
      year,
    );
  }
}
