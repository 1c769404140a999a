import fc from 'fast-check';
import { Big, toDecimalString } from '../../common/decimal/decimal';
import { allocate, proportion } from './apportion';

const strings = (values: Big[]) => values.map((value) => toDecimalString(value));

describe('exact shares of a total', () => {
  it('rounds a share half-even at 10 places', () => {
    expect(toDecimalString(proportion(new Big('1.00'), new Big(10), new Big(15)))).toBe('0.6666666667');
    expect(toDecimalString(proportion(new Big('66.6666666667'), new Big(1), new Big(2)))).toBe('33.3333333334');
    expect(toDecimalString(proportion(new Big('66.6666666665'), new Big(1), new Big(2)))).toBe('33.3333333332');
  });

  it('rounds once, from the exact quotient, not from big.js’s own 20-place rounding', () => {
    // 1 × 1499999999999999 / 1e25 = 0.0000000001499999999999999: just under a tie, so it rounds down.
    // Rounded first at 20 places it would read 0.00000000015000000000, and half-even would then go up.
    expect(toDecimalString(proportion(new Big(1), new Big('1499999999999999'), new Big('1e25')))).toBe('0.0000000001');
  });

  it('is the exact quotient rounded half-even at 10 places, as big.js divides at DP 10, over random lots', () => {
    const Reference = Big();
    Reference.DP = 10;
    Reference.RM = Big.roundHalfEven;
    const amount = fc
      .tuple(fc.bigInt({ min: 1n, max: 10n ** 20n }), fc.integer({ min: 0, max: 14 }))
      .map(([digits, scale]) => new Big(digits.toString()).div(new Big(10).pow(scale)));
    fc.assert(
      fc.property(amount, amount, amount, (total, part, whole) => {
        const expected = part.eq(whole) ? total : new Reference(total).times(part).div(whole);
        expect(toDecimalString(proportion(total, part, whole))).toBe(toDecimalString(expected.gt(total) ? total : new Big(expected)));
      }),
      { seed: 20261202, numRuns: 2000 },
    );
  });

  it('gives the whole of a total back exactly', () => {
    expect(toDecimalString(proportion(new Big('0.123456789012345'), new Big(3), new Big(3)))).toBe('0.123456789012345');
  });

  it('never gives more than the total for a part just short of the whole', () => {
    // 0.00000000009 × 0.9999 = 0.000000000089991 rounds to 0.0000000001, more than there is to share.
    expect(toDecimalString(proportion(new Big('0.00000000009'), new Big('0.9999'), new Big(1)))).toBe('0.00000000009');
  });

  it('allocates a total so that the last piece is the exact remainder', () => {
    expect(strings(allocate(new Big('1.00'), [new Big(10), new Big(5)]))).toEqual(['0.6666666667', '0.3333333333']);
    expect(strings(allocate(new Big('1.00'), [new Big(1), new Big(1), new Big(1)]))).toEqual(['0.3333333333', '0.3333333333', '0.3333333334']);
    expect(strings(allocate(new Big('5'), [new Big(2)]))).toEqual(['5']);
  });
});
