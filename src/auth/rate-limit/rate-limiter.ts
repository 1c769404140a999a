import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import type { Principal } from '../principal';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { AppProblem } from '../../common/problem/problem';
import { CommonErrorCode } from '../../common/problem/common-errors';
import { type CountsToAdd, RateLimitCounterRepository, WINDOW_SECONDS } from './rate-limit-counter.repository';

export const RATE_LIMIT_HEADERS = { limit: 'RateLimit-Limit', remaining: 'RateLimit-Remaining', reset: 'RateLimit-Reset' } as const;
// The window's length, which the failed-auth limiter shares.
export { WINDOW_SECONDS } from './rate-limit-counter.repository';

const WINDOW_MS = WINDOW_SECONDS * 1000;

export interface RateLimitState {
  limit: number;
  remaining: number;
  /** Seconds until the window ends and the count starts again. */
  resetSeconds: number;
}

interface HeaderTarget {
  setHeader(name: string, value: string): unknown;
}

/** One caller's window as this instance knows it. */
interface Budget {
  windowStart: number;
  /** The window's requests: every instance's as of the last flush, plus this instance's since. */
  count: number;
  /** This instance's requests not yet written to PostgreSQL. */
  unwritten: number;
}

/**
 * Counts each authenticated request against its caller's budget: an API key
 * has its own, so one partner integration cannot starve another or the
 * user's own sessions; a user's sessions share theirs.
 *
 * A fixed window, not a sliding one, so a caller may spend up to twice the
 * limit across a window boundary, which is acceptable for a fairness limit.
 *
 * Counted in memory and written to PostgreSQL in batches every
 * RATE_LIMIT_FLUSH_MS, not once per request: a caller's requests all update
 * one row, and with many in flight they queued on its row lock, which cost a
 * busy caller a third of its throughput. Within one instance the count is
 * exact. Each flush adds this instance's requests to the shared row and reads
 * back the total of every instance, so across instances the limit can be
 * overshot by the requests the other instances admit within one flush
 * interval, before either learns of the other's. A request that spends the
 * budget writes the count at once, so the table (and every other instance at
 * its next flush) sees a spent budget without waiting; refusals write nothing.
 * The window follows the database's clock, learnt at each flush, so the
 * instances agree on when a minute starts.
 */
@Injectable()
export class RateLimiter implements OnModuleDestroy {
  private readonly logger = new Logger(RateLimiter.name);
  private readonly budgets = new Map<string, Budget>();
  /** The database's clock minus this process's, in milliseconds. */
  private clockOffset = 0;
  private flushing: Promise<void> = Promise.resolve();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly counters: RateLimitCounterRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.timer = setInterval(() => void this.flush(), config.rateLimit.flushMs);
    // The timer alone must not keep a process alive that has nothing else to do.
    this.timer.unref();
  }

  /** Counts the request and sets the RateLimit headers; throws 429 once the budget is spent. */
  async consume(principal: Principal, response: HeaderTarget): Promise<RateLimitState> {
    const byKey = principal.apiKeyId !== null;
    const subject = byKey ? `key:${principal.apiKeyId}` : `user:${principal.userId}`;
    const limit = byKey ? this.config.rateLimit.perApiKeyPerMinute : this.config.rateLimit.perUserPerMinute;
    const now = Date.now() + this.clockOffset;
    const windowStart = now - (now % WINDOW_MS);
    let budget = this.budgets.get(subject);
    if (budget?.windowStart !== windowStart) {
      budget = { windowStart, count: 0, unwritten: 0 };
      this.budgets.set(subject, budget);
    }
    const resetSeconds = Math.max(1, Math.ceil((windowStart + WINDOW_MS - now) / 1000));
    const state = { limit, remaining: limit - budget.count - 1, resetSeconds };
    this.announce(state, response);
    if (state.remaining < 0) {
      response.setHeader(RATE_LIMIT_HEADERS.remaining, '0');
      throw new AppProblem(CommonErrorCode.RATE_LIMITED, `More than ${limit} requests this minute; retry in ${resetSeconds} seconds`).withHeader(
        'Retry-After',
        String(resetSeconds),
      );
    }
    budget.count += 1;
    budget.unwritten += 1;
    if (state.remaining === 0) await this.flush();
    return state;
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }

  /** Writes the counts not yet written and learns every instance's totals; one flush at a time. */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(() => this.write());
    return this.flushing;
  }

  private async write(): Promise<void> {
    const now = Date.now() + this.clockOffset;
    const current = now - (now % WINDOW_MS);
    const batch: CountsToAdd[] = [];
    for (const [subject, budget] of this.budgets) {
      if (budget.unwritten > 0) {
        batch.push({ subject, windowStart: new Date(budget.windowStart), count: budget.unwritten });
        budget.unwritten = 0;
      } else if (budget.windowStart < current) {
        // Nothing left to write for a window that is over: forget the caller until it calls again.
        this.budgets.delete(subject);
      }
    }
    if (batch.length === 0) return;
    const sentAt = Date.now();
    try {
      const { totals, databaseNow } = await this.counters.add(batch);
      this.clockOffset = databaseNow - (sentAt + Date.now()) / 2;
      for (const { subject, windowStart } of batch) {
        const budget = this.budgets.get(subject);
        const total = totals.get(subject);
        if (budget?.windowStart === windowStart.getTime() && total !== undefined) {
          budget.count = Math.max(budget.count, total + budget.unwritten);
        }
      }
    } catch (error) {
      // Kept for the next flush: the count in memory still limits this instance meanwhile.
      for (const { subject, windowStart, count } of batch) {
        const budget = this.budgets.get(subject);
        if (budget?.windowStart === windowStart.getTime()) budget.unwritten += count;
      }
      this.logger.warn(`rate-limit counts not written, retrying at the next flush: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private announce(state: RateLimitState, response: HeaderTarget): void {
    response.setHeader(RATE_LIMIT_HEADERS.limit, String(state.limit));
    response.setHeader(RATE_LIMIT_HEADERS.remaining, String(Math.max(0, state.remaining)));
    response.setHeader(RATE_LIMIT_HEADERS.reset, String(state.resetSeconds));
  }
}
