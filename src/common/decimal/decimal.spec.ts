import fc from 'fast-check';
import { Big, decimalParts, divideHalfEven, parseDecimal, toDecimalString, toNullableDecimalString, toScaledIntegers } from './decimal';
import { decimalTransformer } from './decimal.transformer';
import { decimalRuleViolation } from './is-decimal.validator';

describe('decimal toolkit', () => {
  describe('arithmetic that floats get wrong', () => {
    it('adds 0.1 and 0.2 to exactly 0.3', () => {
      expect(0.1 + 0.2).not.toBe(0.3);
      expect(toDecimalString(parseDecimal('0.1').plus(parseDecimal('0.2')))).toBe('0.3');
    });

    it('keeps 1e-10 in plain notation', () => {
      expect(toDecimalString(parseDecimal(1e-10))).toBe('0.0000000001');
      expect(JSON.stringify({ value: new Big('0.00000001') })).toBe('{"value":"0.00000001"}');
    });

    it('keeps every digit of a 30-digit value', () => {
      const value = '123456789012345678901234567890.123456789';
      expect(Number(value).toString()).not.toBe(value);
      expect(toDecimalString(parseDecimal(value))).toBe(value);
      expect(toDecimalString(parseDecimal(value).plus('0.000000001'))).toBe('123456789012345678901234567890.12345679');
    });

    it('sums ten 0.1 prices to 1 exactly', () => {
      const total = Array.from({ length: 10 }, () => parseDecimal('0.1')).reduce((sum, v) => sum.plus(v), new Big(0));
      expect(toDecimalString(total)).toBe('1');
    });
  });

  describe('toDecimalString', () => {
    it('rounds half-even at the given scale by default', () => {
      expect(toDecimalString(new Big('2.5'), 0)).toBe('2');
      expect(toDecimalString(new Big('3.5'), 0)).toBe('4');
      expect(toDecimalString(new Big('33.333350'), 4)).toBe('33.3334');
      expect(toDecimalString(new Big('33.333250'), 4)).toBe('33.3332');
    });

    it('pads to the scale when asked, so money shows as "1234.50"', () => {
      expect(toDecimalString(new Big('1234.5'), 2)).toBe('1234.50');
    });

    it('rounds half-up when that mode is asked for', () => {
      expect(toDecimalString(new Big('2.5'), 0, Big.roundHalfUp)).toBe('3');
    });

    it('keeps null as null for optional values', () => {
      expect(toNullableDecimalString(null)).toBeNull();
      expect(toNullableDecimalString(new Big('1e-8'))).toBe('0.00000001');
    });
  });

  describe('parseDecimal and decimalParts', () => {
    it.each([
      ['12.50', { negative: false, integerDigits: 2, scale: 2 }],
      ['-0.001', { negative: true, integerDigits: 0, scale: 3 }],
      ['-0', { negative: false, integerDigits: 0, scale: 0 }],
      ['007', { negative: false, integerDigits: 1, scale: 0 }],
      [12.5, { negative: false, integerDigits: 2, scale: 1 }],
    ])('reads %p', (input, parts) => {
      expect(decimalParts(input)).toEqual(parts);
    });

    it.each(['', 'abc', '+1', '+0.5', '1e5', '1.', '.5', '1,5', '0x10', 'NaN', 'Infinity', null, true, [], {}, Number.NaN, Number.POSITIVE_INFINITY])(
      'refuses %p',
      (input) => {
        expect(decimalParts(input)).toBeNull();
      },
    );

    it('throws on a non-decimal', () => {
      expect(() => parseDecimal('1e5')).toThrow('not a decimal');
      expect(() => parseDecimal('+1')).toThrow('not a decimal');
    });
  });

  describe('decimalRuleViolation', () => {
    const rule = { maxScale: 8, maxIntegerDigits: 12, positive: true };

    it('accepts a value at the limits', () => {
      expect(decimalRuleViolation('999999999999.99999999', rule)).toBeNull();
      expect(decimalRuleViolation('0.00000001', rule)).toBeNull();
    });

    it('names the broken rule', () => {
      expect(decimalRuleViolation('1.123456789', rule)).toBe('must have at most 8 decimal places');
      expect(decimalRuleViolation('1000000000000', rule)).toBe('must have at most 12 digits before the decimal point');
      expect(decimalRuleViolation('0', rule)).toBe('must be greater than 0');
      expect(decimalRuleViolation('-1', rule)).toBe('must be greater than 0');
      expect(decimalRuleViolation('ten', rule)).toMatch(/must be a decimal number/);
      expect(decimalRuleViolation('+1', rule)).toMatch(/must be a decimal number/);
    });

    it('checks bounds exactly, without float rounding', () => {
      const percent = { maxScale: 2, maxIntegerDigits: 3, min: '0', max: '100' };
      expect(decimalRuleViolation('100.00', percent)).toBeNull();
      expect(decimalRuleViolation('100.01', percent)).toBe('must be at most 100');
      expect(decimalRuleViolation('-0.01', percent)).toBe('must be at least 0');
    });
  });

  describe('decimalTransformer', () => {
    it('reads NUMERIC strings into Big and writes Big back as plain strings', () => {
      const read = decimalTransformer.from('0.000000010000') as Big;
      expect(read).toBeInstanceOf(Big);
      expect(read.eq('0.00000001')).toBe(true);
      expect(decimalTransformer.to(new Big('1e-10'))).toBe('0.0000000001');
      expect(decimalTransformer.to(new Big('123456789012345678901234567890'))).toBe('123456789012345678901234567890');
    });

    it('passes null and undefined through', () => {
      expect(decimalTransformer.from(null)).toBeNull();
      expect(decimalTransformer.to(null)).toBeNull();
      expect(decimalTransformer.to(undefined)).toBeUndefined();
    });
  });

  describe('toScaledIntegers', () => {
    it('scales every value by the largest scale among them, exactly', () => {
      expect(toScaledIntegers([new Big('1.5'), new Big('-0.00000001'), new Big('1200'), new Big(0)])).toEqual([150000000n, -1n, 120000000000n, 0n]);
      expect(toScaledIntegers([new Big('123456789012345678901234567890.12')])).toEqual([12345678901234567890123456789012n]);
      expect(toScaledIntegers([])).toEqual([]);
    });

    it('reads the same integers as printing each value at the common scale, over random decimals of either sign', () => {
      const decimal = fc
        .tuple(fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }), fc.integer({ min: -6, max: 14 }))
        .map(([digits, scale]) => new Big(digits.toString()).times(new Big(10).pow(-scale)));
      fc.assert(
        fc.property(fc.array(decimal, { maxLength: 6 }), (values) => {
          const scale = Math.max(0, ...values.map((value) => value.c.length - value.e - 1));
          expect(toScaledIntegers(values)).toEqual(values.map((value) => BigInt(value.toFixed(scale).replace('.', ''))));
        }),
        { seed: 20261202, numRuns: 2000 },
      );
    });

    it('orders cross-products as the decimals do, down to the last digit', () => {
      const values = ['0.1', '0.3', '0.10000000000000001', '0.30000000000000003', '-2.5', '7.125'].map((v) => new Big(v));
      const scaled = toScaledIntegers(values);
      for (let i = 0; i < values.length; i++) {
        for (let j = 0; j < values.length; j++) {
          const exact = values[i].times(values[(j + 1) % values.length]).cmp(values[j].times(values[(i + 1) % values.length]));
          const product = scaled[i] * scaled[(j + 1) % values.length] - scaled[j] * scaled[(i + 1) % values.length];
          expect(Math.sign(Number(product))).toBe(exact);
        }
      }
    });
  });
  describe('divideHalfEven', () => {
    it('rounds the exact quotient half-even, ties to the even last digit', () => {
      expect(divideHalfEven(new Big(1), new Big(3), 4).toFixed()).toBe('0.3333');
      expect(divideHalfEven(new Big(2), new Big(3), 4).toFixed()).toBe('0.6667');
      expect(divideHalfEven(new Big('0.125'), new Big(1), 2).toFixed()).toBe('0.12');
      expect(divideHalfEven(new Big('0.375'), new Big(1), 2).toFixed()).toBe('0.38');
      expect(divideHalfEven(new Big(-1), new Big(8), 2).toFixed()).toBe('-0.12');
      expect(divideHalfEven(new Big(5), new Big(2), 0).toFixed()).toBe('2');
      expect(divideHalfEven(new Big('-0.001'), new Big(1), 2).toFixed()).toBe('0');
      expect(() => divideHalfEven(new Big(1), new Big(0), 2)).toThrow('division by zero');
    });

    it('gives what big.js gives at 20 places, half-even, over random decimals of either sign', () => {
      const Reference = Big();
      Reference.DP = 20;
      Reference.RM = Big.roundHalfEven;
      const decimal = fc
        .tuple(fc.bigInt({ min: -(10n ** 24n), max: 10n ** 24n }), fc.integer({ min: 0, max: 12 }))
        .map(([digits, scale]) => new Big(digits.toString()).div(new Big(10).pow(scale)));
      fc.assert(
        fc.property(decimal, decimal, (numerator, denominator) => {
          fc.pre(!denominator.eq(0));
          const expected = new Reference(numerator).div(denominator);
          const actual = divideHalfEven(numerator, denominator, 20);
          expect(actual.eq(expected)).toBe(true);
          expect(actual.toFixed()).toBe(new Big(expected).toFixed());
        }),
        { seed: 20261201, numRuns: 2000 },
      );
    });
  });
});
