import { AppProblem } from '../problem/problem';
import { CommonErrorCode } from '../problem/common-errors';

/**
 * Keyset cursors. A cursor carries the sort key of the last item seen, typed
 * per list, so the next page needs no lookup of that item: a cursor can name
 * nothing but a position in the caller's own list, and reveals nothing about
 * anyone else's rows. Every value is checked against its key's type before it
 * reaches SQL, so a forged cursor is a 400, never a database error.
 */

/** How a key's value travels in a cursor: timestamps as ISO 8601 UTC with microseconds, as PostgreSQL keeps them. */
export type KeyType = 'uuid' | 'timestamptz' | 'bigint' | 'text';

export interface KeyPart {
  /** The column as the list's query names it, e.g. `plan.created_at`. */
  readonly column: string;
  readonly type: KeyType;
}

/** A list's order: its key parts, the last one unique, all in one direction (so a row comparison expresses "after"). */
export interface Keyset {
  readonly direction: 'ASC' | 'DESC';
  readonly keys: readonly KeyPart[];
}

export class InvalidCursorProblem extends AppProblem {
  constructor() {
    super(CommonErrorCode.INVALID_CURSOR, "The cursor is not one this list returned: pass the previous page's nextCursor unchanged", {
      errors: [{ field: 'cursor', rule: 'isCursor', message: 'is not a cursor this list returned' }],
    });
  }
}

const BASE64URL = /^[A-Za-z0-9_-]+$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;
const BIGINT = /^-?\d{1,19}$/;
const INT8_MIN = -(2n ** 63n);
const INT8_MAX = 2n ** 63n - 1n;
/** Longer than any key a list sorts by (symbols, asset classes), well under the cursor's own bound. */
const MAX_TEXT = 255;

/** A real calendar instant: 2026-02-30 parses in some engines, so the date must survive a round trip. */
function isTimestamp(value: string): boolean {
  if (!TIMESTAMP.test(value)) return false;
  const time = Date.parse(value.slice(0, 19) + 'Z');
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 19) === value.slice(0, 19);
}

const VALID: Record<KeyType, (value: string) => boolean> = {
  uuid: (value) => UUID.test(value),
  timestamptz: isTimestamp,
  bigint: (value) => BIGINT.test(value) && BigInt(value) >= INT8_MIN && BigInt(value) <= INT8_MAX,
  // PostgreSQL refuses NUL in text, and a lone surrogate has no UTF-8 form (it would not survive the round trip).
  text: (value) => value.length <= MAX_TEXT && !value.includes('\u0000') && Buffer.from(value, 'utf8').toString('utf8') === value,
};

export function encodeCursor(values: readonly string[]): string {
  return Buffer.from(JSON.stringify({ k: values })).toString('base64url');
}

/** The key values a cursor carries, checked against the list's keyset; null when there is no cursor (the first page). */
export function decodeCursor(keyset: Keyset, cursor: string | undefined): string[] | null {
  if (cursor === undefined) return null;
  // Buffer skips characters outside the alphabet, so they are refused before decoding.
  if (!BASE64URL.test(cursor)) throw new InvalidCursorProblem();
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursorProblem();
  }
  if (typeof decoded !== 'object' || decoded === null || Array.isArray(decoded) || Object.keys(decoded).join() !== 'k') throw new InvalidCursorProblem();
  const values = (decoded as { k: unknown }).k;
  if (!Array.isArray(values) || values.length !== keyset.keys.length) throw new InvalidCursorProblem();
  if (!values.every((value, index) => typeof value === 'string' && VALID[keyset.keys[index].type](value))) throw new InvalidCursorProblem();
  return values as string[];
}
