import { Big, toDecimalString, toMoneyEstimate, toNullableMoneyEstimate } from './decimal';

describe('the display rule for money', () => {
  it('shows an estimate of 12,922.9999998 (12,923 bought at 30 in units cut to 8 places) as "12923.00"', () => {
    const units = new Big('430.76666666');
    const value = units.times('30');

    expect(toDecimalString(value)).toBe('12922.9999998');
    expect(toMoneyEstimate(value)).toBe('12923.00');
  });

  it('rounds half-even at 2 places and always shows two', () => {
    expect(['0.125', '0.135', '-0.125', '1234.5', '10000', '0.0000002'].map((v) => toMoneyEstimate(new Big(v)))).toEqual([
      '0.12',
      '0.14',
      '-0.12',
      '1234.50',
      '10000.00',
      '0.00',
    ]);
  });

  it('never shows "-0.00"', () => {
    expect(toMoneyEstimate(new Big('-0.004'))).toBe('0.00');
    expect(toMoneyEstimate(new Big('-0.005'))).toBe('0.00');
    expect(toMoneyEstimate(new Big('-0.006'))).toBe('-0.01');
  });

  it('keeps null as null', () => {
    expect(toNullableMoneyEstimate(null)).toBeNull();
  });
});
