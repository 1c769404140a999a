import { Big, divideHalfEven } from '../../common/decimal/decimal';

const SCALE = 10;

/**
 * total × part / whole, rounded half-even to 10 places. The whole of a total is the total
 * itself, never a rounded share, so whatever is split by repeated proportions (a lot relieved
 * sale by sale) is conserved exactly. Rounded from the exact quotient in one BigInt division
 * (divideHalfEven): big.js divides digit by digit, and its remainder checked the tenth place with
 * two more divisions, for every lot a sale relieves.
 */
export function proportion(total: Big, part: Big, whole: Big): Big {
  if (part.eq(whole)) return total;
  const share = divideHalfEven(total.times(part), whole, SCALE);
  // Just short of the whole, a total with more than 10 places can round up past itself.
  return share.gt(total) ? total : share;
}

/** Splits total over weights: every piece but the last rounded, the last the exact remainder. */
export function allocate(total: Big, weights: Big[]): Big[] {
  const whole = weights.reduce((sum, weight) => sum.plus(weight), new Big(0));
  const pieces = weights.slice(0, -1).map((weight) => proportion(total, weight, whole));
  const allocated = pieces.reduce((sum, piece) => sum.plus(piece), new Big(0));
  return [...pieces, total.minus(allocated)];
}
