import { HttpException } from '@nestjs/common';
import { CommonErrorCode } from './common-errors';
import { type ErrorCode, errorStatus } from './error-status';

export interface FieldError {
  /** Path of the offending field in the request, e.g. `trades[2].value`. */
  field: string;
  /** Name of the rule it breaks, e.g. `isDecimal`, `whitelistValidation`. */
  rule: string;
  message: string;
  /** For a bulk import: the 1-based data row the field is in (a CSV's header row is not counted). */
  row?: number;
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

export interface ProblemOptions {
  errors?: FieldError[];
  /** Extra members of the body, e.g. `transactionId` or `missingScopes`. */
  extensions?: Record<string, unknown>;
}

/**
 * An error the API answers on purpose. `code` is a stable UPPER_SNAKE name
 * that clients may rely on, and decides the HTTP status (error-status.ts);
 * `detail` is prose for people.
 */
export class AppProblem extends HttpException {
  /** Response headers that belong to the answer, e.g. Retry-After or WWW-Authenticate. */
  readonly headers: Record<string, string> = {};
  readonly errors?: FieldError[];
  readonly extensions: Record<string, unknown>;

  constructor(
    readonly code: ErrorCode,
    readonly detail: string,
    options: ProblemOptions = {},
  ) {
    super(detail, errorStatus(code));
    this.errors = options.errors;
    this.extensions = options.extensions ?? {};
  }

  withHeader(name: string, value: string): this {
    this.headers[name] = value;
    return this;
  }
}

export class NotFoundProblem extends AppProblem {
  constructor(resource: string) {
    super(CommonErrorCode.NOT_FOUND, `${resource} not found`);
  }
}

export class ValidationProblem extends AppProblem {
  /** VALIDATION_FAILED for a malformed request (400); UNPROCESSABLE_FIELDS for fields only the server can refuse (422). */
  constructor(errors: FieldError[], code: CommonErrorCode.VALIDATION_FAILED | CommonErrorCode.UNPROCESSABLE_FIELDS = CommonErrorCode.VALIDATION_FAILED) {
    const fields = [...new Set(errors.map((error) => error.field))].join(', ');
    super(code, `The request is invalid: check ${fields}`, { errors });
  }
}
