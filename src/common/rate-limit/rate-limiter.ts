import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '../../auth/principal';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { AppProblem } from '../problem/problem';
import { CommonErrorCode } from '../problem/common-errors';
import { RateLimitCounterRepository } from './rate-limit-counter.repository';

export const RATE_LIMIT_HEADERS = { limit: 'RateLimit-Limit', remaining: 'RateLimit-Remaining', reset: 'RateLimit-Reset' } as const;
// The window's length, which the failed-auth limiter shares.
export { WINDOW_SECONDS } from './rate-limit-counter.repository';

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
    private readonly counters: RateLimitCounterRepository,
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
    const row = await this.counters.count(subject, limit);
    const remaining = row.refused ? -1 : limit - row.count;
    return { limit, remaining, resetSeconds: Math.max(1, row.resetSeconds) };
  }
}
