import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { catchError, from, mergeMap, type Observable, of } from 'rxjs';
import type { Principal } from '../../auth/principal';
import { AppProblem, ValidationProblem } from '../problem/problem';
import { IDEMPOTENCY_KEY_HEADER, IDEMPOTENT, IDEMPOTENT_REPLAYED_HEADER } from './idempotent.decorator';
import { type IdempotentRequest, IdempotencyKeyRepository } from './idempotency-key.repository';
import { requestHash } from './request-fingerprint';
import { CommonErrorCode } from '../problem/common-errors';

const KEY_PATTERN = /^[A-Za-z0-9._:-]{1,255}$/;
const POLL_INTERVAL_MS = 50;
// Longer than any request here takes; a client still waiting after this is told to come back.
const WAIT_LIMIT_MS = 10_000;

function parseKey(value: string | string[] | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !KEY_PATTERN.test(value)) {
    throw new ValidationProblem([{ field: IDEMPOTENCY_KEY_HEADER, rule: 'isIdempotencyKey', message: 'must be 1-255 letters, digits or ._:-' }]);
  }
  return value;
}

/**
 * A partner's system keeps one key space per credential: an API key's keys
 * are its own, and a signed-in user's are the user's. Two integrations of one
 * user cannot collide, and no credential is replayed what another one did.
 */
function scopeOf(principal: Principal): string {
  return principal.apiKeyId === null ? `user:${principal.userId}` : `key:${principal.apiKeyId}`;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Stripe-style Idempotency-Key on the routes marked @Idempotent().
 *
 * Only successful (2xx) responses are kept. Every write here happens in one
 * database transaction, so a 4xx or 5xx means nothing was done: the key is
 * released and a retry, perhaps after fixing the cause, runs for real rather
 * than replaying the failure.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly keys: IdempotencyKeyRepository,
  ) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    if (!this.reflector.get<boolean>(IDEMPOTENT, context.getHandler())) return next.handle();
    const http = context.switchToHttp();
    const request = http.getRequest<Request & { principal?: Principal }>();
    const response = http.getResponse<Response>();
    const key = parseKey(request.headers['idempotency-key']);
    if (key === undefined || !request.principal) return next.handle();

    const idempotent: IdempotentRequest = {
      scope: scopeOf(request.principal),
      key,
      userId: request.principal.userId,
      method: request.method,
      path: request.originalUrl,
      requestHash: requestHash(request.body),
    };
    const claim = await this.waitForClaim(idempotent);
    if ('replay' in claim) {
      response.status(claim.status).setHeader(IDEMPOTENT_REPLAYED_HEADER, 'true');
      return of(claim.replay === null ? undefined : JSON.parse(claim.replay));
    }
    const { token } = claim;
    return next.handle().pipe(
      mergeMap(async (body: unknown) => {
        await this.keys.complete(idempotent, token, response.statusCode, body === undefined ? null : JSON.stringify(body));
        return body;
      }),
      catchError((error: unknown) =>
        from(
          this.keys.release(idempotent, token).then(() => {
            throw error;
          }),
        ),
      ),
    );
  }

  /**
   * The claim token when this request is to run, else the stored response. A
   * duplicate of a running request polls rather than holding a database
   * connection while it waits.
   */
  private async waitForClaim(idempotent: IdempotentRequest): Promise<{ token: string } | { replay: string | null; status: number }> {
    const deadline = Date.now() + WAIT_LIMIT_MS;
    for (;;) {
      const result = await this.keys.claim(idempotent);
      switch (result.kind) {
        case 'claimed':
          return { token: result.token };
        case 'completed':
          return { replay: result.body, status: result.status };
        case 'mismatch':
          throw new AppProblem(
            CommonErrorCode.IDEMPOTENCY_KEY_REUSED,
            result.sameRoute ? 'This Idempotency-Key was used with another request body' : 'This Idempotency-Key was used on another route',
          );
        case 'inFlight':
          if (Date.now() >= deadline) {
            throw new AppProblem(CommonErrorCode.IDEMPOTENCY_KEY_IN_USE, 'A request with this Idempotency-Key is still running; retry shortly').withHeader(
              'Retry-After',
              '1',
            );
          }
          await sleep(POLL_INTERVAL_MS);
      }
    }
  }
}
