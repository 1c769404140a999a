import { Big } from '../../common/decimal/decimal';
import { replayLedger, type LedgerPortfolio, type LedgerTransaction, type OpenLot, type RealizedGain } from './ledger';

/** A SELL that is only being considered: made now, at the current price, without a fee. */
export interface HypotheticalSale {
  /** A UUID of the caller's choosing, unique among the sales and the history: the gains come back under it. */
  id: string;
  assetId: string;
  quantity: Big;
  price: Big;
}

/**
 * What the given SELLs would realize if made at `at`, by replaying the user's history with them
 * appended, so they follow the portfolio's lot method and the wash-sale rule exactly as a recorded
 * SELL would. Returns each sale's realized gains under its own id: several sales of one trade (the
 * assets of a class) each get only their own. In a SPECIFIC_ID portfolio the sales name the oldest
 * open lots first, `openLots` being that portfolio's lots now.
 */
export function estimateSales(
  portfolios: LedgerPortfolio[],
  history: LedgerTransaction[],
  portfolioId: string,
  sales: HypotheticalSale[],
  at: Date,
  openLots: OpenLot[],
): Map<string, RealizedGain[]> {
  const specificId = portfolios.find((portfolio) => portfolio.id === portfolioId)?.lotMethod === 'SPECIFIC_ID';
  const unpicked = new Map(openLots.map((lot) => [lot.id, lot.quantity]));
  const oldestFirst = [...openLots].sort((a, b) => a.acquiredAt.getTime() - b.acquiredAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  let sequence = history.reduce((max, tx) => Math.max(max, tx.sequence), 0);
  const appended: LedgerTransaction[] = sales.map((sale) => ({
    id: sale.id,
    portfolioId,
    type: 'SELL',
    executedAt: at,
    sequence: ++sequence,
    assetId: sale.assetId,
    quantity: sale.quantity,
    price: sale.price,
    fee: new Big(0),
    lots: specificId ? pickOldestLots(oldestFirst, unpicked, sale.assetId, sale.quantity) : undefined,
  }));
  const result = replayLedger(portfolios, [...history, ...appended]);
  if (!result.ok) throw new Error(`estimating sales failed: ${result.violation.message}`);
  const gains = result.portfolios.get(portfolioId)?.realizedGains ?? [];
  return new Map(sales.map((sale) => [sale.id, gains.filter((gain) => gain.sellTransactionId === sale.id)]));
}

/** Takes lots oldest first, consuming what earlier picks already took. */
function pickOldestLots(lots: OpenLot[], unpicked: Map<string, Big>, assetId: string, quantity: Big): { lotId: string; quantity: Big }[] {
  const picks: { lotId: string; quantity: Big }[] = [];
  let left = quantity;
  for (const lot of lots) {
    if (left.lte(0)) break;
    const free = unpicked.get(lot.id) ?? new Big(0);
    if (lot.assetId !== assetId || free.lte(0)) continue;
    const take = free.lt(left) ? free : left;
    picks.push({ lotId: lot.id, quantity: take });
    unpicked.set(lot.id, free.minus(take));
    left = left.minus(take);
  }
  return picks;
}
