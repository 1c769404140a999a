import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { STATUS_CODES } from 'node:http';
import type { Request, Response } from 'express';
import { isDatabaseUnavailable } from '../../database/postgres-errors';
import { PROBLEM_CONTENT_TYPE, AppProblem, problemType, type ProblemBody } from './problem';
import { PROBLEM_LIMITS } from './problem.dto';
import { CommonErrorCode } from './common-errors';
import { CODE_BY_STATUS, type ErrorCode, errorStatus, wireCode } from './error-status';

interface BodyParserError {
  type: string;
  status?: number;
}

function isBodyParserError(error: unknown): error is BodyParserError {
  return (
    typeof error === 'object' && error !== null && typeof (error as BodyParserError).type === 'string' && (error as BodyParserError).type.startsWith('entity.')
  );
}

/** The body-parser failure behind an error, whether Nest wrapped it in an HttpException or not. */
function bodyParserFailure(exception: unknown): BodyParserError | null {
  if (isBodyParserError(exception)) return exception;
  if (exception instanceof Error && isBodyParserError(exception.cause)) return exception.cause;
  return null;
}

/** At most `limit` characters, marked with an ellipsis when cut, never splitting a surrogate pair. */
function clip(text: string, limit: number): string {
  if (text.length <= limit) return text;
  const end = /[\ud800-\udbff]/.test(text[limit - 2]) ? limit - 2 : limit - 1;
  return `${text.slice(0, end)}…`;
}

/**
 * A request can make a problem as large as itself (a 5,000-character URL in
 * `instance`, 1,001 bad array items in `errors` and `detail`); the body is
 * cut to the bounds the document promises clients, who may size buffers and
 * columns by them.
 */
function withinDocumentedLimits(body: ProblemBody): ProblemBody {
  return {
    ...body,
    detail: clip(body.detail, PROBLEM_LIMITS.detail),
    instance: body.instance === undefined ? undefined : clip(body.instance, PROBLEM_LIMITS.instance),
    ...(body.errors
      ? {
          errors: body.errors.slice(0, PROBLEM_LIMITS.errors).map((error) => ({
            field: clip(error.field, PROBLEM_LIMITS.field),
            rule: clip(error.rule, PROBLEM_LIMITS.rule),
            message: clip(error.message, PROBLEM_LIMITS.message),
            ...(error.row === undefined ? {} : { row: error.row }),
          })),
        }
      : {}),
  };
}

// Long enough for a pool to reconnect after a restart or failover, short enough not to lose the client.
const DATABASE_RETRY_AFTER_SECONDS = 5;

interface ProblemParts {
  status: number;
  code: string;
  title: string;
  detail: string;
  errors?: ProblemBody['errors'];
  [extension: string]: unknown;
}

function problemParts(code: ErrorCode, detail: string): ProblemParts {
  const status = errorStatus(code);
  return { status, code: wireCode(code), title: STATUS_CODES[status] ?? 'Error', detail };
}

function fromHttpException(exception: HttpException, request: Request): ProblemParts {
  const status = exception.getStatus();
  const response = exception.getResponse();
  let detail = exception.message;
  if (typeof response === 'object' && response !== null && 'message' in response) {
    const message = (response as { message: unknown }).message;
    detail = Array.isArray(message) ? message.join('; ') : String(message);
  }
  if (status === HttpStatus.NOT_FOUND && detail.startsWith('Cannot ')) {
    return { status, code: CommonErrorCode.ROUTE_NOT_FOUND, title: 'Not Found', detail: `No route ${request.method} ${request.originalUrl.split('?')[0]}` };
  }
  // A status no code covers (none the framework raises today) still gets a stable name.
  return { status, code: CODE_BY_STATUS[status] ?? `HTTP_${status}`, title: STATUS_CODES[status] ?? 'Error', detail };
}

/**
 * The one place errors become responses: every error is RFC 9457
 * problem+json, and nothing internal (stack, SQL, class names) leaks out.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemDetails');

  catch(exception: unknown, host: ArgumentsHost): void {
    const context = host.switchToHttp();
    const request = context.getRequest<Request & { id?: string }>();
    const response = context.getResponse<Response>();
    const parts = this.describe(exception, request);
    const body = withinDocumentedLimits({
      type: problemType(parts.code),
      ...parts,
      instance: request.originalUrl,
      requestId: request.id === undefined ? undefined : String(request.id),
    });
    if (response.headersSent) return;
    if (exception instanceof AppProblem) {
      for (const [name, value] of Object.entries(exception.headers)) response.setHeader(name, value);
    }
    if (body.code === CommonErrorCode.DATABASE_UNAVAILABLE && !response.hasHeader('Retry-After'))
      response.setHeader('Retry-After', String(DATABASE_RETRY_AFTER_SECONDS));
    response.status(body.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(body));
  }

  private describe(exception: unknown, request: Request): ProblemParts {
    if (exception instanceof AppProblem) {
      const status = exception.getStatus();
      return {
        status,
        code: wireCode(exception.code),
        title: STATUS_CODES[status] ?? 'Error',
        detail: exception.detail,
        ...(exception.errors ? { errors: exception.errors } : {}),
        ...exception.extensions,
      };
    }
    const parserFailure = bodyParserFailure(exception);
    if (parserFailure) {
      if (parserFailure.type === 'entity.parse.failed') {
        return problemParts(CommonErrorCode.MALFORMED_JSON, 'The request body is not valid JSON');
      }
      if (parserFailure.type === 'entity.too.large') {
        return problemParts(CommonErrorCode.PAYLOAD_TOO_LARGE, 'The request body is larger than the server accepts');
      }
      const status = parserFailure.status ?? 400;
      return {
        status,
        code: CODE_BY_STATUS[status] ?? CommonErrorCode.BAD_REQUEST,
        title: STATUS_CODES[status] ?? 'Bad Request',
        detail: 'The request body could not be read',
      };
    }
    if (exception instanceof HttpException) return fromHttpException(exception, request);
    if (isDatabaseUnavailable(exception)) {
      this.logger.warn(`database unavailable: ${exception instanceof Error ? exception.message : String(exception)}`);
      return problemParts(CommonErrorCode.DATABASE_UNAVAILABLE, `The database is unavailable for a moment; retry in ${DATABASE_RETRY_AFTER_SECONDS} seconds`);
    }
    this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    return problemParts(CommonErrorCode.INTERNAL_ERROR, 'Something went wrong on our side; the request id identifies it in our logs');
  }
}
