import Big from 'big.js';

// Plain notation from toString()/toJSON() for any magnitude we store, so a
// Big that slips into JSON is still "0.00000001", never "1e-8".
Big.PE = 1e6;
Big.NE = -1e6;

export { Big };
export type Decimal = Big;

// No leading "+": big.js cannot read one, and a value has one spelling.
const DECIMAL_PATTERN = /^-?(\d+)(?:\.(\d+))?$/;

export interface DecimalParts {
  negative: boolean;
  integerDigits: number;
  scale: number;
}

/**
 * Reads a decimal from a request value: a plain decimal string, or a finite
 * JSON number (taken by its shortest decimal representation). Exponent forms
 * in strings are refused so what a client sends is what gets stored.
 */
export function decimalParts(value: unknown): DecimalParts | null {
  const text = normalizeDecimalInput(value);
  if (typeof text !== 'string') return null;
  const match = DECIMAL_PATTERN.exec(text);
  if (!match) return null;
  const integer = match[1].replace(/^0+(?=\d)/, '');
  return {
    negative: text.startsWith('-') && /[1-9]/.test(text),
    integerDigits: integer === '0' ? 0 : integer.length,
    scale: match[2]?.length ?? 0,
  };
}

/** Turns a finite JSON number into its decimal string; leaves anything else untouched. */
export function normalizeDecimalInput(value: unknown): unknown {
  if (typeof value === 'number' && Number.isFinite(value)) return new Big(value).toFixed();
  if (typeof value === 'string') return value.trim();
  return value;
}

export function parseDecimal(value: string | number): Big {
  const text = normalizeDecimalInput(value);
  if (typeof text !== 'string' || !DECIMAL_PATTERN.test(text)) {
    throw new TypeError(`not a decimal: ${JSON.stringify(value)}`);
  }
  return new Big(text);
}

/**
 * The JSON form of a decimal. Without a scale, the exact value in plain
 * notation; with one, rounded to that many places by the given mode
 * (half-even by default, as shown percentages are).
 */
export function toDecimalString(value: Big, scale?: number, rounding: Big.RoundingMode = Big.roundHalfEven): string {
  return scale === undefined ? value.toFixed() : value.toFixed(scale, rounding);
}

/** toDecimalString for an optional value: null stays null in JSON. */
export function toNullableDecimalString(value: Big | null): string | null {
  return value === null ? null : toDecimalString(value);
}

const POWERS_OF_TEN: readonly bigint[] = Array.from({ length: 65 }, (_, k) => 10n ** BigInt(k));

/** 10^k as a BigInt; the usual ones (money and percentage scales) from a table, as they come on every call below. */
function tenToThe(k: number): bigint {
  return k < POWERS_OF_TEN.length ? POWERS_OF_TEN[k] : 10n ** BigInt(k);
}

/**
 * The values as exact integers over one common power of ten (the largest
 * scale among them). Products of these compare exactly as the decimals'
 * products would, at native BigInt speed rather than a Big per operation.
 */
export function toScaledIntegers(values: readonly Big[]): bigint[] {
  let scale = 0;
  for (const value of values) scale = Math.max(scale, value.c.length - value.e - 1);
  // Straight from big.js's digits (value = 0.c × 10^(e+1)), without printing it with toFixed first:
  // these run for every percentage of every drift report.
  return values.map((value) => {
    const digits = BigInt(value.c.join('')) * tenToThe(scale - (value.c.length - value.e - 1));
    return value.s < 0 ? -digits : digits;
  });
}

/**
 * numerator / denominator rounded half-even to `places` decimals: the value big.js's div gives
 * with DP = places and RM = half-even, computed as one native BigInt division over the two values
 * scaled to integers. big.js divides digit by digit, and a drift report's percentages were the
 * largest cost of a suggestions request in its profile.
 */
export function divideHalfEven(numerator: Big, denominator: Big, places: number): Big {
  if (denominator.eq(0)) throw new Error('divideHalfEven: division by zero');
  const [n, d] = toScaledIntegers([numerator, denominator]);
  const negative = n < 0n !== d < 0n;
  const dividend = (n < 0n ? -n : n) * tenToThe(places);
  const divisor = d < 0n ? -d : d;
  let quotient = dividend / divisor;
  const twiceRemainder = 2n * (dividend % divisor);
  if (twiceRemainder > divisor || (twiceRemainder === divisor && quotient % 2n === 1n)) quotient += 1n;
  const digits = quotient.toString().padStart(places + 1, '0');
  const sign = negative && quotient !== 0n ? '-' : '';
  return new Big(places === 0 ? `${sign}${digits}` : `${sign}${digits.slice(0, -places)}.${digits.slice(-places)}`);
}

/**
 * The one display rule for money, applied where a service maps a result to its response:
 *
 * - A ledger amount (cash balance, a transaction's amount, price or fee, a cost basis, the proceeds,
 *   gain and disallowed loss of a realized gain) is shown exact, with toDecimalString: it is what
 *   was recorded, and shown figures add up to it to the last digit.
 * - A money estimate (a value at current prices, a projected balance or total, an estimated gain,
 *   loss, disallowed loss, tax or saving of a trade not made) is shown with toMoneyEstimate: rounded
 *   half-even to 2 places, always two ("12923.00", not "12922.9999998"). Estimates are computed
 *   exact and rounded once, here; a shown total is the rounded exact total, not the sum of shown parts.
 * - A tax form (the Form 8949 lines of the tax-year report) is filed in cents: each line is rounded
 *   half-even to 2 places and its totals are sums of the lines as shown, so the form adds up as
 *   filed (FORM_8949_SCALE, src/portfolio/domain/tax-year-report.ts).
 *
 * Quantities, prices and percentages keep their own rules (exact; exact; half-even to 4 places).
 */
export const MONEY_ESTIMATE_SCALE = 2;

/** Shown percentages are rounded half-even to 4 places; levels were decided on exact values before. */
export const PERCENT_SCALE = 4;

export function sumOf(values: readonly Big[]): Big {
  return values.reduce((sum, value) => sum.plus(value), new Big(0));
}

export function toMoneyEstimate(value: Big): string {
  const shown = value.toFixed(MONEY_ESTIMATE_SCALE, Big.roundHalfEven);
  // big.js keeps the sign of a negative value that rounds to zero; money shows no "-0.00".
  return /^-0\.0+$/.test(shown) ? shown.slice(1) : shown;
}

/** toMoneyEstimate for an optional value: null stays null in JSON. */
export function toNullableMoneyEstimate(value: Big | null): string | null {
  return value === null ? null : toMoneyEstimate(value);
}
