import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

export const WINDOW_SECONDS = 60;

/** Requests one instance counted for a caller in one window and has not written yet. */
export interface CountsToAdd {
  /** `user:<id>` or `key:<id>`. */
  subject: string;
  /** The window's start, a whole minute. */
  windowStart: Date;
  count: number;
}

/** What adding found: each subject's total in its window, every instance's requests included, and the database's clock. */
export interface AddedCounts {
  totals: Map<string, number>;
  /** clock_timestamp() when the statement ran, in epoch milliseconds. */
  databaseNow: number;
}

/** The rate_limit_counters table: one row per caller, counting a fixed window for every instance. */
@Injectable()
export class RateLimitCounterRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Adds a batch of counts to their callers' rows in one statement and reads back each row's total.
   * A row still in an older window restarts at the count added; a row already in a later window
   * (another instance has moved on) is left as it is and reports nothing, since the count of a
   * window that is over no longer matters. The rows are written in subject order, so two instances
   * adding for the same callers lock them in the same order and cannot deadlock.
   */
  async add(counts: readonly CountsToAdd[]): Promise<AddedCounts> {
    const sorted = [...counts].sort((a, b) => (a.subject < b.subject ? -1 : a.subject > b.subject ? 1 : 0));
    const rows: Array<{ subject: string | null; count: number | null; now: number }> = await this.dataSource.query(
      `WITH added AS (
         INSERT INTO rate_limit_counters AS c (subject, window_start, count)
         SELECT subject, window_start, count
         FROM unnest($1::varchar[], $2::timestamptz[], $3::int[]) WITH ORDINALITY AS t(subject, window_start, count, n)
         ORDER BY n
         ON CONFLICT (subject) DO UPDATE SET
           count = CASE WHEN c.window_start = EXCLUDED.window_start THEN c.count + EXCLUDED.count ELSE EXCLUDED.count END,
           window_start = EXCLUDED.window_start
         WHERE c.window_start <= EXCLUDED.window_start
         RETURNING c.subject, c.count
       )
       SELECT added.subject, added.count, (extract(epoch FROM clock_timestamp()) * 1000)::float8 AS now
       FROM (VALUES (1)) AS one LEFT JOIN added ON true`,
      [sorted.map((entry) => entry.subject), sorted.map((entry) => entry.windowStart.toISOString()), sorted.map((entry) => entry.count)],
    );
    const totals = new Map<string, number>();
    for (const row of rows) if (row.subject !== null && row.count !== null) totals.set(row.subject, row.count);
    return { totals, databaseNow: rows[0].now };
  }
}
