import { DAY_MS, shiftDays, utcDay } from '../../portfolio/domain/dates';
import { WASH_SALE_WINDOW_DAYS } from '../../portfolio/domain/wash-sales';

/** One of the user's BUYs or loss-realizing SELLs, in any of their portfolios. */
export interface RecentActivity {
  assetId: string;
  kind: 'BUY' | 'LOSS_SALE';
  at: Date;
}

/** The assets sold at a loss within the wash-sale window before now. */
export function lossSales(recent: RecentActivity[], now: Date): Set<string> {
  return new Set(inWindow(recent, now, 'LOSS_SALE').map((activity) => activity.assetId));
}

/** The first moment of the wash-sale window ending on now's day: it counts whole UTC days. */
export function washSaleWindowStart(now: Date): Date {
  return shiftDays(new Date(utcDay(now) * DAY_MS), -WASH_SALE_WINDOW_DAYS);
}

/**
 * The first UTC date on which selling at a loss is no longer a wash sale of a BUY on `boughtAt`:
 * the window counts 30 days either side of the sale, both ends included.
 */
export function washSaleSafeAfter(boughtAt: Date): Date {
  return new Date(Date.UTC(boughtAt.getUTCFullYear(), boughtAt.getUTCMonth(), boughtAt.getUTCDate() + WASH_SALE_WINDOW_DAYS + 1));
}

function inWindow(recent: RecentActivity[], now: Date, kind: RecentActivity['kind']): RecentActivity[] {
  const first = utcDay(now) - WASH_SALE_WINDOW_DAYS;
  return recent.filter((activity) => activity.kind === kind && utcDay(activity.at) >= first);
}
