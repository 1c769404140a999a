import { parseDecimal, toDecimalString, toMoneyEstimate } from '../common/decimal/decimal';
import type { Page } from '../common/pagination/paginate';
import type { ExecutePlanDto, PlanDto, PlanSummaryListDto } from './dto/plans.dto';
import type { PlanFills, PlanWithItems } from './plans.service';
import type { ShownDriftReport, ShownSuggestion, ShownSummary } from './shown-suggestions';

/**
 * A plan shows its suggestions as they were computed and stored; plans stored before money estimates
 * were rounded for display hold them exact, so they are shown by the same rule (rounding a rounded
 * estimate again changes nothing).
 */
function shownMoney(value: string): string {
  return toMoneyEstimate(parseDecimal(value));
}

function shownDrift(report: ShownDriftReport): ShownDriftReport {
  return {
    ...report,
    totalValue: shownMoney(report.totalValue),
    items: report.items.map((item) => ({ ...item, currentValue: shownMoney(item.currentValue) })),
  };
}

function shownSummary(summary: ShownSummary): ShownSummary {
  return {
    ...summary,
    totalBuys: shownMoney(summary.totalBuys),
    totalSells: shownMoney(summary.totalSells),
    netCash: shownMoney(summary.netCash),
    cashAfter: shownMoney(summary.cashAfter),
    estimatedRealizedGain: { shortTerm: shownMoney(summary.estimatedRealizedGain.shortTerm), longTerm: shownMoney(summary.estimatedRealizedGain.longTerm) },
    driftBefore: shownDrift(summary.driftBefore),
    driftAfter: shownDrift(summary.driftAfter),
  };
}

function shownSuggestion(suggestion: ShownSuggestion): ShownSuggestion {
  return {
    ...suggestion,
    estimatedValue: shownMoney(suggestion.estimatedValue),
    lots: suggestion.lots.map((lot) => ({
      ...lot,
      gain: shownMoney(lot.gain),
      ...(lot.washSaleDisallowed === undefined ? {} : { washSaleDisallowed: shownMoney(lot.washSaleDisallowed) }),
    })),
    estimatedRealizedGain: {
      shortTerm: shownMoney(suggestion.estimatedRealizedGain.shortTerm),
      longTerm: shownMoney(suggestion.estimatedRealizedGain.longTerm),
    },
  };
}

export function toPlanDto({ plan, items }: PlanWithItems): PlanDto {
  return {
    id: plan.id,
    portfolioId: plan.portfolioId,
    status: plan.status,
    options: plan.options,
    origin: plan.origin,
    items: items.map((item) => ({
      ...shownSuggestion(item.suggestion),
      price: item.price ? toDecimalString(item.price) : null,
      id: item.id,
      status: item.status,
      executedAt: item.executedAt?.toISOString() ?? null,
      transactionId: item.transactionId,
    })),
    summary: shownSummary(plan.summary),
    execution: plan.execution,
    warnings: plan.warnings,
    createdAt: plan.createdAt.toISOString(),
    executedAt: plan.executedAt?.toISOString() ?? null,
    cancelledAt: plan.cancelledAt?.toISOString() ?? null,
  };
}

export function toPlanListDto(page: Page<PlanWithItems>): PlanSummaryListDto {
  return { items: page.rows.map(toPlanDto), nextCursor: page.nextCursor };
}

/** The prices to record items at instead of the plan's, by item id. */
export function toPlanFills(dto: ExecutePlanDto): PlanFills {
  return new Map((dto.fills ?? []).map((fill) => [fill.itemId, parseDecimal(fill.price)]));
}
