import { HttpStatus } from '@nestjs/common';
import { AuthErrorCode } from '../../auth/auth-errors';
import { PortfolioErrorCode } from '../../portfolio/portfolio-errors';
import { RebalancingErrorCode } from '../../rebalancing/rebalancing-errors';
import { CommonErrorCode } from './common-errors';

/** Every code the API can answer with. */
export type ErrorCode = CommonErrorCode | AuthErrorCode | PortfolioErrorCode | RebalancingErrorCode;

export const ERROR_CODES: readonly ErrorCode[] = [
  ...Object.values(CommonErrorCode),
  ...Object.values(AuthErrorCode),
  ...Object.values(PortfolioErrorCode),
  ...Object.values(RebalancingErrorCode),
];

/**
 * The HTTP status of each code: the one place it is chosen, so a service says
 * what went wrong and never how HTTP spells it. A new code that is not listed
 * here fails the typecheck.
 */
export function errorStatus(code: ErrorCode): HttpStatus {
  switch (code) {
    case CommonErrorCode.VALIDATION_FAILED:
    case CommonErrorCode.MALFORMED_JSON:
    case CommonErrorCode.JSON_TOO_DEEP:
    case CommonErrorCode.INVALID_CURSOR:
    case CommonErrorCode.BAD_REQUEST:
    case PortfolioErrorCode.MALFORMED_CSV:
      return HttpStatus.BAD_REQUEST;
    case CommonErrorCode.UNAUTHORIZED:
    case AuthErrorCode.INVALID_CREDENTIALS:
      return HttpStatus.UNAUTHORIZED;
    case CommonErrorCode.FORBIDDEN:
    case AuthErrorCode.JWT_REQUIRED:
    case AuthErrorCode.INSUFFICIENT_SCOPE:
    case AuthErrorCode.SCOPE_NOT_GRANTABLE:
      return HttpStatus.FORBIDDEN;
    case CommonErrorCode.NOT_FOUND:
    case CommonErrorCode.ROUTE_NOT_FOUND:
      return HttpStatus.NOT_FOUND;
    case CommonErrorCode.METHOD_NOT_ALLOWED:
      return HttpStatus.METHOD_NOT_ALLOWED;
    case CommonErrorCode.CONFLICT:
    case CommonErrorCode.IDEMPOTENCY_KEY_IN_USE:
    case AuthErrorCode.EMAIL_TAKEN:
    case PortfolioErrorCode.SYMBOL_TAKEN:
    case PortfolioErrorCode.LOT_METHOD_LOCKED:
    case PortfolioErrorCode.EXTERNAL_ID_TAKEN:
    case PortfolioErrorCode.HOUSEHOLD_NOT_EMPTY:
    case RebalancingErrorCode.TARGETS_NOT_SET:
    case RebalancingErrorCode.PLAN_EXECUTED:
    case RebalancingErrorCode.PLAN_CANCELLED:
    case RebalancingErrorCode.PLAN_STALE:
    case RebalancingErrorCode.PLAN_NOT_VERIFIED:
      return HttpStatus.CONFLICT;
    case CommonErrorCode.PAYLOAD_TOO_LARGE:
    case CommonErrorCode.TOO_MANY_ITEMS:
      return HttpStatus.PAYLOAD_TOO_LARGE;
    case CommonErrorCode.UNSUPPORTED_MEDIA_TYPE:
      return HttpStatus.UNSUPPORTED_MEDIA_TYPE;
    case CommonErrorCode.UNPROCESSABLE_FIELDS:
    case CommonErrorCode.UNPROCESSABLE_CONTENT:
    case CommonErrorCode.IDEMPOTENCY_KEY_REUSED:
    case PortfolioErrorCode.CURRENCY_MISMATCH:
    case PortfolioErrorCode.INSUFFICIENT_CASH:
    case PortfolioErrorCode.INSUFFICIENT_QUANTITY:
    case PortfolioErrorCode.LOTS_REQUIRED:
    case PortfolioErrorCode.UNKNOWN_LOT:
    case PortfolioErrorCode.LOT_OVERDRAWN:
    case PortfolioErrorCode.INVALID_TRANSACTION:
    case PortfolioErrorCode.IMPORT_ROWS_INVALID:
    case RebalancingErrorCode.TARGETS_DO_NOT_SUM_TO_100:
    case RebalancingErrorCode.PLAN_NOT_RECORDABLE:
      return HttpStatus.UNPROCESSABLE_ENTITY;
    case CommonErrorCode.TOO_MANY_REQUESTS:
    case CommonErrorCode.RATE_LIMITED:
    case CommonErrorCode.TOO_MANY_FAILED_AUTHENTICATIONS:
      return HttpStatus.TOO_MANY_REQUESTS;
    case CommonErrorCode.INTERNAL_ERROR:
      return HttpStatus.INTERNAL_SERVER_ERROR;
    case CommonErrorCode.SERVICE_UNAVAILABLE:
    case CommonErrorCode.DATABASE_UNAVAILABLE:
    case RebalancingErrorCode.SOLVER_BUSY:
      return HttpStatus.SERVICE_UNAVAILABLE;
    default:
      return unlisted(code);
  }
}

function unlisted(code: never): never {
  throw new Error(`No HTTP status for the error code ${String(code)}`);
}

/** The code as clients see it in the body: UNPROCESSABLE_FIELDS keeps the VALIDATION_FAILED it always had. */
export function wireCode(code: ErrorCode): string {
  return code === CommonErrorCode.UNPROCESSABLE_FIELDS ? CommonErrorCode.VALIDATION_FAILED : code;
}

/** The code the filter gives an error it did not raise itself (the framework's, body-parser's), by status. */
export const CODE_BY_STATUS: Partial<Record<number, CommonErrorCode>> = {
  400: CommonErrorCode.BAD_REQUEST,
  401: CommonErrorCode.UNAUTHORIZED,
  403: CommonErrorCode.FORBIDDEN,
  404: CommonErrorCode.NOT_FOUND,
  405: CommonErrorCode.METHOD_NOT_ALLOWED,
  409: CommonErrorCode.CONFLICT,
  413: CommonErrorCode.PAYLOAD_TOO_LARGE,
  415: CommonErrorCode.UNSUPPORTED_MEDIA_TYPE,
  422: CommonErrorCode.UNPROCESSABLE_CONTENT,
  429: CommonErrorCode.TOO_MANY_REQUESTS,
  503: CommonErrorCode.SERVICE_UNAVAILABLE,
};
