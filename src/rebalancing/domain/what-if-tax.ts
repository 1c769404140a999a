import { Big } from '../../common/decimal/decimal';
import type { RealizedGain } from '../../portfolio/domain/ledger';

/** One SELL fill of a what-if and the gains its own replayed sale realized. */
export interface EstimatedFillSale {
  tradeIndex: number;
  gains: RealizedGain[];
}

export interface TermEstimate {
  gains: Big;
  /** <= 0. */
  losses: Big;
  net: Big;
}

export interface TaxEstimate {
  shortTerm: TermEstimate;
  longTerm: TermEstimate;
  washSaleDisallowed: Big;
  washSales: Array<{ tradeIndex: number; assetId: string; disallowed: Big }>;
}

const ZERO = new Big(0);

/**
 * Sums the reportable gains of a what-if's SELLs by term. Each fill brings only its own sale's
 * gains, so a class-level SELL spread over several assets counts each asset's lots once; matching
 * gains to trades by the trade's index instead counted every part of a class trade once per part.
 */
export function estimateTax(sales: EstimatedFillSale[]): TaxEstimate {
  // A sale inside a tax-deferred or tax-exempt account realizes nothing reportable.
  const rows = sales.flatMap((sale) => sale.gains.filter((gain) => gain.taxable).map((gain) => ({ tradeIndex: sale.tradeIndex, gain })));
  const termOf = (term: RealizedGain['term']) => termEstimate(rows.filter((row) => row.gain.term === term).map((row) => row.gain.reportableGain));
  const washed = rows.filter((row) => row.gain.washSaleDisallowed.gt(0));
  return {
    shortTerm: termOf('SHORT'),
    longTerm: termOf('LONG'),
    washSaleDisallowed: washed.reduce((sum, row) => sum.plus(row.gain.washSaleDisallowed), ZERO),
    washSales: washed.map((row) => ({ tradeIndex: row.tradeIndex, assetId: row.gain.assetId, disallowed: row.gain.washSaleDisallowed })),
  };
}

function termEstimate(values: Big[]): TermEstimate {
  const gains = values.filter((value) => value.gt(0)).reduce((sum, value) => sum.plus(value), ZERO);
  const losses = values.filter((value) => value.lt(0)).reduce((sum, value) => sum.plus(value), ZERO);
  return { gains, losses, net: gains.plus(losses) };
}
