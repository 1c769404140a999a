/**
 * How the tax code treats an account (a portfolio). A TAXABLE account reports what its sales
 * realize; in a TAX_DEFERRED account (traditional IRA, 401(k)) or a TAX_EXEMPT one (Roth IRA, HSA)
 * a sale realizes nothing reportable, and a purchase there can still wash out a loss taken in a
 * taxable account of the same household, for good (Rev. Rul. 2008-5).
 */
export type AccountType = 'TAXABLE' | 'TAX_DEFERRED' | 'TAX_EXEMPT';

export const ACCOUNT_TYPES: readonly AccountType[] = ['TAXABLE', 'TAX_DEFERRED', 'TAX_EXEMPT'];

/** Every account was taxable before households; one whose type is not given still is. */
export const DEFAULT_ACCOUNT_TYPE: AccountType = 'TAXABLE';

export function isTaxAdvantaged(accountType: AccountType): boolean {
  return accountType !== 'TAXABLE';
}
