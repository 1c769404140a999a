// The generated type, not the browser client: the unit tests run this module in Node.
import type { components } from '../../../test/client/schema';
import { formatDecimal, formatMoney } from './decimal';

/** The account types in plain words, as an advisor says them to a client. */
export const ACCOUNT_TYPE_LABEL: Record<components['schemas']['AccountType'], string> = {
  TAXABLE: 'Taxable',
  TAX_DEFERRED: 'Tax-deferred',
  TAX_EXEMPT: 'Tax-exempt',
};

/**
 * The one currency every account of a household keeps, or undefined when they differ (or there is
 * none): the household totals add the accounts' figures as they are, so a currency sign is shown
 * only when it is true of every term.
 */
export function commonCurrency(currencies: readonly string[]): string | undefined {
  const distinct = new Set(currencies);
  return distinct.size === 1 ? currencies[0] : undefined;
}

/** A household figure: money in the accounts' common currency, else the plain decimal with cents. */
export function formatHouseholdMoney(value: string, currency: string | undefined): string {
  return currency ? formatMoney(value, currency) : formatDecimal(value, 2);
}
