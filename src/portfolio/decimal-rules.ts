import type { DecimalRule } from '../common/decimal/is-decimal.validator';

/** Prices and per-unit costs: up to 8 decimals, below one trillion. */
export const PRICE_RULE: DecimalRule = { maxScale: 8, maxIntegerDigits: 12, positive: true };
/** Quantities: up to 8 decimals (satoshi-sized crypto units), below one trillion. */
export const QUANTITY_RULE: DecimalRule = { maxScale: 8, maxIntegerDigits: 12, positive: true };
/** Cash amounts: cents and below, up to 8 decimals. */
export const AMOUNT_RULE: DecimalRule = { maxScale: 8, maxIntegerDigits: 14, positive: true };
/** Fees may be zero. */
export const FEE_RULE: DecimalRule = { maxScale: 8, maxIntegerDigits: 12, min: '0' };
/** A household's tax rates, in percent: 0 to 100, up to 4 decimals (as the harvesting query takes them). */
export const TAX_RATE_RULE: DecimalRule = { maxScale: 4, maxIntegerDigits: 3, min: '0', max: '100' };
