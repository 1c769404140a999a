import type { Big } from '../../common/decimal/decimal';
import type { AccountType } from '../../portfolio/domain/account-types';
import type { Term } from '../../portfolio/domain/ledger';
import type { UnreplacedLoss, WashSaleLot, WashSaleOutlook } from '../../portfolio/domain/wash-sales';
import type { DriftItem, TargetBand } from './drift';
import type { ClassShare } from './what-if';

/*
 * The suggestion generator's vocabulary: its input and output, and the drafts its steps pass on
 * (suggestions.ts runs the algorithm, lot-order.ts orders the lots a sell relieves,
 * suggestion-wording.ts explains each trade).
 */

export type Strategy = 'TO_TARGET' | 'TO_BAND';
export type Priority = 'HIGH' | 'MEDIUM' | 'LOW';
export type TaxImplication = 'GAIN' | 'LOSS' | 'NEUTRAL';

export interface OpenLotInput {
  lotId: string;
  quantity: Big;
  costBasis: Big;
  holdingPeriodStart: Date;
}

export interface GeneratorHolding {
  assetId: string;
  symbol: string;
  assetType: string;
  quantity: Big;
  price: Big | null;
  /** The open lots of this portfolio in the asset; their quantities add up to quantity. */
  lots: OpenLotInput[];
  /**
   * A look-through fund's breakdown: the drift and the class goals count its value by these
   * weights, while the trades treat it as an asset of its assetType (selling it to cut that class
   * also cuts the others it spans, which the what-if projection of the trades then shows).
   */
  classWeights?: readonly ClassShare[];
}

export interface CatalogueAsset {
  assetId: string;
  symbol: string;
  assetType: string;
  price: Big | null;
  /** A look-through fund's breakdown, which the household solver counts by; the generator buys by assetType. */
  classWeights?: readonly ClassShare[];
}

export interface GeneratorInput {
  holdings: GeneratorHolding[];
  cash: Big;
  /** Percentages add up to exactly 100. */
  targets: Array<TargetBand & { preferredAssetId: string | null }>;
  /** The band of a class held without a target (the portfolio's untargetedTolerancePercentage); 0 when absent. */
  untargetedBand?: Big;
  /** Every asset of the targeted classes, held or not, with its price: the candidates to buy. */
  catalogue: CatalogueAsset[];
  strategy: Strategy;
  allowSells: boolean;
  /** A deposit to invest (> 0) or a withdrawal to raise (< 0). */
  cashFlow: Big;
  /** >= 0; trades worth less are left out. */
  minTradeValue: Big;
  /** false: whole units only. */
  fractional: boolean;
  taxAware: boolean;
  now: Date;
  /** The user's open lots in all portfolios, as the ledger's wash-sale rule sees them (ReplayResult.washSaleLots). */
  washSaleLots: WashSaleLot[];
  /** Shares the user sold at a loss that no purchase replaced yet (ReplayResult.unreplacedLosses). */
  unreplacedLosses: UnreplacedLoss[];
  /**
   * The account's tax type, DEFAULT_ACCOUNT_TYPE when absent. A sale in a tax-deferred or
   * tax-exempt account realizes nothing reportable: its SELLs estimate no gain and no wash sale.
   * Its BUYs still can wash out a loss taken in a taxable account of the household.
   */
  accountType?: AccountType;
}

export interface SuggestionLot {
  lotId: string;
  quantity: Big;
  gain: Big;
  term: Term;
  /** The part of a loss the ledger would disallow as a wash sale if this SELL were recorded now. */
  washSaleDisallowed: Big;
}

export interface Suggestion {
  /** null, with symbol and quantity, for value to buy into a class with no asset to buy. */
  assetId: string | null;
  symbol: string | null;
  assetType: string;
  action: 'BUY' | 'SELL';
  quantity: Big | null;
  /** Units held before and after this trade; 0 and 0 for a class-level BUY. */
  currentQuantity: Big;
  suggestedQuantity: Big;
  price: Big | null;
  /** quantity × price exactly; the value to buy for a class-level BUY. */
  estimatedValue: Big;
  priority: Priority;
  taxImplication: TaxImplication;
  /** The lots a SELL relieves, in relief order; empty for a BUY. */
  lots: SuggestionLot[];
  estimatedRealizedGain: { shortTerm: Big; longTerm: Big };
  /** A SELL realizing a loss that no wash sale disallows. */
  taxLossHarvesting: boolean;
  /** A SELL whose loss the ledger would partly or wholly disallow, or a BUY the ledger would take as a replacement for shares sold at a loss. */
  washSale: boolean;
  reason: string;
}

export interface GeneratorResult {
  suggestions: Suggestion[];
  warnings: string[];
}

export class GeneratorError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'GeneratorError';
  }
}

export type PricedHolding = GeneratorHolding & { price: Big };

/** What the generator aims at for one class, in money at the total after the cash flow. */
export interface ClassPlan {
  assetType: string;
  /** The class before the trades and the cash flow, as the drift report shows it: level and reason figures. */
  item: DriftItem;
  targeted: boolean;
  /** The value before the trades; for cash, the balance before the cash flow, which is what is left invested or raised. */
  start: Big;
  target: Big;
  lower: Big;
  upper: Big;
  /** Outside its band at the total after the cash flow, so traded to its target or band in its own right. */
  outside: boolean;
  goal: Big;
  /** The lowest and highest goal the constraints allow: no sells, no cash below zero. */
  floor: Big;
  ceiling: Big | null;
}

export interface Context {
  input: GeneratorInput;
  /** False in a tax-advantaged account: sales there are not taxed. */
  taxable: boolean;
  totalAfter: Big;
  unit: Big;
  washSales: WashSaleOutlook;

  targets: Map<string, GeneratorInput['targets'][number]>;
  warnings: string[];
}

export interface SellDraft {
  plan: ClassPlan;
  holding: PricedHolding;
  /** All the holding's lots, in the order they are relieved. */
  lots: OpenLotInput[];
  quantity: Big;
}

export interface BuyAsset {
  assetId: string;
  symbol: string;
  price: Big;
  held: Big;
}

export interface BuyDraft {
  plan: ClassPlan;
  /** null: no asset of the class is preferred or held. */
  asset: BuyAsset | null;
  /** The symbol of the asset a tax-aware plan buys this one instead of. */
  insteadOf: string | null;
  value: Big;
  quantity: Big | null;
}
