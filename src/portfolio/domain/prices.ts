import { DAY_MS } from './dates';

/** A price is stale when it is older than staleDays at `now`. A missing price is not "stale": it is missing. */
export function isPriceStale(asOf: Date, now: Date, staleDays: number): boolean {
  return now.getTime() - asOf.getTime() > staleDays * DAY_MS;
}
