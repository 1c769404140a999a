import { type ExecutionContext, HttpStatus, Injectable } from '@nestjs/common';
import { ThrottlerGuard, type ThrottlerLimitDetail } from '@nestjs/throttler';
import { ProblemException } from '../common/problem/problem';
import { normalizeEmail } from './credentials';

export const THROTTLE_BY_IP = 'ip';
export const THROTTLE_BY_EMAIL = 'email';

/** Tracker for the per-email limit: the normalized email in the body, or the IP when there is none. */
export function emailTracker(request: { body?: { email?: unknown }; ip?: string }): Promise<string> {
  const email = request.body?.email;
  return Promise.resolve(typeof email === 'string' ? `email:${normalizeEmail(email)}` : `ip:${request.ip ?? 'unknown'}`);
}

/**
 * Limits login and registration per client IP and per email. Answers 429 as
 * problem+json with a plain Retry-After header (the library's own would be
 * suffixed with the throttler's name).
 */
@Injectable()
export class AuthThrottlerGuard extends ThrottlerGuard {
  protected override async throwThrottlingException(_context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    const retryAfter = Math.max(1, Math.ceil(detail.timeToBlockExpire));
    throw new ProblemException(HttpStatus.TOO_MANY_REQUESTS, 'TOO_MANY_REQUESTS', `Too many attempts; retry in ${retryAfter} seconds`).withHeader(
      'Retry-After',
      String(retryAfter),
    );
  }
}
