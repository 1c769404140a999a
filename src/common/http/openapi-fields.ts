import type { ApiPropertyOptions, SchemaObject } from '@nestjs/swagger';

/*
 * Schema fragments for the kinds of string the API exchanges, spread into
 * @ApiProperty so each kind is bounded (length and shape) the same way
 * everywhere; generated clients and the OpenAPI lint rely on the bounds.
 */

export const UUID = { format: 'uuid', maxLength: 36 } as const;

/** ISO 8601 as the API writes it (toISOString); requests may carry an offset. */
export const DATE_TIME = { format: 'date-time', maxLength: 35 } as const;

export const DATE = { format: 'date', maxLength: 10 } as const;

/** Exact decimals travel as strings; a product such as quantity × price stays well under 48 characters. */
export const DECIMAL = { type: String, pattern: '^-?\\d+(\\.\\d+)?$', maxLength: 48 } as const;

/**
 * A decimal a request sends: a string as DECIMAL, or a plain JSON number, which IsDecimalString
 * turns into its exact decimal string before the rule is checked. Answers always use DECIMAL.
 */
export const DECIMAL_INPUT: { maxLength: number; oneOf: SchemaObject[] } = {
  // Also outside the oneOf: in a query string, where every value is text, Nest adds type string beside it.
  maxLength: DECIMAL.maxLength,
  oneOf: [
    { type: 'string', pattern: DECIMAL.pattern, maxLength: DECIMAL.maxLength },
    { type: 'number', description: 'Read as the exact decimal it prints as; prefer a string for amounts beyond 15 significant digits' },
  ],
};

export const CURRENCY = { pattern: '^[A-Z]{3}$', maxLength: 3 } as const;

export const CURSOR = { pattern: '^[A-Za-z0-9_-]+$', maxLength: 512 } as const;

/** Notes such as "No price for BTC: valued at 0": one per asset or class at most. */
export const NOTES: ApiPropertyOptions = { type: [String], maxItems: 1000, maxLength: 500 };

/** Lists that are not paginated hold what one portfolio or one user owns; this bound is far above any real one. */
export const MAX_LIST_ITEMS = 10_000;

export const EMAIL = { format: 'email', maxLength: 254 } as const;

/**
 * A money estimate as toMoneyEstimate (src/common/decimal) shows it: a value at current prices, a
 * projection, or an estimated gain, loss, tax or saving, rounded half-even to exactly 2 decimals.
 * Spread it with `description: estimate('...')`; ledger amounts stay DECIMAL and exact.
 */
export const MONEY_ESTIMATE = { type: String, pattern: '^-?\\d+\\.\\d{2}$', maxLength: 48 } as const;

export function estimate(what: string): string {
  return `${what}. A money estimate: rounded half-even to 2 decimals (ledger amounts are shown exact).`;
}
