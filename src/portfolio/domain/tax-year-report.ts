import { Big, sumOf } from '../../common/decimal/decimal';
import { isoDate } from './dates';
import type { RealizedGain, Term } from './ledger';

/** A Form 8949 amount: to the cent, half-even, as a filer copies it. */
export const FORM_8949_SCALE = 2;

/** One line of Form 8949, columns (a) to (h), for one lot relieved by one sale. */
export interface Form8949Line {
  /** (a) e.g. "12.5 sh. VTI". */
  description: string;
  /** (b) The holding period's start after any wash-sale tacking, as a 1099-B reports it. */
  dateAcquired: string;
  /** (c) */
  dateSold: string;
  /** (d) */
  proceeds: Big;
  /** (e) */
  costBasis: Big;
  /** (f) "W" for a wash sale, else empty. */
  adjustmentCode: 'W' | '';
  /** (g) The disallowed loss, added back: positive or 0. */
  adjustmentAmount: Big;
  /** (h) = (d) − (e) + (g), of the rounded columns, so every line adds across. */
  gain: Big;
  /** Where the line comes from, so it can be traced to the ledger. */
  portfolioId: string;
  sellTransactionId: string;
  lotId: string;
}

export interface Form8949Totals {
  proceeds: Big;
  costBasis: Big;
  adjustmentAmount: Big;
  gain: Big;
}

/** Part I (short-term) or Part II (long-term) of the form. */
export interface Form8949Part {
  term: Term;
  lines: Form8949Line[];
  /** Sums of the lines as shown, so the totals line adds down. */
  totals: Form8949Totals;
}

export interface TaxYearReport {
  year: number;
  shortTerm: Form8949Part;
  longTerm: Form8949Part;
}

/**
 * The realized gains of one tax year as Form 8949 lines: every lot relieved by a sale in a taxable
 * account whose sale date falls in the year (UTC, as the ledger dates sales), short-term and
 * long-term apart, in sale order. Sales inside tax-deferred or tax-exempt accounts are not
 * reported. Amounts are rounded to the cent line by line and the totals are sums of the lines, so
 * the form adds up as filed; the exact figures stay in the ledger's realized gains.
 */
export function taxYearReport(gains: readonly RealizedGain[], symbols: ReadonlyMap<string, string>, year: number): TaxYearReport {
  const lines = gains
    .filter((gain) => gain.taxable && gain.disposedAt.getUTCFullYear() === year)
    .map((gain) => ({ term: gain.term, line: lineOf(gain, symbols.get(gain.assetId) ?? gain.assetId) }));
  const part = (term: Term): Form8949Part => {
    const own = lines.filter((entry) => entry.term === term).map((entry) => entry.line);
    return { term, lines: own, totals: totalsOf(own) };
  };
  return { year, shortTerm: part('SHORT'), longTerm: part('LONG') };
}

function lineOf(gain: RealizedGain, symbol: string): Form8949Line {
  const proceeds = cents(gain.proceeds);
  const costBasis = cents(gain.costBasis);
  const adjustmentAmount = cents(gain.washSaleDisallowed);
  return {
    description: `${gain.quantity.toFixed()} sh. ${symbol}`,
    dateAcquired: isoDate(gain.acquiredAt),
    dateSold: isoDate(gain.disposedAt),
    proceeds,
    costBasis,
    adjustmentCode: gain.washSaleDisallowed.gt(0) ? 'W' : '',
    adjustmentAmount,
    gain: proceeds.minus(costBasis).plus(adjustmentAmount),
    portfolioId: gain.portfolioId,
    sellTransactionId: gain.sellTransactionId,
    lotId: gain.lotId,
  };
}

function cents(value: Big): Big {
  return value.round(FORM_8949_SCALE, Big.roundHalfEven);
}

function totalsOf(lines: Form8949Line[]): Form8949Totals {
  return {
    proceeds: sumOf(lines.map((line) => line.proceeds)),
    costBasis: sumOf(lines.map((line) => line.costBasis)),
    adjustmentAmount: sumOf(lines.map((line) => line.adjustmentAmount)),
    gain: sumOf(lines.map((line) => line.gain)),
  };
}
