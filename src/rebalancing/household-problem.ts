import { Big, parseDecimal } from '../common/decimal/decimal';
import type { HouseholdReplay } from '../portfolio/ledger.service';
import type { Asset } from '../portfolio/entities/asset.entity';
import { effectiveBand } from './domain/drift';
import { householdLots, washSaleFacts } from './domain/household-solver/ledger-facts';
import {
  DEFAULT_AVOID_SHORT_TERM_WITHIN_DAYS,
  DEFAULT_OBJECTIVE_WEIGHTS,
  classWeightsFrom,
  type HouseholdAccount,
  type HouseholdAsset,
  type HouseholdProblem,
} from './domain/household-solver/problem';
import type { HouseholdTargetAllocation } from './entities/household-target-allocation.entity';
import type { HouseholdPlanOptions, HouseholdPlanRequest } from './household-plan-types';
import type { HouseholdPlanningInputs } from './household-preferences.service';
import { toTargetBand } from './targets.service';

const HUNDRED = new Big(100);
/**
 * The request's options with every default filled in, and the household's rates as fractions (it
 * stores percent: 37 is 37 %): what the plan is solved with and what it shows and stores.
 */
export function resolveOptions(request: HouseholdPlanRequest, rates: { shortTermRate: Big; longTermRate: Big }): HouseholdPlanOptions {
  const w = DEFAULT_OBJECTIVE_WEIGHTS;
  return {
    mode: request.mode ?? 'TO_TARGET',
    wholeUnits: request.wholeUnits ?? false,
    minTradeValue: request.minTradeValue ?? '0',
    maxTrades: request.maxTrades ?? null,
    maxShortTermGain: request.maxShortTermGain ?? null,
    maxLongTermGain: request.maxLongTermGain ?? null,
    maxTax: request.maxTax ?? null,
    avoidShortTermWithinDays: request.avoidShortTermWithinDays ?? DEFAULT_AVOID_SHORT_TERM_WITHIN_DAYS,
    cashReserve: request.cashReserve ?? '0',
    washSaleBuys: request.washSaleBuys ?? 'SUBSTITUTE',
    weightDrift: request.weightDrift ?? w.drift.toFixed(),
    weightDistance: request.weightDistance ?? w.distance.toFixed(),
    weightTax: request.weightTax ?? w.tax.toFixed(),
    weightLocation: request.weightLocation ?? w.location.toFixed(),
    weightTurnover: request.weightTurnover ?? w.turnover.toFixed(),
    weightTrades: request.weightTrades ?? w.trades.toFixed(),
    weightShortTermSoonLong: request.weightShortTermSoonLong ?? w.shortTermSoonLong.toFixed(),
    shortTermRate: rates.shortTermRate.div(HUNDRED).toFixed(),
    longTermRate: rates.longTermRate.div(HUNDRED).toFixed(),
  };
}

/** A catalogue asset with the price the plan trades it at (> 0). */
export interface PricedCandidate {
  asset: Asset;
  price: Big;
}

export interface ProblemInput {
  household: HouseholdReplay;
  targets: HouseholdTargetAllocation[];
  /** Every asset the plan may hold or trade, priced; lots of an asset not listed are left out. */
  assets: PricedCandidate[];
  inputs: HouseholdPlanningInputs;
  options: HouseholdPlanOptions;
  asOf: Date;
}

/** The household as the solver sees it: its accounts' cash and open lots from the ledger's replay, the targets with their effective bands, and the options. */
export function householdProblem(input: ProblemInput): HouseholdProblem {
  const { household, options } = input;
  const reserve = parseDecimal(options.cashReserve);
  const accounts: HouseholdAccount[] = household.accounts.map((account) => ({
    id: account.id,
    accountType: account.accountType,
    cash: household.replay.portfolios.get(account.id)?.cash ?? new Big(0),
    cashReserve: reserve,
  }));
  const assets: HouseholdAsset[] = input.assets.map(({ asset, price }) => ({
    id: asset.id,
    price,
    classWeights: classWeightsFrom(asset.assetType, asset.classWeights),
  }));
  const prices = new Map(assets.map((asset) => [asset.id, asset.price]));
  const lots = householdLots(household.replay, accounts).filter((lot) => prices.has(lot.assetId));
  const washSales = washSaleFacts(household.replay, accounts, prices, input.asOf);
  const decimal = (value: string | null) => (value === null ? undefined : parseDecimal(value));
  return {
    accounts,
    assets,
    lots,
    targets: input.targets.map((target) => ({
      assetClass: target.assetType,
      targetPercentage: target.targetPercentage,
      tolerancePercentage: effectiveBand(toTargetBand(target)),
    })),
    restrictions: input.inputs.restrictions,
    substitutes: input.inputs.substitutes,
    locationPenalties: input.inputs.locationPenalties,
    budget: { maxShortTermGain: decimal(options.maxShortTermGain), maxLongTermGain: decimal(options.maxLongTermGain), maxTax: decimal(options.maxTax) },
    rates: { shortTerm: parseDecimal(options.shortTermRate), longTerm: parseDecimal(options.longTermRate) },
    ...washSales,
    options: {
      mode: options.mode,
      wholeUnits: options.wholeUnits,
      minTradeValue: parseDecimal(options.minTradeValue),
      maxTrades: options.maxTrades ?? undefined,
      avoidShortTermWithinDays: options.avoidShortTermWithinDays,
      asOf: input.asOf,
      washSaleBuys: options.washSaleBuys,
      weights: {
        ...DEFAULT_OBJECTIVE_WEIGHTS,
        drift: parseDecimal(options.weightDrift),
        distance: parseDecimal(options.weightDistance),
        tax: parseDecimal(options.weightTax),
        location: parseDecimal(options.weightLocation),
        turnover: parseDecimal(options.weightTurnover),
        trades: parseDecimal(options.weightTrades),
        shortTermSoonLong: parseDecimal(options.weightShortTermSoonLong),
      },
    },
  };
}
