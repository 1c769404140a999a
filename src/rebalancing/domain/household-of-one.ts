import { Big, sumOf } from '../../common/decimal/decimal';
import { DEFAULT_ACCOUNT_TYPE } from '../../portfolio/domain/account-types';
import { purchaseWouldReplace } from '../../portfolio/domain/wash-sales';
import { compareText } from './lot-order';
import {
  DEFAULT_AVOID_SHORT_TERM_WITHIN_DAYS,
  DEFAULT_OBJECTIVE_WEIGHTS,
  classWeightsFrom,
  singleClass,
  type AssetWashSale,
  type HouseholdAsset,
  type HouseholdProblem,
  type HouseholdTarget,
  type LotWashSale,
  type Proposal,
  type Restriction,
  type TaxRates,
} from './household-solver/problem';
import { checkedStart, type ChosenBuy, type ChosenSell, type GeneratorInput } from './suggestions';
import { CASH_CLASS } from './what-if';

const ZERO = new Big(0);
const HUNDRED = new Big(100);

/**
 * One portfolio as the household solver plans it: the suggestion generator's own input (the same
 * holdings, targets, catalogue and options), the account's id, the household's tax rates and its
 * wash-sale facts (washSaleFacts over the household, empty without recent purchases or loss sales).
 */
export interface HouseholdOfOneInput {
  portfolio: GeneratorInput;
  accountId: string;
  rates: TaxRates;
  lotWashSales: LotWashSale[];
  assetWashSales: AssetWashSale[];
}

/** The id of the stand-in asset that buys value into a class no held or preferred asset is wholly in. */
const CLASS_LEVEL = 'class-level:';
const classLevelId = (assetClass: string) => `${CLASS_LEVEL}${assetClass}`;

/**
 * The household problem of one account whose plan means what the portfolio's suggestion options
 * say:
 *
 * - TO_TARGET brings a class outside its band (at the total after the cash flow) to its target and
 *   asks of a class inside its band only that it stays there (aimAtTarget false); TO_BAND is the
 *   solver's WITHIN_BANDS.
 * - A held class without a target has a target of 0 and the portfolio's untargeted band.
 * - The cash flow is in the account's cash: a deposit to invest, or a withdrawal the trades raise,
 *   as cash may never end below 0. With a cash flow, cash aims at its target, and so do the classes
 *   a deposit can buy toward theirs (under target) or a withdrawal sell toward theirs (over it).
 * - allowSells false is DO_NOT_SELL on every held asset.
 * - Buys go to a target's preferred asset when it is priced and no recent loss sale makes buying it
 *   a wash sale, else to the held assets and the catalogue given; a targeted class none of them is
 *   wholly in is bought as value (a stand-in asset at a price of 1: a class-level BUY).
 * - taxAware false prices no tax (and chosenTrades relieves lots FIFO); a buy that would wash out a
 *   recent loss is allowed at the tax of the loss it destroys (PRICE), so it is chosen only when no
 *   other asset can do its work, as the generator does.
 * - Losses order the lots a needed sale relieves but never pay for a sale on their own
 *   (harvestLosses false): suggestions rebalance, and harvesting has its own route.
 * - Asset location is meaningless within one account: no penalties.
 *
 * Throws the generator's GeneratorError for input it refuses (a withdrawal beyond the portfolio).
 */
export function householdOfOne(input: HouseholdOfOneInput): HouseholdProblem {
  const { portfolio } = input;
  const { before, totalAfter } = checkedStart(portfolio);
  const priced = portfolio.holdings.filter((holding) => holding.price?.gt(0));
  const assets = new Map<string, HouseholdAsset>();
  for (const holding of priced)
    assets.set(holding.assetId, { id: holding.assetId, price: holding.price!, classWeights: classWeightsFrom(holding.assetType, holding.classWeights) });
  for (const listed of portfolio.catalogue) {
    if (listed.price?.gt(0) && !assets.has(listed.assetId)) {
      assets.set(listed.assetId, { id: listed.assetId, price: listed.price, classWeights: classWeightsFrom(listed.assetType, listed.classWeights) });
    }
  }

  const washing = new Set(input.assetWashSales.map((sale) => sale.assetId));
  const restrictions: Restriction[] = portfolio.allowSells ? [] : priced.map((holding) => ({ assetId: holding.assetId, kind: 'DO_NOT_SELL' }));
  for (const target of portfolio.targets) {
    if (target.assetType === CASH_CLASS) continue;
    const preferred = target.preferredAssetId === null ? undefined : assets.get(target.preferredAssetId);
    if (preferred && !(portfolio.taxAware && washing.has(preferred.id))) {
      for (const other of assets.values()) {
        if (other.id !== preferred.id && isWhollyIn(other, target.assetType)) restrictions.push({ assetId: other.id, kind: 'DO_NOT_BUY' });
      }
    }
    if (![...assets.values()].some((asset) => isWhollyIn(asset, target.assetType))) {
      assets.set(classLevelId(target.assetType), { id: classLevelId(target.assetType), price: new Big(1), classWeights: singleClass(target.assetType) });
    }
  }

  const at = (percentage: Big) => totalAfter.times(percentage).div(HUNDRED);
  const targets: HouseholdTarget[] = before.items.map((item) => {
    const lowerPercentage = item.targetPercentage.minus(item.tolerancePercentage);
    const lower = lowerPercentage.gt(0) ? at(lowerPercentage) : ZERO;
    const upper = at(item.targetPercentage.plus(item.tolerancePercentage));
    const outside = item.currentValue.lt(lower) || item.currentValue.gt(upper);
    // A cash flow moves cash to its target and the classes it can move toward theirs: a deposit is
    // invested in the classes under target and a withdrawal raised from those over it, as the
    // generator does; a class on the other side keeps its value.
    const target = at(item.targetPercentage);
    const flowAims =
      item.assetType === CASH_CLASS
        ? !portfolio.cashFlow.eq(0)
        : (portfolio.cashFlow.gt(0) && item.currentValue.lt(target)) || (portfolio.cashFlow.lt(0) && item.currentValue.gt(target));
    return {
      assetClass: item.assetType,
      targetPercentage: item.targetPercentage,
      tolerancePercentage: item.tolerancePercentage,
      aimAtTarget: outside || flowAims,
    };
  });

  const lots = priced.flatMap((holding) =>
    holding.lots.map((lot) => ({
      id: lot.lotId,
      accountId: input.accountId,
      assetId: holding.assetId,
      quantity: lot.quantity,
      costBasis: lot.costBasis,
      holdingPeriodStart: lot.holdingPeriodStart,
    })),
  );
  // Orders cost nothing of their own here: a portfolio's suggestions never promised the fewest orders,
  // and without that cost (and without a minimum trade or whole units) the plan is a linear program.
  const taxWeights = portfolio.taxAware ? {} : { tax: ZERO, shortTermSoonLong: ZERO };
  const weights = { ...DEFAULT_OBJECTIVE_WEIGHTS, trades: ZERO, ...taxWeights };
  return {
    accounts: [
      { id: input.accountId, accountType: portfolio.accountType ?? DEFAULT_ACCOUNT_TYPE, cash: portfolio.cash.plus(portfolio.cashFlow), cashReserve: ZERO },
    ],
    assets: [...assets.values()].sort((a, b) => compareText(a.id, b.id)),
    lots,
    targets,
    restrictions,
    substitutes: {},
    budget: {},
    rates: input.rates,
    locationPenalties: {},
    lotWashSales: portfolio.taxAware ? input.lotWashSales.filter((sale) => lots.some((lot) => lot.id === sale.lotId)) : [],
    assetWashSales: portfolio.taxAware ? input.assetWashSales : [],
    options: {
      mode: portfolio.strategy === 'TO_BAND' ? 'WITHIN_BANDS' : 'TO_TARGET',
      wholeUnits: !portfolio.fractional,
      minTradeValue: portfolio.minTradeValue,
      avoidShortTermWithinDays: DEFAULT_AVOID_SHORT_TERM_WITHIN_DAYS,
      asOf: portfolio.now,
      washSaleBuys: 'PRICE',
      weights,
      harvestLosses: false,
    },
  };
}

/**
 * The solver's proposal as trades for describeTrades: sells by asset with their lots, buys by
 * asset, a stand-in's buy as value to buy into its class. Without tax awareness the units sold of
 * each asset are relieved FIFO (oldest holding period first), whichever lots the solver named: the
 * solver priced no tax, so its choice among lots is arbitrary, and FIFO is what taxAware false
 * promises. The units per asset, so cash and drift, are the solver's.
 */
export function chosenTrades(input: HouseholdOfOneInput, proposal: Proposal): { sells: ChosenSell[]; buys: ChosenBuy[] } {
  const { portfolio } = input;
  const holdings = new Map(portfolio.holdings.map((holding) => [holding.assetId, holding]));
  const soldByAsset = new Map<string, Array<{ lotId: string; quantity: Big }>>();
  for (const sell of proposal.sells) soldByAsset.set(sell.assetId, [...(soldByAsset.get(sell.assetId) ?? []), { lotId: sell.lotId, quantity: sell.quantity }]);
  const sells = [...soldByAsset.entries()].map(([assetId, lots]): ChosenSell => {
    if (portfolio.taxAware) return { assetId, lots };
    let left = sumOf(lots.map((lot) => lot.quantity));
    const fifo = [...holdings.get(assetId)!.lots].sort(
      (a, b) => a.holdingPeriodStart.getTime() - b.holdingPeriodStart.getTime() || compareText(a.lotId, b.lotId),
    );
    const relieved: Array<{ lotId: string; quantity: Big }> = [];
    for (const lot of fifo) {
      if (left.eq(0)) break;
      const quantity = lot.quantity.lt(left) ? lot.quantity : left;
      relieved.push({ lotId: lot.lotId, quantity });
      left = left.minus(quantity);
    }
    return { assetId, lots: relieved };
  });

  const catalogue = new Map(portfolio.catalogue.map((listed) => [listed.assetId, listed]));
  const buys = proposal.buys.map((buy): ChosenBuy => {
    const assetClass = buy.assetId.startsWith(CLASS_LEVEL) ? buy.assetId.slice(CLASS_LEVEL.length) : null;
    if (assetClass !== null) return { assetType: assetClass, assetId: null, quantity: null, value: buy.quantity, insteadOf: null };
    const known = holdings.get(buy.assetId) ?? catalogue.get(buy.assetId);
    if (!known?.price) throw new Error(`chosenTrades: ${buy.assetId} was bought but is neither held nor listed with a price`);
    return {
      assetType: known.assetType,
      assetId: buy.assetId,
      quantity: buy.quantity,
      value: buy.quantity.times(known.price),
      insteadOf: boughtInsteadOf(portfolio, known.assetType, buy.assetId),
    };
  });
  return { sells, buys };
}

/**
 * The symbol of the class's natural buy (its preferred asset, else a held one) when a loss sale in
 * the last 30 days makes buying it a wash sale and another asset was bought: what the reason names.
 */
function boughtInsteadOf(portfolio: GeneratorInput, assetClass: string, bought: string): string | null {
  const preferred = portfolio.targets.find((target) => target.assetType === assetClass)?.preferredAssetId ?? null;
  const natural = [preferred, ...portfolio.holdings.filter((holding) => holding.assetType === assetClass).map((holding) => holding.assetId)];
  const washed = natural.find((id) => id !== null && id !== bought && purchaseWouldReplace(portfolio.unreplacedLosses, id, portfolio.now));
  if (!washed) return null;
  return (portfolio.holdings.find((holding) => holding.assetId === washed) ?? portfolio.catalogue.find((listed) => listed.assetId === washed))?.symbol ?? null;
}

function isWhollyIn(asset: HouseholdAsset, assetClass: string): boolean {
  return asset.classWeights.length === 1 && asset.classWeights[0].assetClass === assetClass;
}
