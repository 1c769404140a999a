import { Big } from '../../common/decimal/decimal';

const SCALE = 10;
const UNIT = new Big('1e-10');

/**
 * total × part / whole, rounded half-even to 10 places. The whole of a total is the total
 * itself, never a rounded share, so whatever is split by repeated proportions (a lot relieved
 * sale by sale) is conserved exactly.
 */
export function proportion(total: Big, part: Big, whole: Big): Big {
  if (part.eq(whole)) return total;
  const share = quotient(total.times(part), whole);
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

/** numerator / denominator half-even at 10 places, for numerator >= 0 and denominator > 0. */
function quotient(numerator: Big, denominator: Big): Big {
  // big.js has already rounded its quotient at Big.DP places; rounding that again could round
  // twice, so the tenth place is settled from the exact remainder instead.
  let floor = numerator.div(denominator).round(SCALE, Big.roundDown);
  if (floor.times(denominator).gt(numerator)) floor = floor.minus(UNIT);
  const side = numerator.minus(floor.times(denominator)).times(2).cmp(denominator.times(UNIT));
  const odd = floor.div(UNIT).mod(2).eq(1);
  return side > 0 || (side === 0 && odd) ? floor.plus(UNIT) : floor;
}
