import type { RequestHandler } from 'express';
import { json, text } from 'express';

/** The import route below the API prefix; its parsers are mounted there only. */
export const IMPORT_ROUTE = 'portfolios/:id/transactions/import';

/**
 * 5 MiB: 10,000 rows at up to ~500 bytes each (a JSON row with every field, pretty-printed,
 * is about 300). The import's own limit, so every other route keeps BODY_LIMIT. Beyond it the
 * parser answers 413 PAYLOAD_TOO_LARGE before the route runs.
 */
export const IMPORT_BODY_BYTES = 5 * 1024 * 1024;

/**
 * The import's JSON and CSV parsers. Mounted before the global JSON parser: a body one of
 * them has read is not read again, so the larger limit applies to this route alone. The CSV
 * reaches the route as a string (text/csv only; other text types stay unread, a 415).
 */
export function importBodyParsers(): RequestHandler[] {
  return [json({ limit: IMPORT_BODY_BYTES }), text({ type: 'text/csv', limit: IMPORT_BODY_BYTES })];
}
