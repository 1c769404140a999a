import type { Term } from './ledger-types';

export const DAY_MS = 86_400_000;

/** The UTC calendar date of a moment, as days since 1970-01-01. */
export function utcDay(moment: Date): number {
  return Math.floor(moment.getTime() / DAY_MS);
}

export function shiftDays(moment: Date, days: number): Date {
  return new Date(moment.getTime() + days * DAY_MS);
}

export function isoDate(moment: Date): string {
  return moment.toISOString().slice(0, 10);
}

/**
 * The first UTC date on which a sale is long-term. A holding is long-term only when held
 * MORE than one year, so that is the day after the first anniversary of the start:
 * 2025-03-15 → 2026-03-16. A Feb 29 start has no anniversary in a common year; we take
 * the last day of February as the anniversary, so 2024-02-29 → long-term from 2025-03-01.
 */
export function longTermAt(holdingPeriodStart: Date): Date {
  const year = holdingPeriodStart.getUTCFullYear() + 1;
  const month = holdingPeriodStart.getUTCMonth();
  const lastDayOfMonth = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const anniversary = Math.min(holdingPeriodStart.getUTCDate(), lastDayOfMonth);
  return new Date(Date.UTC(year, month, anniversary + 1));
}

export function termOf(holdingPeriodStart: Date, disposedAt: Date): Term {
  return utcDay(disposedAt) >= utcDay(longTermAt(holdingPeriodStart)) ? 'LONG' : 'SHORT';
}
