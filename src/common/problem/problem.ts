import { HttpException, HttpStatus } from '@nestjs/common';

export interface FieldError {
  /** Path of the offending field in the request, e.g. `trades[2].value`. */
  field: string;
  /** Name of the rule it breaks, e.g. `isDecimal`, `whitelistValidation`. */
  rule: string;
  message: string;
}

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  code: string;
  requestId?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** Stable, documented problem type URI for a code: partners branch on it. */
export function problemType(code: string): string {
  return `urn:rebalance:problem:${code.toLowerCase().replace(/_/g, '-')}`;
}

/**
 * An error the API answers on purpose. `code` is a stable UPPER_SNAKE name
 * that clients may rely on; `detail` is prose for people.
 */
export class ProblemException extends HttpException {
  /** Response headers that belong to the answer, e.g. Retry-After or WWW-Authenticate. */
  readonly headers: Record<string, string> = {};

  constructor(
    status: HttpStatus,
    readonly code: string,
    readonly detail: string,
    readonly errors?: FieldError[],
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(detail, status);
  }

  withHeader(name: string, value: string): this {
    this.headers[name] = value;
    return this;
  }
}

export class NotFoundProblem extends ProblemException {
  constructor(resource: string) {
    super(HttpStatus.NOT_FOUND, 'NOT_FOUND', `${resource} not found`);
  }
}

export class ValidationProblem extends ProblemException {
  constructor(errors: FieldError[], status: HttpStatus = HttpStatus.BAD_REQUEST) {
    const fields = [...new Set(errors.map((error) => error.field))].join(', ');
    super(status, 'VALIDATION_FAILED', `The request is invalid: check ${fields}`, errors);
  }
}
