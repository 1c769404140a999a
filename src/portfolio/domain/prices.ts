const DAY_MS = 86_400_000;

/** A price is stale when it is older than staleDays at `now`. A missing price is not "stale": it is missing. */
export function isPriceStale(asOf: Date, now: Date, staleDays: number): boolean {
  return now.getTime() - asOf.getTime() > staleDays * DAY_MS;
}
