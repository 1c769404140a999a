import { PERCENT_SCALE, toDecimalString, toMoneyEstimate } from '../common/decimal/decimal';
import type { Page } from '../common/pagination/paginate';
import type { DriftReport } from './domain/drift';
import type { HistoryFilter } from './drift-history.repository';
import type { MeasuredDrift, MeasuredHouseholdDrift } from './drift.service';
import type {
  DriftHistoryDto,
  DriftHistoryPointDto,
  DriftHistoryQueryDto,
  DriftReportDto,
  HouseholdDriftHistoryDto,
  HouseholdDriftReportDto,
} from './dto/drift.dto';
import type { HouseholdDrift } from './entities/household-drift.entity';
import type { PortfolioDrift } from './entities/portfolio-drift.entity';

export function toHistoryFilter(query: DriftHistoryQueryDto): HistoryFilter {
  return { assetType: query.assetType, from: query.from, to: query.to };
}

export function toDriftResponse(portfolioId: string, report: DriftReport, calculatedAt: Date, warnings: string[]): DriftReportDto {
  return { portfolioId, ...driftBody(report, calculatedAt, warnings) };
}

/** A drift report without its subject: what a portfolio's and a household's report share. */
export function driftBody(report: DriftReport, calculatedAt: Date, warnings: string[]): Omit<DriftReportDto, 'portfolioId'> {
  return {
    totalValue: toMoneyEstimate(report.totalValue),
    calculatedAt: calculatedAt.toISOString(),
    status: report.status,
    totalDrift: toDecimalString(report.totalDrift, PERCENT_SCALE),
    items: report.items.map((item) => ({
      assetType: item.assetType,
      currentValue: toMoneyEstimate(item.currentValue),
      currentPercentage: toDecimalString(item.currentPercentage, PERCENT_SCALE),
      targetPercentage: toDecimalString(item.targetPercentage, PERCENT_SCALE),
      tolerancePercentage: toDecimalString(item.tolerancePercentage, PERCENT_SCALE),
      driftPercentage: toDecimalString(item.driftPercentage, PERCENT_SCALE),
      driftLevel: item.driftLevel,
    })),
    warnings,
  };
}

export function toDriftHistoryPointDto(point: PortfolioDrift | HouseholdDrift): DriftHistoryPointDto {
  return {
    calculatedAt: point.calculatedAt.toISOString(),
    assetType: point.assetType,
    currentValue: toMoneyEstimate(point.currentValue),
    currentPercentage: toDecimalString(point.currentPercentage, PERCENT_SCALE),
    targetPercentage: toDecimalString(point.targetPercentage, PERCENT_SCALE),
    tolerancePercentage: toDecimalString(point.tolerancePercentage, PERCENT_SCALE),
    driftPercentage: toDecimalString(point.driftPercentage, PERCENT_SCALE),
    driftLevel: point.driftLevel,
  };
}

export function toMeasuredDriftDto(measured: MeasuredDrift): DriftReportDto {
  return toDriftResponse(measured.portfolioId, measured.report, measured.calculatedAt, measured.warnings);
}

export function toHouseholdDriftDto({ householdId, report, calculatedAt, warnings }: MeasuredHouseholdDrift): HouseholdDriftReportDto {
  return { householdId, ...driftBody(report, calculatedAt, warnings) };
}

export function toDriftHistoryDto(history: { portfolioId: string; page: Page<PortfolioDrift> }): DriftHistoryDto {
  return { portfolioId: history.portfolioId, nextCursor: history.page.nextCursor, items: history.page.rows.map(toDriftHistoryPointDto) };
}

export function toHouseholdDriftHistoryDto(history: { householdId: string; page: Page<HouseholdDrift> }): HouseholdDriftHistoryDto {
  return { householdId: history.householdId, nextCursor: history.page.nextCursor, items: history.page.rows.map(toDriftHistoryPointDto) };
}
