/**
 * Codes any feature can answer with: request shape and validation, paging,
 * idempotency, rate limits, the framework's own refusals and server faults.
 * Their HTTP statuses are set in one place, error-status.ts.
 */
export enum CommonErrorCode {
  VALIDATION_FAILED = 'VALIDATION_FAILED',
  /**
   * Well-formed fields that break a rule only the server can check (an unknown asset, a trade past
   * the holding, an internal webhook address). Sent as VALIDATION_FAILED with 422, the code clients
   * have always branched on; a name of its own here so its status is chosen in one place too.
   */
  UNPROCESSABLE_FIELDS = 'UNPROCESSABLE_FIELDS',
  MALFORMED_JSON = 'MALFORMED_JSON',
  JSON_TOO_DEEP = 'JSON_TOO_DEEP',
  INVALID_CURSOR = 'INVALID_CURSOR',
  BAD_REQUEST = 'BAD_REQUEST',
  UNAUTHORIZED = 'UNAUTHORIZED',
  FORBIDDEN = 'FORBIDDEN',
  NOT_FOUND = 'NOT_FOUND',
  ROUTE_NOT_FOUND = 'ROUTE_NOT_FOUND',
  METHOD_NOT_ALLOWED = 'METHOD_NOT_ALLOWED',
  CONFLICT = 'CONFLICT',
  IDEMPOTENCY_KEY_IN_USE = 'IDEMPOTENCY_KEY_IN_USE',
  PAYLOAD_TOO_LARGE = 'PAYLOAD_TOO_LARGE',
  TOO_MANY_ITEMS = 'TOO_MANY_ITEMS',
  UNSUPPORTED_MEDIA_TYPE = 'UNSUPPORTED_MEDIA_TYPE',
  UNPROCESSABLE_CONTENT = 'UNPROCESSABLE_CONTENT',
  IDEMPOTENCY_KEY_REUSED = 'IDEMPOTENCY_KEY_REUSED',
  TOO_MANY_REQUESTS = 'TOO_MANY_REQUESTS',
  RATE_LIMITED = 'RATE_LIMITED',
  TOO_MANY_FAILED_AUTHENTICATIONS = 'TOO_MANY_FAILED_AUTHENTICATIONS',
  INTERNAL_ERROR = 'INTERNAL_ERROR',
  SERVICE_UNAVAILABLE = 'SERVICE_UNAVAILABLE',
  DATABASE_UNAVAILABLE = 'DATABASE_UNAVAILABLE',
}
