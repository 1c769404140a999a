import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

export const WINDOW_SECONDS = 60;

/** What one count in the current window found. */
export interface WindowCount {
  /** Requests counted in this window, this one included unless refused. */
  count: number;
  /** Seconds until the window ends, by the database's clock. */
  resetSeconds: number;
  /** The subject was already at its limit: nothing was written. */
  refused: boolean;
}

/** The rate_limit_counters table: one row per caller, counting a fixed window. */
@Injectable()
export class RateLimitCounterRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Counts one request of `subject` in the current window, unless it has already reached `limit`.
   * The database's clock decides the window, so every instance agrees on it. A caller already over
   * its limit in this window is only read: its refusals write nothing (no row version, no lock), so a
   * flood of refused requests cannot turn into a flood of writes.
   */
  async count(subject: string, limit: number): Promise<WindowCount> {
    const [row]: Array<{ count: number; reset: number; refused: boolean }> = await this.dataSource.query(
      `WITH win AS (
         SELECT to_timestamp(floor(extract(epoch FROM clock_timestamp()) / ${WINDOW_SECONDS}) * ${WINDOW_SECONDS}) AS start
       ), spent AS (
         SELECT c.count, c.window_start FROM rate_limit_counters c, win
         WHERE c.subject = $1 AND c.window_start = win.start AND c.count >= $2
       ), counted AS (
         INSERT INTO rate_limit_counters AS c (subject, window_start, count)
         SELECT $1, win.start, 1 FROM win WHERE NOT EXISTS (SELECT 1 FROM spent)
         ON CONFLICT (subject) DO UPDATE SET
           count = CASE WHEN c.window_start = EXCLUDED.window_start THEN c.count + 1 ELSE 1 END,
           window_start = EXCLUDED.window_start
         RETURNING c.count, c.window_start
       )
       SELECT count, refused, ceil(extract(epoch FROM window_start + interval '${WINDOW_SECONDS} seconds' - clock_timestamp()))::int AS reset
       FROM (SELECT count, window_start, false AS refused FROM counted UNION ALL SELECT count, window_start, true FROM spent) AS answer`,
      [subject, limit],
    );
    return { count: row.count, resetSeconds: row.reset, refused: row.refused };
  }
}
