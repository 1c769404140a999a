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
  /** gain and value as integers over one scale shared by the lots being ordered; see taxAwareOrder. */
  scaledGain: bigint;
  scaledValue: bigint;
}

/**
 * The lots in the order a sell relieves them: FIFO, or tax-aware (see taxAwareOrder). Returns a new
 * list; the choices given are left as they are.
 */
export function inReliefOrder(choices: readonly LotChoice[], taxAware: boolean): LotChoice[] {
  if (!taxAware) return [...choices].sort(fifoOrder);
  const scaled = toScaledIntegers(choices.flatMap((choice) => [choice.gain, choice.value]));
  return choices.map((choice, i) => ({ ...choice, scaledGain: scaled[2 * i], scaledValue: scaled[2 * i + 1] })).sort(taxAwareOrder);
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
 * else is left. Gain per value is compared cross-multiplied, so no division decides the order; on
 * scaled integers, since two Big products per comparison made 100,000 lots take seconds.
 */
function taxAwareOrder(a: LotChoice, b: LotChoice): number {
  return a.group - b.group || compareIntegers(a.scaledGain * b.scaledValue, b.scaledGain * a.scaledValue) || fifoOrder(a, b);
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
