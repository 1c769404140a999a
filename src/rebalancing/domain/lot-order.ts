import { Big, toScaledIntegers } from '../../common/decimal/decimal';
import type { Term } from '../../portfolio/domain/ledger';
import type { OpenLotInput, PricedHolding } from './suggestion-model';

const ZERO = new Big(0);

/** A lot a sell may relieve, with what selling it now would realize. */
export interface LotChoice {
  holding: PricedHolding;
  lot: OpenLotInput;
  value: Big;
  gain: Big;
  term: Term;
  /** Selling the whole lot now would be a wash sale by the ledger's rule, so it is chosen last. */
  blocked: boolean;
  /** The lot's place in the tax-aware order, before gain per value decides: see taxGroup. */
  group: number;
  /** gain / value as an integer that orders exactly as the quotients do; see ratioKeys. */
  ratioKey: bigint;
}

/**
 * The lots in the order a sell relieves them: FIFO, or tax-aware (see taxAwareOrder). Returns a new
 * list; the choices given are left as they are.
 */
export function inReliefOrder(choices: readonly LotChoice[], taxAware: boolean): LotChoice[] {
  if (!taxAware) return [...choices].sort(fifoOrder);
  const keys = ratioKeys(choices);
  return choices.map((choice, i) => ({ ...choice, ratioKey: keys[i] })).sort(taxAwareOrder);
}

/**
 * For each choice, gain × M² / value rounded toward zero, where gain and value are integers over one
 * shared scale and M is the largest value. Two distinct quotients g₁/v₁ < g₂/v₂ differ by at least
 * 1/(v₁v₂) ≥ 1/M², so scaled by M² they are at least 1 apart, and rounding toward zero keeps their
 * order (a nonzero scaled quotient is at least M² / M ≥ 1 in size, so none lies strictly between −1
 * and 1); equal quotients get equal keys. Sorting then compares plain integers: one division per lot
 * instead of two products per comparison, which at 100,000 lots was most of the time (the products
 * allocate, and the collector ran for half of it). Values are positive.
 */
function ratioKeys(choices: readonly LotChoice[]): bigint[] {
  const scaled = toScaledIntegers(choices.flatMap((choice) => [choice.gain, choice.value]));
  let largest = 1n;
  for (let i = 1; i < scaled.length; i += 2) if (scaled[i] > largest) largest = scaled[i];
  const square = largest * largest;
  return choices.map((_, i) => (scaled[2 * i] * square) / scaled[2 * i + 1]);
}

function fifoOrder(a: LotChoice, b: LotChoice): number {
  return (
    a.lot.holdingPeriodStart.getTime() - b.lot.holdingPeriodStart.getTime() ||
    compareText(a.lot.lotId, b.lot.lotId) ||
    compareText(a.holding.assetId, b.holding.assetId)
  );
}

/**
 * Losses first, the largest per unit of value first; then long-term gains, then short-term gains,
 * each the least gain per unit of value first; a loss that would be a wash sale only when nothing
 * else is left. Gain per value is compared exactly, by the integer keys of ratioKeys.
 */
function taxAwareOrder(a: LotChoice, b: LotChoice): number {
  return a.group - b.group || compareIntegers(a.ratioKey, b.ratioKey) || fifoOrder(a, b);
}

function compareIntegers(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function taxGroup(blocked: boolean, gain: Big, term: Term): number {
  if (blocked) return 3;
  if (gain.lt(ZERO)) return 0;
  return term === 'LONG' ? 1 : 2;
}

/** Code-point order, a missing text last. */
export function compareText(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}
