import type { OpenAPIObject } from '@nestjs/swagger';
import { RATE_LIMIT_HEADERS } from './rate-limiter';

// One budget per answer: the caller's (user or API key) once authenticated; the client address's
// requests without valid credentials on a 401; attempts per address and per email on login and register.
const BUDGET =
  'the budget this answer counts against (the user or API key once authenticated; on a 401, requests without valid credentials from the client address; on login and register, attempts per address and per email, whichever is tighter)';
const HEADERS = {
  [RATE_LIMIT_HEADERS.limit]: `Requests allowed per window in ${BUDGET}`,
  [RATE_LIMIT_HEADERS.remaining]: 'Requests left in the current window',
  [RATE_LIMIT_HEADERS.reset]: 'Seconds until the current window ends and the count starts again',
  'Retry-After': 'Seconds to wait before retrying',
};

const ref = (name: string) => ({ $ref: `#/components/headers/${name}` });
const rateLimitHeaders = () => Object.fromEntries(Object.values(RATE_LIMIT_HEADERS).map((name) => [name, ref(name)]));

/**
 * Every authenticated operation is rate limited by the auth guard, and login
 * and register by their throttle (the only public operations that document a
 * 429); their 429 (its codes come from the auth decorators and the handlers)
 * and their other answers get the headers here, once, rather than on each
 * handler. A 401 carries them too: it counts against the client address.
 * The health probes are neither: a probe always gets an answer.
 */
export function documentRateLimits(document: OpenAPIObject): OpenAPIObject {
  document.components ??= {};
  document.components.headers = {
    ...document.components.headers,
    ...Object.fromEntries(
      Object.entries(HEADERS).map(([name, description]) => [
        name,
        { description, schema: { type: 'integer', format: 'int32', minimum: 0, maximum: 2_147_483_647 } },
      ]),
    ),
  };
  for (const pathItem of Object.values(document.paths)) {
    for (const method of ['get', 'put', 'post', 'delete', 'patch'] as const) {
      const operation = pathItem[method];
      if (!operation || !(operation.security?.length || operation.responses['429'])) continue;
      for (const [status, response] of Object.entries(operation.responses)) {
        if (!response || !/^[24]/.test(status) || '$ref' in response) continue;
        response.headers = { ...response.headers, ...rateLimitHeaders() };
      }
      const tooMany = operation.responses['429'];
      if (tooMany && !('$ref' in tooMany)) tooMany.headers = { 'Retry-After': ref('Retry-After'), ...rateLimitHeaders() };
    }
  }
  return document;
}
