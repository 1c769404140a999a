import { Big } from '../../../common/decimal/decimal';
import { utcDay } from '../../../portfolio/domain/dates';
import type { ReplayResult } from '../../../portfolio/domain/ledger';
import { purchaseWouldReplace, WASH_SALE_WINDOW_DAYS, washSaleDisallowances, washSaleOutlook } from '../../../portfolio/domain/wash-sales';
import { isTaxable } from './facts';
import type { AssetWashSale, HouseholdAccount, HouseholdLot, LotWashSale } from './problem';

type Replayed = Extract<ReplayResult, { ok: true }>;

/** The household's open lots as the ledger left them, basis and tacked holding periods included. */
export function householdLots(replay: Replayed, accounts: HouseholdAccount[]): HouseholdLot[] {
  return accounts.flatMap((account) =>
    (replay.portfolios.get(account.id)?.lots ?? []).map((lot) => ({
      id: lot.id,
      accountId: account.id,
      assetId: lot.assetId,
      quantity: lot.quantity,
      costBasis: lot.costBasis,
      holdingPeriodStart: lot.holdingPeriodStart,
    })),
  );
}

/**
 * The wash-sale facts of a household at asOf, by the ledger's one rule:
 *
 * - per taxable lot at a loss, the part of its loss washSaleDisallowances would disallow if the whole
 *   lot were sold now (replacement shares bought in the 30 days before);
 * - per asset whose purchase now would replace shares sold at a loss (purchaseWouldReplace), the
 *   unreplaced shares of the window and the loss per share a replacement would destroy. The ledger
 *   keeps no loss per unreplaced share, so the largest loss per share among the taxable sales of the
 *   asset in the window is taken, with its term: a buy is never priced below what it may destroy.
 */
export function washSaleFacts(
  replay: Replayed,
  accounts: HouseholdAccount[],
  prices: Map<string, Big>,
  asOf: Date,
): { lotWashSales: LotWashSale[]; assetWashSales: AssetWashSale[] } {
  const outlook = washSaleOutlook(replay.washSaleLots, asOf);
  const taxable = accounts.filter((account) => isTaxable(account.accountType));
  const lotWashSales = householdLots(replay, taxable).flatMap((lot): LotWashSale[] => {
    const price = prices.get(lot.assetId);
    if (!price) return [];
    const gain = lot.quantity.times(price).minus(lot.costBasis);
    if (!gain.lt(0)) return [];
    const [disallowedLoss] = washSaleDisallowances(outlook, lot.assetId, [{ lotId: lot.id, quantity: lot.quantity, gain }]);
    return disallowedLoss.gt(0) ? [{ lotId: lot.id, disallowedLoss }] : [];
  });

  const firstDay = utcDay(asOf) - WASH_SALE_WINDOW_DAYS;
  const recentLosses = taxable
    .flatMap((account) => replay.portfolios.get(account.id)?.realizedGains ?? [])
    .filter((gain) => gain.taxable && gain.gain.lt(0) && utcDay(gain.disposedAt) >= firstDay);
  const assetWashSales = [...prices.keys()].sort().flatMap((assetId): AssetWashSale[] => {
    if (!purchaseWouldReplace(replay.unreplacedLosses, assetId, asOf)) return [];
    const quantity = replay.unreplacedLosses
      .filter((loss) => loss.assetId === assetId && loss.saleDay >= firstDay)
      .reduce((sum, loss) => sum.plus(loss.quantity), new Big(0));
    const worst = recentLosses
      .filter((gain) => gain.assetId === assetId)
      .map((gain) => ({ lossPerUnit: gain.gain.abs().div(gain.quantity), term: gain.term }))
      .sort((a, b) => b.lossPerUnit.cmp(a.lossPerUnit))[0];
    return worst ? [{ assetId, quantity, lossPerUnit: worst.lossPerUnit, term: worst.term }] : [];
  });
  return { lotWashSales, assetWashSales };
}
