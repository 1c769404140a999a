import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiResponse, getSchemaPath, type OpenAPIObject } from '@nestjs/swagger';
import { PROBLEM_CONTENT_TYPE } from '../problem/problem';
import { ProblemDetailsDto } from '../problem/problem.dto';

const DESCRIPTIONS: Record<number, string> = {
  400: 'Malformed request: invalid JSON, a wrong type, an unknown field or a bad path parameter',
  401: 'Missing, invalid or expired credentials',
  403: 'The credentials lack a required scope or role',
  404: 'No such resource, or it belongs to someone else',
  409: 'The request conflicts with the current state',
  413: 'The request body or a list in it is too large',
  422: 'The request is well-formed but breaks a business rule',
  429: 'Too many requests; retry after the Retry-After header',
  500: 'An unexpected fault; the details are in the server log under the requestId',
  503: 'The database is unavailable for a moment (code DATABASE_UNAVAILABLE); retry after Retry-After seconds',
};

const RETRY_AFTER = {
  'Retry-After': { description: 'Seconds to wait before retrying', schema: { type: 'integer', format: 'int32', minimum: 0, maximum: 2_147_483_647 } },
};

function problemResponses(statuses: number[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiExtraModels(ProblemDetailsDto),
    ...[...new Set(statuses)].map((status) =>
      ApiResponse({
        status,
        description: DESCRIPTIONS[status] ?? 'Error',
        ...(status === 503 ? { headers: RETRY_AFTER } : {}),
        content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: getSchemaPath(ProblemDetailsDto) } } },
      }),
    ),
  );
}

/**
 * Documents the problem+json answers an operation may give; any operation may
 * fail with a 500, or with a 503 when its database connection is lost.
 */
export function ApiProblemResponses(...statuses: number[]): MethodDecorator & ClassDecorator {
  return problemResponses([...statuses, 500, 503]);
}

/** For the health probes: readiness documents its own 503, and liveness touches no database. */
export function ApiProbeProblemResponses(...statuses: number[]): MethodDecorator & ClassDecorator {
  return problemResponses([...statuses, 500]);
}

/**
 * Nest joins the descriptions of one status declared twice on an operation (the auth decorator
 * and the handler both declare 500 and 503, for one), so the document said each sentence two or
 * three times. Each distinct paragraph is kept once, in order.
 */
export function describeEachResponseOnce(document: OpenAPIObject): OpenAPIObject {
  for (const pathItem of Object.values(document.paths)) {
    for (const operation of Object.values(pathItem) as unknown[]) {
      if (typeof operation !== 'object' || operation === null || !('responses' in operation)) continue;
      for (const response of Object.values(operation.responses as Record<string, { description?: string }>)) {
        if (typeof response.description === 'string') response.description = [...new Set(response.description.split('\n\n'))].join('\n\n');
      }
    }
  }
  return document;
}
