import { compareDecimal, formatDecimal, formatMoney, formatPercent, formatSignedPercent, sumDecimals } from './decimal';

describe('decimal formatting for the dashboard', () => {
  it('shows 0.30000000 exactly, with every decimal place, where a float would print 0.30000000000000004 for 0.1 + 0.2', () => {
    expect(formatMoney('0.30000000')).toBe('$0.30000000');
    expect(formatDecimal('0.30000000')).toBe('0.30000000');
  });

  it('shows a 20-digit amount digit for digit, beyond what a double can hold', () => {
    expect(formatMoney('12345678901234567890.12')).toBe('$12,345,678,901,234,567,890.12');
    expect(formatDecimal('98765432109876543210')).toBe('98,765,432,109,876,543,210');
    expect(Number('12345678901234567890.12').toLocaleString('en-US')).not.toBe('12,345,678,901,234,567,890.12');
  });

  it('pads money to cents and keeps negative signs', () => {
    expect(formatMoney('1234.5')).toBe('$1,234.50');
    expect(formatMoney('-7')).toBe('-$7.00');
    expect(formatMoney('10.5', 'EUR')).toBe('€10.50');
  });

  it('leaves anything that is not a decimal string as it is rather than guessing', () => {
    expect(formatMoney('n/a')).toBe('n/a');
    expect(formatDecimal('1e-8')).toBe('1e-8');
  });

  it('shows percentages with two places, dropping only zeros beyond them', () => {
    expect(formatPercent('60.0000')).toBe('60.00 %');
    expect(formatPercent('12.3456')).toBe('12.3456 %');
    expect(formatPercent('12.3400')).toBe('12.34 %');
    expect(formatPercent('5')).toBe('5.00 %');
    expect(formatPercent('-0.5000')).toBe('-0.50 %');
  });

  it('signs drift', () => {
    expect(formatSignedPercent('4.25')).toBe('+4.25 %');
    expect(formatSignedPercent('4.2500')).toBe('+4.25 %');
    expect(formatSignedPercent('-0.50')).toBe('-0.50 %');
    expect(formatSignedPercent('0.00')).toBe('0.00 %');
  });

  it('compares decimals exactly, where floats would call them equal', () => {
    expect(compareDecimal('12345678901234567890.01', '12345678901234567890.02')).toBe(-1);
    expect(compareDecimal('-1.5', '-1.50')).toBe(0);
    expect(compareDecimal('2', '10')).toBe(-1);
    expect(compareDecimal('-3', '1')).toBe(-1);
  });

  it('sums targets exactly: 33.3 + 33.3 + 33.4 is 100.0', () => {
    expect(sumDecimals(['33.3', '33.3', '33.4'])).toBe('100.0');
    expect(sumDecimals(['0.1', '0.2'])).toBe('0.3');
    expect(sumDecimals(['60', '-0.25'])).toBe('59.75');
    expect(sumDecimals(['60', ''])).toBeUndefined();
    expect(sumDecimals([])).toBe('0');
  });
});
