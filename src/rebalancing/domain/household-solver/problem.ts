import { Big } from '../../../common/decimal/decimal';
import type { AccountType } from '../../../portfolio/domain/account-types';
import type { Term } from '../../../portfolio/domain/ledger';

/** The class cash is counted in, as in drift.ts. */
export const CASH_CLASS = 'cash';

export interface HouseholdAccount {
  id: string;
  accountType: AccountType;
  cash: Big;
  /** Cash the account keeps whatever the plan: no trade may take it below this. */
  cashReserve: Big;
}

export interface ClassWeight {
  assetClass: string;
  /** 0..1; the weights of one asset sum to exactly 1. */
  weight: Big;
}

export interface HouseholdAsset {
  id: string;
  /** > 0: the price every trade of the plan is made at. */
  price: Big;
  /** A look-through fund's breakdown; a plain asset has one weight of 1. */
  classWeights: ClassWeight[];
}

export interface HouseholdLot {
  id: string;
  accountId: string;
  assetId: string;
  quantity: Big;
  /** Basis of the open quantity, wash-sale adjustments included (the ledger's OpenLot.costBasis). */
  costBasis: Big;
  holdingPeriodStart: Date;
}

export interface HouseholdTarget {
  assetClass: string;
  /** 0..100; a set sums to 100. */
  targetPercentage: Big;
  /** Absolute band in percentage points. */
  tolerancePercentage: Big;
  /**
   * TO_TARGET only; absent means true. False: the class need only end within its band, and its
   * distance to target costs nothing (a single portfolio's class that starts within its band, which
   * its TO_TARGET strategy leaves where it is unless the trades need it).
   */
  aimAtTarget?: boolean;
}

export type RestrictionKind = 'DO_NOT_BUY' | 'DO_NOT_SELL' | 'HOLD';

export interface Restriction {
  assetId: string;
  /** Absent: in every account of the household. */
  accountId?: string;
  kind: RestrictionKind;
}

export interface GainBudget {
  /** Net short-term gain the plan may realize in taxable accounts. */
  maxShortTermGain?: Big;
  maxLongTermGain?: Big;
  /** Estimated tax of the plan (losses count as savings). */
  maxTax?: Big;
}

export interface TaxRates {
  /** 0..1, e.g. 0.37. */
  shortTerm: Big;
  longTerm: Big;
}

/** Per dollar held after the plan, by class and account type: see DEFAULT_LOCATION_PENALTIES. */
export type LocationPenalties = Record<string, Partial<Record<AccountType, Big>>>;

/** A lot whose loss the ledger would partly or wholly disallow if sold now (washSaleDisallowances over the whole lot). */
export interface LotWashSale {
  lotId: string;
  /** > 0. */
  disallowedLoss: Big;
}

/**
 * An asset whose purchase now would replace shares sold at a loss in the last 30 days that no purchase
 * replaced yet (purchaseWouldReplace): buying it would disallow that loss.
 */
export interface AssetWashSale {
  assetId: string;
  /** Unreplaced shares sold at a loss: a buy beyond them destroys nothing more. */
  quantity: Big;
  /** The loss per share each replacing share destroys. */
  lossPerUnit: Big;
  term: Term;
}

export type RebalanceMode = 'WITHIN_BANDS' | 'TO_TARGET';

/**
 * What a buy that would wash out a recent loss does: SUBSTITUTE forbids it, so the class is bought
 * through the asset's substitutes; PRICE allows it and counts the tax of the loss it destroys.
 */
export type WashSaleBuyPolicy = 'SUBSTITUTE' | 'PRICE';

/**
 * The objective, in cost per dollar (per dollar of gain for shortTermSoonLong, per trade for
 * trades). The defaults (DEFAULT_OBJECTIVE_WEIGHTS) rank the goals: a dollar outside a band costs
 * far more than any tax a dollar of sale can raise, so the bands are reached whenever the hard
 * constraints allow; tax is counted at its estimate; the rest only breaks ties.
 */
export interface ObjectiveWeights {
  /**
   * Per dollar of a class beyond its band, household-wide. Against an order's weight of 1 this
   * means a household is left outside a band only by less than a cent per order it would take to
   * close it: a rule that matters for households worth a few dollars, not for real ones.
   */
  drift: Big;
  /** Per dollar of a class away from its target (TO_TARGET only). */
  distance: Big;
  /** Per dollar of estimated tax (a loss's saving counts negative). */
  tax: Big;
  /** Multiplies the location penalty table. */
  location: Big;
  /** Per dollar traded. */
  turnover: Big;
  /** Per order (one account, one asset, one side). */
  trades: Big;
  /** Per dollar of short-term gain on a lot that turns long-term within avoidShortTermWithinDays. */
  shortTermSoonLong: Big;
  /** Per dollar bought of an asset, times its rank in a substitutes list (0 for an asset nobody's substitute). */
  substituteRank: Big;
}

export interface SolveOptions {
  mode: RebalanceMode;
  wholeUnits: boolean;
  /** >= 0; an order worth less is not made. */
  minTradeValue: Big;
  maxTrades?: number;
  /** Short-term gains on lots turning long-term within this many days are avoided unless needed. */
  avoidShortTermWithinDays: number;
  /** The moment the plan is for: terms and the wash-sale facts are as of it. */
  asOf: Date;
  washSaleBuys: WashSaleBuyPolicy;
  weights: ObjectiveWeights;
  /**
   * Absent means true: a loss counts as the tax it saves, so the plan may sell at a loss only to
   * save tax (harvest). False: losses only order the lots a needed sale relieves (the biggest loss
   * per dollar first) and never pay for a trade on their own, and a lot whose loss would be a wash
   * sale is sold last, as a single portfolio's tax-aware suggestions promise (they rebalance and
   * avoid wash sales; harvesting has its own route).
   */
  harvestLosses?: boolean;
}

export interface HouseholdProblem {
  accounts: HouseholdAccount[];
  assets: HouseholdAsset[];
  lots: HouseholdLot[];
  targets: HouseholdTarget[];
  restrictions: Restriction[];
  /** assetId → replacement assets, best first. */
  substitutes: Record<string, string[]>;
  budget: GainBudget;
  rates: TaxRates;
  locationPenalties: LocationPenalties;
  lotWashSales: LotWashSale[];
  assetWashSales: AssetWashSale[];
  options: SolveOptions;
}

export interface PlannedSell {
  lotId: string;
  accountId: string;
  assetId: string;
  quantity: Big;
  reason: string;
}

export interface PlannedBuy {
  accountId: string;
  assetId: string;
  quantity: Big;
  reason: string;
}

export interface Proposal {
  sells: PlannedSell[];
  buys: PlannedBuy[];
}

const b = (value: string) => new Big(value);

/**
 * Yearly drag per dollar of a class by account type, a rule-of-thumb asset location: bonds and
 * REITs pay ordinary income, so they belong in tax-deferred accounts; the highest-growth class
 * (stock) belongs where growth is never taxed (tax-exempt); broad equity is tax-efficient (qualified
 * dividends, long-term gains), so a taxable account suits it better than a tax-deferred one, which
 * would turn its gains into ordinary income. Small next to tax and drift: it decides where a trade
 * goes, rarely whether it is made. Classes not listed are indifferent.
 */
export const DEFAULT_LOCATION_PENALTIES: LocationPenalties = {
  bond: { TAX_DEFERRED: b('0'), TAX_EXEMPT: b('0.002'), TAXABLE: b('0.004') },
  reit: { TAX_DEFERRED: b('0'), TAX_EXEMPT: b('0.001'), TAXABLE: b('0.004') },
  stock: { TAX_EXEMPT: b('0'), TAXABLE: b('0.001'), TAX_DEFERRED: b('0.002') },
};

export const DEFAULT_OBJECTIVE_WEIGHTS: ObjectiveWeights = {
  drift: b('100'),
  distance: b('1'),
  tax: b('1'),
  location: b('1'),
  turnover: b('0.0005'),
  trades: b('1'),
  shortTermSoonLong: b('0.1'),
  substituteRank: b('0.0001'),
};

export const DEFAULT_AVOID_SHORT_TERM_WITHIN_DAYS = 30;

/** A class breakdown of one asset: its weights, or 100 % of a single class. */
export function singleClass(assetClass: string): ClassWeight[] {
  return [{ assetClass, weight: new Big(1) }];
}

/**
 * A look-through fund's breakdown as the solver takes it: the catalogue stores percentages (0..100,
 * summing to exactly 100), the solver weights (0..1, summing to exactly 1), so each is divided by 100,
 * which is exact in decimal. An asset without a breakdown is wholly its assetType.
 */
export function classWeightsFrom(assetType: string, shares: ReadonlyArray<{ assetType: string; percentage: Big }> | null | undefined): ClassWeight[] {
  if (!shares || shares.length === 0) return singleClass(assetType);
  return shares.map((share) => ({ assetClass: share.assetType, weight: share.percentage.div(100) }));
}
