import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import { ApiProblems } from '../http/api-problem-responses.decorator';
import { CommonErrorCode } from '../problem/common-errors';

export const IDEMPOTENT = 'idempotency:enabled';
export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';
export const IDEMPOTENT_REPLAYED_HEADER = 'Idempotent-Replayed';

/**
 * The route honors an Idempotency-Key (see IdempotencyInterceptor). For POSTs
 * that create or execute something; one that only reads, or that is
 * idempotent by nature, does not need it.
 */
export const Idempotent = (): MethodDecorator =>
  applyDecorators(
    SetMetadata(IDEMPOTENT, true),
    ApiHeader({
      name: IDEMPOTENCY_KEY_HEADER,
      required: false,
      // No example value: Swagger UI would send it with every call, and one key on two requests is a 422.
      schema: { type: 'string', pattern: '^[A-Za-z0-9._:-]{1,255}$', maxLength: 255 },
      description:
        'Retry safely with a key unique to the request, such as order-2026-11-24-0001. The same key with the same body (and route) within 24 hours replays the first successful response, ' +
        `with the header ${IDEMPOTENT_REPLAYED_HEADER}: true, without doing the work again. Another body or route: 422 IDEMPOTENCY_KEY_REUSED. ` +
        'While the first request runs, a duplicate waits for its result (409 IDEMPOTENCY_KEY_IN_USE if that takes too long). ' +
        'Errors are not kept: after a 4xx or 5xx the same key runs afresh. Keys belong to the caller (the user, or the API key).',
    }),
    ApiProblems(CommonErrorCode.VALIDATION_FAILED, CommonErrorCode.IDEMPOTENCY_KEY_IN_USE, CommonErrorCode.IDEMPOTENCY_KEY_REUSED),
  );
