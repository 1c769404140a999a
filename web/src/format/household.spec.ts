import { ACCOUNT_TYPE_LABEL, commonCurrency, formatHouseholdMoney } from './household';

describe('household figures on the dashboard', () => {
  it('names each account type in plain words', () => {
    expect(ACCOUNT_TYPE_LABEL).toEqual({ TAXABLE: 'Taxable', TAX_DEFERRED: 'Tax-deferred', TAX_EXEMPT: 'Tax-exempt' });
  });

  it('finds the common currency of the accounts, and none when they differ or there is no account', () => {
    expect(commonCurrency(['USD', 'USD', 'USD'])).toBe('USD');
    expect(commonCurrency(['USD', 'EUR'])).toBeUndefined();
    expect(commonCurrency([])).toBeUndefined();
  });

  it('shows a household total of 15,500.00 as dollars when every account is in USD, and without a sign when the currencies differ', () => {
    expect(formatHouseholdMoney('15500.00', 'USD')).toBe('$15,500.00');
    expect(formatHouseholdMoney('15500.00', undefined)).toBe('15,500.00');
    // Exact to the last digit, as every figure the API sends.
    expect(formatHouseholdMoney('12345678901234567890.125', undefined)).toBe('12,345,678,901,234,567,890.125');
  });
});
