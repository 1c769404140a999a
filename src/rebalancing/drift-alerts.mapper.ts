import { parseDecimal, PERCENT_SCALE, toDecimalString, toMoneyEstimate } from '../common/decimal/decimal';
import type { Page } from '../common/pagination/paginate';
import type { AlertLevel, AlertStatus } from './domain/alert-lifecycle';
import type { AlertStateFilter } from './drift-alerts.service';
import type { DriftAlertDto, DriftAlertListDto, DriftAlertQueryDto, DriftScanDto } from './dto/drift-alerts.dto';
import type { DriftAlert } from './entities/drift-alert.entity';
import type { DriftScan } from './entities/drift-scan.entity';

/** The query's filters; validation admitted only the known statuses and levels. */
export function toAlertStateFilter(query: DriftAlertQueryDto): AlertStateFilter {
  return { status: query.status as AlertStatus | undefined, level: query.level as AlertLevel | undefined };
}

export function toDriftAlertDto(alert: DriftAlert): DriftAlertDto {
  return {
    id: alert.id,
    portfolioId: alert.portfolioId,
    householdId: alert.householdId,
    status: alert.status,
    level: alert.level,
    totalValue: toMoneyEstimate(alert.totalValue),
    totalDrift: toDecimalString(alert.totalDrift, PERCENT_SCALE),
    // Items are stored as they were shown; alerts opened before the display rule held exact values.
    items: alert.items.map((item) => ({ ...item, currentValue: toMoneyEstimate(parseDecimal(item.currentValue)) })),
    openedAt: alert.openedAt.toISOString(),
    levelChangedAt: alert.levelChangedAt.toISOString(),
    acknowledgedAt: alert.acknowledgedAt?.toISOString() ?? null,
    resolvedAt: alert.resolvedAt?.toISOString() ?? null,
    // One link whatever the subject: the alert's portfolioId or householdId says whose plan it is.
    planId: alert.planId ?? alert.householdPlanId,
  };
}

export function toDriftScanDto(scan: DriftScan): DriftScanDto {
  return {
    id: scan.id,
    trigger: scan.trigger,
    status: scan.status,
    portfolioCount: scan.portfolioCount,
    householdCount: scan.householdCount,
    batchCount: scan.batchCount,
    batchesDone: scan.batchesDone,
    evaluatedCount: scan.evaluatedCount,
    alertsOpened: scan.alertsOpened,
    alertsEscalated: scan.alertsEscalated,
    alertsResolved: scan.alertsResolved,
    startedAt: scan.startedAt.toISOString(),
    finishedAt: scan.finishedAt?.toISOString() ?? null,
  };
}

export function toDriftAlertListDto(page: Page<DriftAlert>): DriftAlertListDto {
  return { items: page.rows.map(toDriftAlertDto), nextCursor: page.nextCursor };
}
