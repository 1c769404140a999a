import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiOperation, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentPrincipal, RequireScopes } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { ApiProblems } from '../common/http/api-problem-responses.decorator';
import { UuidParam } from '../common/http/uuid-param.decorator';
import { CommonErrorCode } from '../common/problem/common-errors';
import { TaxYearReportDto, TaxYearReportQueryDto } from './dto/tax-report.dto';
import { TAX_REPORT_CSV_COLUMNS, toTaxYearReportCsv, toTaxYearReportDto } from './tax-report.mapper';
import { TaxReportService } from './tax-report.service';

const CSV_EXAMPLE = `${TAX_REPORT_CSV_COLUMNS.join(',')}
SHORT,12.5 sh. VTI,2025-03-14,2026-02-10,2875.00,3075.00,W,200.00,0.00,3f2b8a1e-5c1d-4e8f-9a6b-1c2d3e4f5a6b,7c8d9e0f-1a2b-4c3d-8e4f-5a6b7c8d9e0f,9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d
SHORT_TOTAL,Totals,,,2875.00,3075.00,,200.00,0.00,,,
LONG_TOTAL,Totals,,,0.00,0.00,,0.00,0.00,,,
`;

@ApiTags('households')
@Controller('households')
export class HouseholdTaxReportController {
  constructor(private readonly reports: TaxReportService) {}

  @Get(':id/realized-gains')
  @RequireScopes('portfolios:read')
  @ApiOperation({
    operationId: 'getHouseholdTaxYearReport',
    summary: "A tax year's realized gains as Form 8949 lines, by term, with totals",
    description:
      'Every lot relieved by a sale in one of the household’s taxable accounts, dated in the year (UTC): columns (a)–(h) of Form 8949, ' +
      'each amount to the cent (half-even) and totals that are sums of the lines as shown. Sales inside tax-deferred and tax-exempt accounts are ' +
      'not reported. Send `Accept: text/csv` for the same report as CSV (a header row, one row per line, a SHORT_TOTAL and a LONG_TOTAL row).',
  })
  @ApiExtraModels(TaxYearReportDto)
  @ApiOkResponse({
    description: 'The report, as JSON or (Accept: text/csv) as CSV',
    content: {
      'application/json': { schema: { $ref: getSchemaPath(TaxYearReportDto) } },
      'text/csv': { schema: { type: 'string', maxLength: 50_000_000 }, example: CSV_EXAMPLE },
    },
  })
  @ApiProblems(CommonErrorCode.VALIDATION_FAILED, CommonErrorCode.NOT_FOUND)
  async report(
    @CurrentPrincipal() principal: Principal,
    @UuidParam('id') id: string,
    @Query() query: TaxYearReportQueryDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<TaxYearReportDto | string> {
    const report = await this.reports.report(principal, id, query.year ?? new Date().getUTCFullYear());
    // JSON unless the caller prefers CSV: a browser or client asking for anything gets JSON.
    if (request.accepts(['application/json', 'text/csv']) === 'text/csv') {
      response.type('text/csv; charset=utf-8');
      response.setHeader('Content-Disposition', `attachment; filename="form-8949-${report.year}.csv"`);
      return toTaxYearReportCsv(report);
    }
    return toTaxYearReportDto(id, report);
  }
}
