import { Big, parseDecimal, toDecimalString } from '../../common/decimal/decimal';
import type { AccountType } from './account-types';
import { replayLedger, type LedgerTransaction, type LedgerViolation, type LotMethod, type PortfolioState, type TransactionType } from './ledger';

type Amount = string;

/**
 * Builds one taxpayer's history for the ledger specs: portfolios by name (taxable unless
 * accountTypes says otherwise), dates as 'YYYY-MM-DD'
 * (taken at 14:30 UTC) or full ISO strings, amounts as decimal strings. Sequences follow the
 * order of the calls; ids are readable UUIDs numbered the same way.
 */
export class LedgerWorld {
  readonly transactions: LedgerTransaction[] = [];

  constructor(
    readonly methods: Record<string, LotMethod>,
    readonly accountTypes: Record<string, AccountType> = {},
  ) {}

  deposit(portfolioId: string, on: string, amount: Amount): string {
    return this.cash('DEPOSIT', portfolioId, on, amount);
  }

  withdraw(portfolioId: string, on: string, amount: Amount): string {
    return this.cash('WITHDRAWAL', portfolioId, on, amount);
  }

  fee(portfolioId: string, on: string, amount: Amount): string {
    return this.cash('FEE', portfolioId, on, amount);
  }

  buy(portfolioId: string, on: string, assetId: string, quantity: Amount, price: Amount, fee?: Amount): string {
    return this.add({
      type: 'BUY',
      portfolioId,
      executedAt: at(on),
      assetId,
      quantity: d(quantity),
      price: d(price),
      fee: fee === undefined ? undefined : d(fee),
    });
  }

  sell(
    portfolioId: string,
    on: string,
    assetId: string,
    quantity: Amount,
    price: Amount,
    options: { fee?: Amount; lots?: [lotId: string, quantity: Amount][] } = {},
  ): string {
    return this.add({
      type: 'SELL',
      portfolioId,
      executedAt: at(on),
      assetId,
      quantity: d(quantity),
      price: d(price),
      fee: options.fee === undefined ? undefined : d(options.fee),
      lots: options.lots?.map(([lotId, lotQuantity]) => ({ lotId, quantity: d(lotQuantity) })),
    });
  }

  transferIn(portfolioId: string, on: string, assetId: string, quantity: Amount, costPerUnit: Amount, acquiredOn: string): string {
    return this.add({
      type: 'TRANSFER_IN',
      portfolioId,
      executedAt: at(on),
      assetId,
      quantity: d(quantity),
      costPerUnit: d(costPerUnit),
      acquiredAt: at(acquiredOn),
    });
  }

  add(fields: Omit<LedgerTransaction, 'id' | 'sequence'> & { id?: string; sequence?: number }): string {
    const sequence = this.transactions.length + 1;
    const id = fields.id ?? `00000000-0000-4000-8000-${String(sequence).padStart(12, '0')}`;
    this.transactions.push({ ...fields, id, sequence: fields.sequence ?? sequence });
    return id;
  }

  replay(transactions = this.transactions): Map<string, PortfolioState> {
    const result = replayLedger(this.portfolios(), transactions);
    if (!result.ok) throw new Error(`expected a valid history, got ${result.violation.code}: ${result.violation.message}`);
    return result.portfolios;
  }

  violation(): LedgerViolation {
    const result = replayLedger(this.portfolios(), this.transactions);
    if (result.ok) throw new Error('expected a violation, but the history replays');
    return result.violation;
  }

  portfolio(portfolioId: string): PortfolioState {
    const state = this.replay().get(portfolioId);
    if (!state) throw new Error(`no portfolio ${portfolioId}`);
    return state;
  }

  private portfolios() {
    return Object.entries(this.methods).map(([id, lotMethod]) => ({ id, lotMethod, accountType: this.accountTypes[id] }));
  }

  private cash(type: TransactionType, portfolioId: string, on: string, amount: Amount): string {
    return this.add({ type, portfolioId, executedAt: at(on), amount: d(amount) });
  }
}

export function at(on: string): Date {
  return new Date(on.length === 10 ? `${on}T14:30:00Z` : on);
}

export function d(value: Amount): Big {
  return parseDecimal(value);
}

/** Exact decimal strings of the fields a spec asserts on. */
export function figures<T extends object>(value: T, keys: (keyof T)[]): Record<string, string> {
  return Object.fromEntries(
    keys.map((key) => {
      const field = value[key];
      return [key, field instanceof Big ? toDecimalString(field) : field instanceof Date ? field.toISOString().slice(0, 10) : String(field)];
    }),
  );
}
