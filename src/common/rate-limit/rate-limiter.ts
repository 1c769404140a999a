import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Principal } from '../../auth/principal';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { AppProblem } from '../problem/problem';
import { CommonErrorCode } from '../problem/common-errors';

export const RATE_LIMIT_HEADERS = { limit: 'RateLimit-Limit', remaining: 'RateLimit-Remaining', reset: 'RateLimit-Reset' } as const;
export const WINDOW_SECONDS = 60;

export interface RateLimitState {
  limit: number;
  remaining: number;
  /** Seconds until the window ends and the count starts again. */
  resetSeconds: number;
}

interface HeaderTarget {
  setHeader(name: string, value: string): unknown;
}

/**
 * Counts each authenticated request against its caller's budget: an API key
 * has its own, so one partner integration cannot starve another or the
 * user's own sessions; a user's sessions share theirs.
 *
 * A fixed window, not a sliding one: one atomic upsert per request and one row
 * per caller. The price is that a caller may spend up to twice the limit
 * across a window boundary, which is acceptable for a fairness limit.
 */
@Injectable()
export class RateLimiter {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Counts the request and sets the RateLimit headers; throws 429 once the budget is spent. */
  async consume(principal: Principal, response: HeaderTarget): Promise<RateLimitState> {
    const state = await this.count(principal);
    response.setHeader(RATE_LIMIT_HEADERS.limit, String(state.limit));
    response.setHeader(RATE_LIMIT_HEADERS.remaining, String(state.remaining));
    response.setHeader(RATE_LIMIT_HEADERS.reset, String(state.resetSeconds));
    if (state.remaining < 0) {
      response.setHeader(RATE_LIMIT_HEADERS.remaining, '0');
      throw new AppProblem(CommonErrorCode.RATE_LIMITED, `More than ${state.limit} requests this minute; retry in ${state.resetSeconds} seconds`).withHeader(
        'Retry-After',
        String(state.resetSeconds),
      );
    }
    return state;
  }

  private async count(principal: Principal): Promise<RateLimitState> {
    const byKey = principal.apiKeyId !== null;
    const subject = byKey ? `key:${principal.apiKeyId}` : `user:${principal.userId}`;
    const limit = byKey ? this.config.rateLimit.perApiKeyPerMinute : this.config.rateLimit.perUserPerMinute;
    // The database's clock decides the window, so every instance agrees on it. A caller already over
    // its limit in this window is only read: its refusals write nothing (no row version, no lock), so a
    // flood of refused requests cannot turn into a flood of writes.
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
    const remaining = row.refused ? -1 : limit - row.count;
    return { limit, remaining, resetSeconds: Math.max(1, row.reset) };
  }
}
