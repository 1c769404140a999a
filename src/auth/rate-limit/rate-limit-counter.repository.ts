import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Role } from '../auth.constants';

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
    const [row]: CountRow[] = await this.dataSource.query(`${countStatement('$1', '$2')} ${ANSWER}`, [subject, limit]);
    return windowCount(row);
  }

  /**
   * The user a bearer token names, with the request counted against `user:<id>` in the same
   * statement: one round trip where a lookup and a count took two on every signed-in request. null
   * when no such user exists, and then nothing is counted (the caller answers 401 instead).
   */
  async countForUser(userId: string, limit: number): Promise<{ user: CountedUser; window: WindowCount } | null> {
    const rows: Array<CountRow & CountedUser> = await this.dataSource.query(
      `WITH caller AS (SELECT id, email, role FROM users WHERE id = $3),
       ${countStatement('$1', '$2', 'caller')}
       SELECT caller.id, caller.email, caller.role, answer.count, answer.refused, ${RESET} AS reset
       FROM caller CROSS JOIN (${ANSWER_ROWS}) AS answer`,
      [`user:${userId}`, limit, userId],
    );
    if (rows.length === 0) return null;
    const [row] = rows;
    return { user: { id: row.id, email: row.email, role: row.role }, window: windowCount(row) };
  }
}

interface CountRow {
  count: number;
  reset: number;
  refused: boolean;
}

/** The user a counted bearer request belongs to. */
export interface CountedUser {
  id: string;
  email: string;
  role: Role;
}

function windowCount(row: CountRow): WindowCount {
  return { count: row.count, resetSeconds: row.reset, refused: row.refused };
}

/**
 * The counting CTEs for `subject` (a parameter) against `limit`: a caller already at its limit is
 * only read (spent); otherwise its row is inserted or advanced (counted). With `gate`, a CTE name,
 * nothing is read or written unless that CTE has a row.
 */
function countStatement(subject: string, limit: string, gate?: string): string {
  const from = gate ? `win, ${gate}` : 'win';
  return `${gate ? '' : 'WITH '}win AS (
         SELECT to_timestamp(floor(extract(epoch FROM clock_timestamp()) / ${WINDOW_SECONDS}) * ${WINDOW_SECONDS}) AS start
       ), spent AS (
         SELECT c.count, c.window_start FROM rate_limit_counters c, ${from}
         WHERE c.subject = ${subject} AND c.window_start = win.start AND c.count >= ${limit}
       ), counted AS (
         INSERT INTO rate_limit_counters AS c (subject, window_start, count)
         SELECT ${subject}, win.start, 1 FROM ${from} WHERE NOT EXISTS (SELECT 1 FROM spent)
         ON CONFLICT (subject) DO UPDATE SET
           count = CASE WHEN c.window_start = EXCLUDED.window_start THEN c.count + 1 ELSE 1 END,
           window_start = EXCLUDED.window_start
         RETURNING c.count, c.window_start
       )`;
}

const ANSWER_ROWS = 'SELECT count, window_start, false AS refused FROM counted UNION ALL SELECT count, window_start, true FROM spent';
const RESET = `ceil(extract(epoch FROM answer.window_start + interval '${WINDOW_SECONDS} seconds' - clock_timestamp()))::int`;
const ANSWER = `SELECT answer.count, answer.refused, ${RESET} AS reset FROM (${ANSWER_ROWS}) AS answer`;
