import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiResponse, getSchemaPath, type OpenAPIObject, type OperationObject, type ResponseObject } from '@nestjs/swagger';
import { STATUS_CODES } from 'node:http';
import { CommonErrorCode } from '../problem/common-errors';
import { ERROR_CODES, type ErrorCode, errorStatus, wireCode } from '../problem/error-status';
import { PROBLEM_CONTENT_TYPE, problemType } from '../problem/problem';
import { ProblemDetailsDto } from '../problem/problem.dto';
import { DEFAULT_PROBLEM_INSTANCE, PROBLEM_SAMPLES } from './problem-examples';

const DESCRIPTIONS: Record<number, string> = {
  400: 'Malformed request: invalid JSON, a wrong type, an unknown field or a bad path parameter',
  401: 'Missing, invalid or expired credentials',
  403: 'The credentials lack a required scope or role',
  404: 'No such resource, or it belongs to someone else',
  409: 'The request conflicts with the current state',
  413: 'The request body or a list in it is too large',
  415: 'The request body is in a charset or encoding the server cannot read (send UTF-8 JSON)',
  422: 'The request is well-formed but breaks a business rule',
  429: 'Too many requests; retry after the Retry-After header',
  500: 'An unexpected fault; the details are in the server log under the requestId',
  503: 'The database is unavailable for a moment; retry after Retry-After seconds',
};

const RETRY_AFTER = {
  'Retry-After': { description: 'Seconds to wait before retrying', schema: { type: 'integer', format: 'int32', minimum: 0, maximum: 2_147_483_647 } },
};

const EXAMPLE_REQUEST_ID = 'a6f1c1a2-3f7e-4a56-a0a9-0f2f3c1d2e4b';

interface ExampleObject {
  summary: string;
  value: Record<string, unknown>;
}

/** The body the API answers with for a code, as an OpenAPI example. */
function exampleOf(code: ErrorCode): ExampleObject {
  const status = errorStatus(code);
  const sample = PROBLEM_SAMPLES[code];
  const wire = wireCode(code);
  return {
    summary: wire === code ? wire : `${wire} (${status})`,
    value: {
      type: problemType(wire),
      title: STATUS_CODES[status] ?? 'Error',
      status,
      detail: sample.detail,
      instance: sample.instance ?? DEFAULT_PROBLEM_INSTANCE,
      code: wire,
      requestId: EXAMPLE_REQUEST_ID,
      ...(sample.errors ? { errors: sample.errors } : {}),
      ...sample.extensions,
    },
  };
}

/** The code behind a code as sent, at a status (VALIDATION_FAILED is two: 400 and 422). */
function codeSentAs(wire: string, status: number): ErrorCode | undefined {
  return ERROR_CODES.find((code) => wireCode(code) === wire && errorStatus(code) === status);
}

function groupedByStatus(codes: readonly ErrorCode[]): Map<number, ErrorCode[]> {
  const groups = new Map<number, ErrorCode[]>();
  for (const code of new Set(codes)) {
    const status = errorStatus(code);
    groups.set(status, [...(groups.get(status) ?? []), code]);
  }
  return groups;
}

/*
 * Nest keeps one entry per status and, when two decorators declare the same
 * status (the auth decorator and the handler both declare 500 and 503), keeps
 * the later content but merges `examples`. So each code travels as an example
 * keyed by its code, and documentProblems turns the examples of a status into
 * its final problem+json answer once the document is built.
 */
function problemResponses(codes: readonly ErrorCode[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiExtraModels(ProblemDetailsDto),
    ...[...groupedByStatus(codes)].map(([status, group]) =>
      ApiResponse({
        status,
        description: DESCRIPTIONS[status] ?? 'Error',
        ...(status === 503 ? { headers: RETRY_AFTER } : {}),
        examples: Object.fromEntries(group.map((code) => [wireCode(code), exampleOf(code)])),
      }),
    ),
  );
}

/**
 * Documents the problem+json answers an operation may give, by the codes it can
 * answer with: each status lists its codes, with an example each. Any operation
 * may fail with a 500, or with a 503 when its database connection is lost.
 */
export function ApiProblems(...codes: ErrorCode[]): MethodDecorator & ClassDecorator {
  return problemResponses([...codes, CommonErrorCode.INTERNAL_ERROR, CommonErrorCode.DATABASE_UNAVAILABLE]);
}

/** For the health probes: readiness documents its own 503, and liveness touches no database. */
export function ApiProbeProblems(...codes: ErrorCode[]): MethodDecorator & ClassDecorator {
  return problemResponses([...codes, CommonErrorCode.INTERNAL_ERROR]);
}

type ResponseEntry = ResponseObject & { content?: Record<string, { examples?: Record<string, unknown> }> };

/** The codes a documented answer carries: the keys of its examples. */
function codesIn(response: ResponseEntry, status: number): ErrorCode[] {
  const sent = Object.values(response.content ?? {}).flatMap((media) => Object.keys(media.examples ?? {}));
  return [...new Set(sent)].map((wire) => codeSentAs(wire, status)).filter((code): code is ErrorCode => code !== undefined);
}

/**
 * The answer of one status: a description naming its codes, a schema whose code is one of
 * them, and an example each (kept once, in components.examples, and referenced).
 */
function problemAnswer(document: OpenAPIObject, status: number, codes: readonly ErrorCode[], headers: ResponseObject['headers']): ResponseObject {
  const examples = ((document.components ??= {}).examples ??= {});
  for (const code of codes) examples[code] ??= exampleOf(code);
  const sent = codes.map(wireCode);
  return {
    description: `${DESCRIPTIONS[status] ?? STATUS_CODES[status] ?? 'Error'}. Codes: ${sent.map((code) => `\`${code}\``).join(', ')}.`,
    ...(headers ? { headers } : {}),
    content: {
      [PROBLEM_CONTENT_TYPE]: {
        schema: {
          allOf: [
            { $ref: getSchemaPath(ProblemDetailsDto) },
            { type: 'object', required: ['code'], properties: { code: { type: 'string', enum: sent, maxLength: 64 } } },
          ],
        },
        examples: Object.fromEntries(codes.map((code) => [wireCode(code), { $ref: `#/components/examples/${code}` }])),
      },
    },
  };
}

function* errorAnswers(document: OpenAPIObject): Generator<{ operation: OperationObject; status: number; response: ResponseEntry }> {
  for (const pathItem of Object.values(document.paths)) {
    for (const operation of Object.values(pathItem) as unknown[]) {
      if (typeof operation !== 'object' || operation === null || !('responses' in operation)) continue;
      const op = operation as OperationObject;
      for (const [status, response] of Object.entries(op.responses)) {
        if (/^[45]\d\d$/.test(status) && response && !('$ref' in response))
          yield { operation: op, status: Number(status), response: response as ResponseEntry };
      }
    }
  }
}

/**
 * Turns the code examples the decorators left on each error status into its
 * problem+json answer (see problemResponses). A status declared otherwise
 * (readiness' own 503) is left as it is.
 */
export function documentProblems(document: OpenAPIObject): OpenAPIObject {
  for (const { operation, status, response } of errorAnswers(document)) {
    const codes = codesIn(response, status);
    if (codes.length > 0) operation.responses[String(status)] = problemAnswer(document, status, codes, response.headers);
  }
  // Express refuses a path parameter it cannot percent-decode (%FF) before any route runs.
  for (const [path, pathItem] of Object.entries(document.paths)) {
    if (!path.includes('{')) continue;
    for (const operation of Object.values(pathItem) as unknown[]) {
      if (typeof operation === 'object' && operation !== null && 'responses' in operation)
        addProblemCodes(document, operation as OperationObject, [CommonErrorCode.BAD_REQUEST]);
    }
  }
  return document;
}

/** Adds codes to an operation's documented answers, for what runs before any handler (the body parser). */
export function addProblemCodes(document: OpenAPIObject, operation: OperationObject, codes: readonly ErrorCode[]): void {
  for (const [status, group] of groupedByStatus(codes)) {
    const existing = operation.responses[String(status)] as ResponseEntry | undefined;
    const known = existing ? codesIn(existing, status) : [];
    operation.responses[String(status)] = problemAnswer(document, status, [...new Set([...known, ...group])], existing?.headers);
  }
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
