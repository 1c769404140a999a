import { Big, sumOf } from '../../common/decimal/decimal';
import { DEFAULT_ACCOUNT_TYPE, isTaxAdvantaged } from './account-types';
import { termOf } from './dates';
import { deriveId } from './ids';
import { replayLedger, type LedgerPortfolio, type LedgerTransaction, type OpenLot, type RealizedGain } from './ledger';
import { reliefOrders, relieve, type LotState } from './lots';

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

/**
 * What estimateSales answers, from the portfolio's open lots alone: exact when no purchase in any
 * of the taxpayer's portfolios falls in the wash-sale window of a sale at `at` (the caller's to
 * know; then no loss of these sales can be disallowed) and nothing in the history is dated after
 * `at`. The lots are the replay's own result, so relieving them in the lot method's order gives
 * the rows a replay with the sales appended would, without reading or replaying the history.
 * null when the lots cannot decide: lots of a sold asset acquired at the same instant are ordered
 * by their opening transactions, which open lots do not carry; or a sale exceeds what is held.
 */
export function estimateSalesFromOpenLots(
  portfolio: LedgerPortfolio,
  openLots: OpenLot[],
  sales: HypotheticalSale[],
  at: Date,
): Map<string, RealizedGain[]> | null {
  const soldAssets = new Set(sales.map((sale) => sale.assetId));
  const acquired = new Set<string>();
  for (const lot of openLots) {
    if (!soldAssets.has(lot.assetId)) continue;
    const key = `${lot.assetId}@${lot.acquiredAt.getTime()}`;
    if (acquired.has(key)) return null;
    acquired.add(key);
  }
  // Only the fields relief reads; with every acquiredAt distinct, openSequence never decides an order.
  // Named one by one rather than spread: the open lots are often TaxLot entities, and spreading a
  // class instance (its relations included) was the largest cost of a what-if's tax estimate.
  const lots: LotState[] = openLots
    .filter((lot) => soldAssets.has(lot.assetId))
    .map((lot) => ({
      id: lot.id,
      portfolioId: lot.portfolioId,
      assetId: lot.assetId,
      quantity: lot.quantity,
      costBasis: lot.costBasis,
      acquiredAt: lot.acquiredAt,
      holdingPeriodStart: lot.holdingPeriodStart,
      washSaleAdjustment: lot.washSaleAdjustment,
      openedBy: lot.id,
      openSequence: 0,
      purchased: false,
      replacementUsed: false,
    }));
  const taxable = !isTaxAdvantaged(portfolio.accountType ?? DEFAULT_ACCOUNT_TYPE);
  const gains = new Map<string, RealizedGain[]>();
  for (const sale of sales) {
    const held = lots.filter((lot) => lot.assetId === sale.assetId && lot.quantity.gt(0));
    if (sumOf(held.map((lot) => lot.quantity)).lt(sale.quantity)) return null;
    // SPECIFIC_ID sales name the oldest open lots first (as estimateSales does), which is FIFO's order here.
    const ordered = held.sort(reliefOrders[portfolio.lotMethod === 'SPECIFIC_ID' ? 'FIFO' : portfolio.lotMethod]);
    const rows: RealizedGain[] = [];
    let remaining = sale.quantity;
    for (const lot of ordered) {
      if (remaining.eq(0)) break;
      const quantity = lot.quantity.lt(remaining) ? lot.quantity : remaining;
      remaining = remaining.minus(quantity);
      const holdingPeriodStart = lot.holdingPeriodStart;
      const costBasis = relieve(lot, quantity);
      const proceeds = quantity.times(sale.price);
      const gain = proceeds.minus(costBasis);
      rows.push({
        id: deriveId(sale.id, lot.id),
        portfolioId: portfolio.id,
        sellTransactionId: sale.id,
        lotId: lot.id,
        assetId: sale.assetId,
        quantity,
        proceeds,
        costBasis,
        gain,
        washSaleDisallowed: new Big(0),
        washSaleLostForGood: new Big(0),
        reportableGain: gain,
        acquiredAt: holdingPeriodStart,
        disposedAt: at,
        term: termOf(holdingPeriodStart, at),
        taxable,
      });
    }
    gains.set(sale.id, rows);
  }
  return gains;
}
