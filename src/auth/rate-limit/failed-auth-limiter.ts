import { Inject, Injectable } from '@nestjs/common';
import ipaddr from 'ipaddr.js';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { AppProblem } from '../../common/problem/problem';
import { RATE_LIMIT_HEADERS, type RateLimitState, WINDOW_SECONDS } from './rate-limiter';
import { CommonErrorCode } from '../../common/problem/common-errors';

interface HeaderTarget {
  setHeader(name: string, value: string): unknown;
}

/**
 * The client address a failure is counted against. An IPv6 client usually
 * holds a whole /64, so its addresses share one budget; IPv4-mapped IPv6 counts
 * as the IPv4 address it carries.
 */
export function clientAddressKey(ip: string | undefined): string {
  if (ip === undefined || !ipaddr.isValid(ip)) return 'unknown';
  const address = ipaddr.process(ip);
  if (address.kind() === 'ipv4') return address.toString();
  return `${address.toNormalizedString().split(':').slice(0, 4).join(':')}::/64`;
}

/**
 * Requests without valid credentials, per client address and fixed minute.
 *
 * Kept in memory, not in PostgreSQL like the per-caller budget: it must stop a
 * flood of bad API keys or tokens before it costs a query, and a counter in the
 * database would cost a write per bad request, which is what the flood is made
 * of. The price is a budget per instance rather than per deployment, which is
 * enough for a brake on guessing. The map is emptied when a window ends, so it
 * holds at most the addresses seen in one minute.
 */
@Injectable()
export class FailedAuthLimiter {
  private windowStart = 0;
  private readonly failures = new Map<string, number>();

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /**
   * Throws 429 when this address has spent its failures this minute. Runs before
   * authentication, so even a valid credential from that address waits: checking
   * it would be the database query this limit exists to save.
   */
  check(ip: string | undefined, response: HeaderTarget): void {
    const state = this.state(clientAddressKey(ip), 0);
    if (state.remaining > 0) return;
    this.announce(state, response);
    throw new AppProblem(
      CommonErrorCode.TOO_MANY_FAILED_AUTHENTICATIONS,
      `More than ${state.limit} requests without valid credentials from this address this minute; retry in ${state.resetSeconds} seconds`,
    ).withHeader('Retry-After', String(state.resetSeconds));
  }

  /** Counts a request whose credentials were missing or wrong, and announces what is left. */
  recordFailure(ip: string | undefined, response: HeaderTarget): void {
    this.announce(this.state(clientAddressKey(ip), 1), response);
  }

  private state(address: string, add: number): RateLimitState {
    const now = Date.now();
    const windowStart = now - (now % (WINDOW_SECONDS * 1000));
    if (windowStart !== this.windowStart) {
      this.windowStart = windowStart;
      this.failures.clear();
    }
    const count = (this.failures.get(address) ?? 0) + add;
    if (add > 0) this.failures.set(address, count);
    const limit = this.config.auth.failuresPerMinute;
    return { limit, remaining: Math.max(0, limit - count), resetSeconds: Math.max(1, Math.ceil((windowStart + WINDOW_SECONDS * 1000 - now) / 1000)) };
  }

  private announce(state: RateLimitState, response: HeaderTarget): void {
    response.setHeader(RATE_LIMIT_HEADERS.limit, String(state.limit));
    response.setHeader(RATE_LIMIT_HEADERS.remaining, String(state.remaining));
    response.setHeader(RATE_LIMIT_HEADERS.reset, String(state.resetSeconds));
  }
}
