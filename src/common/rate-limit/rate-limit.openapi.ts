import { getSchemaPath, type OpenAPIObject } from '@nestjs/swagger';
import { PROBLEM_CONTENT_TYPE } from '../problem/problem';
import { ProblemDetailsDto } from '../problem/problem.dto';
import { RATE_LIMIT_HEADERS } from './rate-limiter';

const HEADERS = {
  [RATE_LIMIT_HEADERS.limit]: 'Requests allowed per minute to this caller (the user, or the API key)',
  [RATE_LIMIT_HEADERS.remaining]: 'Requests left in the current minute',
  [RATE_LIMIT_HEADERS.reset]: 'Seconds until the current minute ends and the count starts again',
  'Retry-After': 'Seconds to wait before retrying',
};

const ref = (name: string) => ({ $ref: `#/components/headers/${name}` });
const rateLimitHeaders = () => Object.fromEntries(Object.values(RATE_LIMIT_HEADERS).map((name) => [name, ref(name)]));

/**
 * Every authenticated operation is rate limited by the auth guard, so the
 * headers and the 429 are added here, once, rather than on each handler.
 * Unauthenticated operations (the document's only ones without `security`)
 * are left as they are; 401 answers come before counting and carry none.
 */
export function documentRateLimits(document: OpenAPIObject): OpenAPIObject {
  document.components ??= {};
  document.components.headers = {
    ...document.components.headers,
    ...Object.fromEntries(Object.entries(HEADERS).map(([name, description]) => [name, { description, schema: { type: 'integer', format: 'int32', minimum: 0, maximum: 2_147_483_647 } }])),
  };
  for (const pathItem of Object.values(document.paths)) {
    for (const method of ['get', 'put', 'post', 'delete', 'patch'] as const) {
      const operation = pathItem[method];
      if (!operation?.security?.length) continue;
      for (const [status, response] of Object.entries(operation.responses)) {
        if (!response || status === '401' || '$ref' in response) continue;
        response.headers = { ...response.headers, ...rateLimitHeaders() };
      }
      operation.responses['429'] = {
        description: 'Too many requests this minute for this caller; retry after Retry-After seconds',
        headers: { 'Retry-After': ref('Retry-After'), ...rateLimitHeaders() },
        content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: getSchemaPath(ProblemDetailsDto) } } },
      };
    }
  }
  return document;
}
