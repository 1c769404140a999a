import type { DriftAlertDto } from './dto/drift-alerts.dto';
import type { DriftAlert } from './entities/drift-alert.entity';
import { parseDecimal, PERCENT_SCALE, toDecimalString, toMoneyEstimate } from '../common/decimal/decimal';

export function toDriftAlertDto(alert: DriftAlert): DriftAlertDto {
  return {
    id: alert.id,
    portfolioId: alert.portfolioId,
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
    planId: alert.planId,
  };
}
