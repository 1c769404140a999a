import { QueryFailedError } from 'typeorm';

/** True when a query failed on a unique constraint (SQLSTATE 23505). */
export function isUniqueViolation(error: unknown): boolean {
  return error instanceof QueryFailedError && (error.driverError as { code?: string } | undefined)?.code === '23505';
}

/** True when a query failed on a foreign key (SQLSTATE 23503): a row still referenced, or a reference to none. */
export function isForeignKeyViolation(error: unknown): boolean {
  return error instanceof QueryFailedError && (error.driverError as { code?: string } | undefined)?.code === '23503';
}

// SQLSTATEs of a lost or refused connection: class 08 (connection exception), the server shutting
// down or terminating the backend (57P01-57P03), and too many connections (53300).
const UNAVAILABLE_STATE = /^(08...|57P0[123]|53300)$/;
// Node's socket errors on the way to the server.
const UNAVAILABLE_ERRNO = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);
// node-postgres and its pool say these in prose only, without a code.
const UNAVAILABLE_MESSAGE =
  /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error and is not queryable|Cannot use a pool after calling end on the pool)/;

/**
 * True when a query failed because the database could not be reached or the
 * connection was lost under it (a restart, a failover, pg_terminate_backend):
 * the request may succeed if retried, unlike a fault in the query itself.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  // TypeORM wraps the driver's error in driverError; other wrappers use cause.
  let current = error;
  for (let depth = 0; depth < 3 && current instanceof Error; depth += 1) {
    const { code, driverError, cause } = current as Error & { code?: unknown; driverError?: unknown };
    if (typeof code === 'string' && (UNAVAILABLE_STATE.test(code) || UNAVAILABLE_ERRNO.has(code))) return true;
    if (UNAVAILABLE_MESSAGE.test(current.message)) return true;
    current = driverError ?? cause;
  }
  return false;
}
