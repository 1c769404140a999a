import { type ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard, type ThrottlerLimitDetail } from '@nestjs/throttler';
import { AppProblem } from '../common/problem/problem';
import { RATE_LIMIT_HEADERS } from './rate-limit/rate-limiter';
import { normalizeEmail } from './credentials';
import { CommonErrorCode } from '../common/problem/common-errors';

export const THROTTLE_BY_IP = 'ip';
export const THROTTLE_BY_EMAIL = 'email';

/** Tracker for the per-email limit: the normalized email in the body, or the IP when there is none. */
export function emailTracker(request: { body?: { email?: unknown }; ip?: string }): Promise<string> {
  const email = request.body?.email;
  return Promise.resolve(typeof email === 'string' ? `email:${normalizeEmail(email)}` : `ip:${request.ip ?? 'unknown'}`);
}

const THROTTLER_HEADER = /^X-RateLimit-(Limit|Remaining|Reset)-(.+)$/;
type Budget = Partial<Record<'Limit' | 'Remaining' | 'Reset', number>>;

/**
 * Limits login and registration per client IP and per email. Answers 429 as
 * problem+json with a plain Retry-After header (the library's own would be
 * suffixed with the throttler's name).
 *
 * The library announces each throttler's budget in headers of its own
 * (`X-RateLimit-Remaining-ip`, `-email`); clients get the same RateLimit
 * headers as everywhere else in the API instead, describing the tighter of the two.
 */
@Injectable()
export class AuthThrottlerGuard extends ThrottlerGuard {
  private readonly budgets = new WeakMap<object, Map<string, Budget>>();

  protected override setResponseHeader(response: Record<string, unknown>, name: string, value: string | number): void {
    const match = THROTTLER_HEADER.exec(name);
    // The other header is `Retry-After-<throttler>`: the 429 below carries a plain Retry-After instead.
    if (!match) return;
    const byThrottler = this.budgets.get(response) ?? new Map<string, Budget>();
    this.budgets.set(response, byThrottler);
    const budget = byThrottler.get(match[2]) ?? {};
    budget[match[1] as keyof Budget] = Number(value);
    byThrottler.set(match[2], budget);
    const complete = [...byThrottler.values()].filter(
      (b): b is Required<Budget> => b.Limit !== undefined && b.Remaining !== undefined && b.Reset !== undefined,
    );
    const tightest = complete.sort((a, b) => a.Remaining - b.Remaining)[0];
    if (tightest) this.announce(response, tightest.Limit, tightest.Remaining, tightest.Reset);
  }

  private announce(response: Record<string, unknown>, limit: number, remaining: number, resetSeconds: number): void {
    super.setResponseHeader(response, RATE_LIMIT_HEADERS.limit, limit);
    super.setResponseHeader(response, RATE_LIMIT_HEADERS.remaining, remaining);
    super.setResponseHeader(response, RATE_LIMIT_HEADERS.reset, Math.max(1, Math.ceil(resetSeconds)));
  }

  protected override async throwThrottlingException(context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    const retryAfter = Math.max(1, Math.ceil(detail.timeToBlockExpire));
    this.announce(context.switchToHttp().getResponse(), detail.limit, 0, retryAfter);
    throw new AppProblem(CommonErrorCode.TOO_MANY_REQUESTS, `Too many attempts; retry in ${retryAfter} seconds`).withHeader('Retry-After', String(retryAfter));
  }
}
