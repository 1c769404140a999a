/**
 * Decimals arrive from the API as strings ("1234.50", "0.30000000"). They are
 * formatted and compared as strings: Intl.NumberFormat formats a decimal string
 * exactly (it never goes through a float), and comparisons scale to BigInt.
 * Only charts turn them into numbers, and only to draw.
 */
const DECIMAL = /^-?\d+(\.\d+)?$/;
const LOCALE = 'en-US';

function scaleOf(value: string): number {
  const point = value.indexOf('.');
  return point === -1 ? 0 : value.length - point - 1;
}

function isDecimal(value: string): boolean {
  return DECIMAL.test(value);
}

// TypeScript's lib types `format` as taking a number; the engine takes a decimal string exactly (ECMA-402 NumberFormat v3).
type ExactFormat = (value: string) => string;
const exact = (format: Intl.NumberFormat): ExactFormat => format.format.bind(format) as unknown as ExactFormat;

/** Groups digits and keeps every decimal place the value has (at least `minScale`). */
export function formatDecimal(value: string, minScale = 0): string {
  if (!isDecimal(value)) return value;
  const digits = Math.max(scaleOf(value), minScale);
  return exact(new Intl.NumberFormat(LOCALE, { minimumFractionDigits: digits, maximumFractionDigits: digits }))(value);
}

/** A money amount in its currency, with at least the currency's cents and never fewer places than it has. */
export function formatMoney(value: string, currency = 'USD'): string {
  if (!isDecimal(value)) return value;
  const digits = Math.max(scaleOf(value), 2);
  return exact(new Intl.NumberFormat(LOCALE, { style: 'currency', currency, minimumFractionDigits: digits, maximumFractionDigits: digits }))(value);
}

/**
 * A percentage the API already rounded (e.g. "12.34" meaning 12.34 %), with
 * zeros beyond two places dropped ("60.0000" reads "60.00 %"): the value shown
 * is still exactly the value sent.
 */
export function formatPercent(value: string): string {
  if (!isDecimal(value)) return value;
  const trimmed = value.includes('.') ? value.replace(/0+$/, '').replace(/\.$/, '') : value;
  return `${formatDecimal(trimmed, 2)} %`;
}

/** With an explicit sign, for drift and gains. */
export function formatSignedPercent(value: string): string {
  return value.startsWith('-') || /^0(\.0+)?$/.test(value) ? formatPercent(value) : `+${formatPercent(value)}`;
}

function toScaled(value: string, scale: number): bigint {
  const negative = value.startsWith('-');
  const [whole, fraction = ''] = (negative ? value.slice(1) : value).split('.');
  const magnitude = BigInt(whole + fraction.padEnd(scale, '0'));
  return negative ? -magnitude : magnitude;
}

function fromScaled(scaled: bigint, scale: number): string {
  const negative = scaled < 0n;
  const digits = (negative ? -scaled : scaled).toString().padStart(scale + 1, '0');
  const body = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  return negative ? `-${body}` : body;
}

/** -1, 0 or 1; exact for any length. Throws on a string that is not a decimal. */
export function compareDecimal(a: string, b: string): number {
  if (!isDecimal(a) || !isDecimal(b)) throw new Error(`not a decimal: ${isDecimal(a) ? b : a}`);
  const scale = Math.max(scaleOf(a), scaleOf(b));
  const difference = toScaled(a, scale) - toScaled(b, scale);
  return difference === 0n ? 0 : difference < 0n ? -1 : 1;
}

/** The exact sum, with the largest scale of its terms; undefined when a term is not a decimal (e.g. a half-typed input). */
export function sumDecimals(values: readonly string[]): string | undefined {
  if (!values.every(isDecimal)) return undefined;
  const scale = Math.max(0, ...values.map(scaleOf));
  return fromScaled(
    values.reduce((sum, value) => sum + toScaled(value, scale), 0n),
    scale,
  );
}

/** For drawing only: a chart axis needs a number, never a figure shown as text. */
export function toChartNumber(value: string): number {
  return Number(value);
}
