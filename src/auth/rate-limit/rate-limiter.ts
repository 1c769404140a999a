import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '../principal';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { AppProblem } from '../../common/problem/problem';
import { CommonErrorCode } from '../../common/problem/common-errors';
import { type CountedUser, RateLimitCounterRepository, type WindowCount } from './rate-limit-counter.repository';

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
    return this.answer(await this.count(principal), response);
  }

  /**
   * For a bearer token: the user it names, with the request counted against the user's budget in
   * the same round trip (headers set, 429 once spent); null, and nothing counted, when there is no
   * such user.
   */
  async consumeForUser(userId: string, response: HeaderTarget): Promise<CountedUser | null> {
    const limit = this.config.rateLimit.perUserPerMinute;
    const counted = await this.counters.countForUser(userId, limit);
    if (!counted) return null;
    this.answer(this.state(limit, counted.window), response);
    return counted.user;
  }

  private answer(state: RateLimitState, response: HeaderTarget): RateLimitState {
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
    return this.state(limit, await this.counters.count(subject, limit));
  }

  private state(limit: number, row: WindowCount): RateLimitState {
    const remaining = row.refused ? -1 : limit - row.count;
    return { limit, remaining, resetSeconds: Math.max(1, row.resetSeconds) };
  }
}
