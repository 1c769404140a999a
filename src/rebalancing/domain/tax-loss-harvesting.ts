import { Big } from '../../common/decimal/decimal';
import { DEFAULT_ACCOUNT_TYPE, isTaxAdvantaged, type AccountType } from '../../portfolio/domain/account-types';
import { termOf } from '../../portfolio/domain/dates';
import type { Term } from '../../portfolio/domain/ledger';
import type { CatalogueAsset, OpenLotInput } from './suggestions';
import { washSaleDisallowances, washSaleOutlook, washSaleReplacements, type WashSaleLot } from '../../portfolio/domain/wash-sales';
import { washSaleSafeAfter } from './wash-sale-window';

export interface HarvestLot extends OpenLotInput {
  assetId: string;
  symbol: string;
  assetType: string;
}

export interface HarvestInput {
  lots: HarvestLot[];
  /** assetId → current price; a lot without one is skipped. */
  prices: Map<string, Big>;
  catalogue: CatalogueAsset[];
  /** The user's open lots in all portfolios, as the ledger's wash-sale rule sees them (ReplayResult.washSaleLots). */
  washSaleLots: WashSaleLot[];
  now: Date;
  /** The smallest loss worth harvesting, in money. */
  minLoss: Big;
  /** The smallest loss worth harvesting, in percent of the lot's basis. */
  minLossPercent: Big;
  /** Tax rates as fractions (0.37 for 37%), by the term of the loss. */
  shortTermRate: Big;
  longTermRate: Big;
  /** The lots' account type, DEFAULT_ACCOUNT_TYPE when absent: a loss in a tax-advantaged account saves no tax, so none is listed. */
  accountType?: AccountType;
}

export interface HarvestOpportunity {
  lotId: string;
  assetId: string;
  symbol: string;
  assetType: string;
  quantity: Big;
  costBasis: Big;
  marketValue: Big;
  /** Positive: costBasis − marketValue. */
  unrealizedLoss: Big;
  /** unrealizedLoss × 100 / costBasis, rounded half-even to 20 places. */
  lossPercent: Big;
  term: Term;
  /** Selling the lot now would be a wash sale: the ledger would disallow some of its loss. */
  washSaleBlocked: boolean;
  /** The part of unrealizedLoss the ledger would disallow if the lot were sold now. */
  washSaleDisallowed: Big;
  /** The first UTC date a sale is no longer a wash sale of the purchases that replace it; null when not blocked. */
  washSaleSafeAfter: Date | null;
  /** Other priced assets of the same class, to stay invested without buying the asset back. */
  replacementCandidates: Array<{ assetId: string; symbol: string }>;
  /** The loss the ledger would allow (unrealizedLoss − washSaleDisallowed) × the rate of its term. */
  estimatedTaxSaving: Big;
}

// A constructor of its own, so the shown percentage is rounded once, half-even at 20 places,
// whatever big.js's global Big.DP and Big.RM say.
const Percent = Big();
Percent.DP = 20;
Percent.RM = Big.roundHalfEven;

/**
 * Open lots whose unrealized loss reaches both thresholds, the largest loss first. The percentage
 * threshold is compared cross-multiplied (loss × 100 against threshold × basis), so the 20-place
 * rounding of the shown percentage never decides whether a lot qualifies.
 */
export function harvestOpportunities(input: HarvestInput): HarvestOpportunity[] {
  if (isTaxAdvantaged(input.accountType ?? DEFAULT_ACCOUNT_TYPE)) return [];
  const outlook = washSaleOutlook(input.washSaleLots, input.now);
  return input.lots
    .flatMap((lot): HarvestOpportunity[] => {
      const price = input.prices.get(lot.assetId);
      if (price === undefined || !lot.quantity.gt(0)) return [];
      const marketValue = lot.quantity.times(price);
      const unrealizedLoss = lot.costBasis.minus(marketValue);
      if (!unrealizedLoss.gt(0) || unrealizedLoss.lt(input.minLoss) || unrealizedLoss.times(100).lt(input.minLossPercent.times(lot.costBasis))) {
        return [];
      }
      const term = termOf(lot.holdingPeriodStart, input.now);
      // The ledger's own rule, asked about selling the whole lot now: the lot's own purchase never replaces it.
      const [washSaleDisallowed] = washSaleDisallowances(outlook, lot.assetId, [{ lotId: lot.lotId, quantity: lot.quantity, gain: unrealizedLoss.neg() }]);
      const blocked = washSaleDisallowed.gt(0);
      const replacements = blocked ? washSaleReplacements(outlook, lot.assetId, lot.lotId) : [];
      const lastBuy = replacements.reduce<Date | undefined>((latest, r) => (latest && latest >= r.acquiredAt ? latest : r.acquiredAt), undefined);
      return [
        {
          lotId: lot.lotId,
          assetId: lot.assetId,
          symbol: lot.symbol,
          assetType: lot.assetType,
          quantity: lot.quantity,
          costBasis: lot.costBasis,
          marketValue,
          unrealizedLoss,
          lossPercent: new Big(new Percent(unrealizedLoss).times(100).div(lot.costBasis)),
          term,
          washSaleBlocked: blocked,
          washSaleDisallowed,
          washSaleSafeAfter: lastBuy === undefined ? null : washSaleSafeAfter(lastBuy),
          replacementCandidates: replacementsFor(lot, input.catalogue),
          // A disallowed loss saves no tax this year: it moves onto the replacement shares' basis.
          estimatedTaxSaving: unrealizedLoss.minus(washSaleDisallowed).times(term === 'LONG' ? input.longTermRate : input.shortTermRate),
        },
      ];
    })
    .sort((a, b) => b.unrealizedLoss.cmp(a.unrealizedLoss) || compareText(a.lotId, b.lotId));
}

function replacementsFor(lot: HarvestLot, catalogue: CatalogueAsset[]): Array<{ assetId: string; symbol: string }> {
  return catalogue
    .filter((asset) => asset.assetType === lot.assetType && asset.assetId !== lot.assetId && asset.price !== null)
    .sort((a, b) => compareText(a.symbol, b.symbol) || compareText(a.assetId, b.assetId))
    .map(({ assetId, symbol }) => ({ assetId, symbol }));
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
