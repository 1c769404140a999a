import { Injectable } from '@nestjs/common';
import type { Principal } from '../auth/principal';
import { Big, parseDecimal, toDecimalString } from '../common/decimal/decimal';
import { ValidationProblem } from '../common/problem/problem';
import { AssetsService } from '../portfolio/assets.service';
import { LedgerService, type WashSaleState } from '../portfolio/ledger.service';
import { PortfoliosService } from '../portfolio/portfolios.service';
import { computeDrift } from './domain/drift';
import { chosenTrades, householdOfOne, type HouseholdOfOneInput } from './domain/household-of-one';
import { washSaleFacts } from './domain/household-solver/ledger-facts';
import { describeTrades, GeneratorError, type GeneratorInput } from './domain/suggestions';
import { harvestOpportunities, type HarvestOpportunity } from './domain/tax-loss-harvesting';
import { lossSales, washSaleWindowStart } from './domain/wash-sale-window';
import { classValues, simulateWhatIf } from './domain/what-if';
import { DriftService, type PlanningSnapshot } from './drift.service';
import type { SolverRun, SuggestionOutcome } from './shown-suggestions';
import type { Asset } from '../portfolio/entities/asset.entity';
import type { Portfolio, RebalanceOptions } from '../portfolio/entities/portfolio.entity';
import { HouseholdsService } from '../portfolio/households.service';
import { HouseholdSolver } from './solver/household-solver.service';
import { CommonErrorCode } from '../common/problem/common-errors';

/** A portfolio's suggestion options, every default filled in: a request's (toSuggestionOptions) or the saved ones of automatic plans. */
export type SuggestionOptions = Pick<GeneratorInput, 'strategy' | 'allowSells' | 'cashFlow' | 'minTradeValue' | 'fractional' | 'taxAware'>;

/** A portfolio's saved options (every default filled in, decimals as shown) with a cash flow. */
export function suggestionOptionsOf(saved: RebalanceOptions, cashFlow: Big): SuggestionOptions {
  return { ...saved, minTradeValue: parseDecimal(saved.minTradeValue), cashFlow };
}

/** What tax-loss harvesting lists: losses at or above both minimums, priced at the rates (fractions: 0.37). */
export interface HarvestCriteria {
  minLoss: Big;
  minLossPercent: Big;
  shortTermRate: Big;
  longTermRate: Big;
}

/** Computed on request, nothing stored: the trades that bring a portfolio back within its bands. */
@Injectable()
export class SuggestionsService {
  constructor(
    private readonly drift: DriftService,
    private readonly portfolios: PortfoliosService,
    private readonly assets: AssetsService,
    private readonly ledger: LedgerService,
    private readonly households: HouseholdsService,
    private readonly solver: HouseholdSolver,
  ) {}

  /**
   * The ledger's wash-sale state: a sale now can be a wash sale only of a purchase in the window, and a
   * purchase now only of a loss sale in it, so without either the replay is skipped.
   */
  private async washSaleState(portfolio: Portfolio, recent: unknown[]): Promise<WashSaleState> {
    return recent.length > 0 ? this.ledger.washSaleState(portfolio.userId, portfolio.id) : { washSaleLots: [], unreplacedLosses: [] };
  }

  async suggest(principal: Principal, portfolioId: string, options: SuggestionOptions): Promise<SuggestionOutcome> {
    return this.suggestFor(principal.userId, portfolioId, options);
  }

  /**
   * The suggestions for the user's portfolio, asked by the user or by the system acting for them
   * (an automatic plan), planned by the household solver as a household of one: the options keep
   * their meaning (householdOfOne), the household's tax rates price the tax, and the other accounts
   * of its household count for wash sales. The trades are told in the generator's words
   * (describeTrades); the generator itself stays as the baseline of the tests and the bench.
   */
  async suggestFor(userId: string, portfolioId: string, options: SuggestionOptions): Promise<SuggestionOutcome> {
    const now = new Date();
    const snapshot = await this.drift.planningSnapshot(userId, portfolioId, washSaleWindowStart(now));
    const { portfolio, targets, bands, holdings, lots, recentActivity: recent } = snapshot;
    const household = await this.households.findOwnedFor(userId, portfolio.householdId);
    // A sale now can be a wash sale only of a purchase in the window, and a purchase now only of a
    // loss sale in it, so without either the household's history is not replayed.
    const replay = recent.length > 0 ? await this.ledger.replayHousehold(household.id) : null;
    // The plan buys a preferred or held asset; the rest of a class is a candidate only to replace
    // one sold at a loss in the last 30 days, so the whole catalogue of the classes is read only then.
    const catalogue =
      lossSales(recent, now).size > 0
        ? await this.assets.ofTypes([...new Set([...targets.map((target) => target.assetType), ...holdings.map((holding) => holding.assetType)])])
        : await this.heldOrPreferred(snapshot);
    const symbolOf = new Map(catalogue.map(({ asset }) => [asset.id, asset.symbol]));
    const { cashFlow } = options;
    const input: GeneratorInput = {
      holdings: holdings.map((holding) => ({
        ...holding,
        symbol: symbolOf.get(holding.assetId) ?? holding.assetId,
        lots: lots
          .filter((lot) => lot.assetId === holding.assetId)
          .map((lot) => ({ lotId: lot.id, quantity: lot.quantity, costBasis: lot.costBasis, holdingPeriodStart: lot.holdingPeriodStart })),
      })),
      cash: portfolio.cash,
      targets: targets.map((target, index) => ({ ...bands[index], preferredAssetId: target.preferredAssetId })),
      untargetedBand: portfolio.untargetedTolerancePercentage,
      catalogue: catalogue.map(({ asset, price }) => ({
        assetId: asset.id,
        symbol: asset.symbol,
        assetType: asset.assetType,
        price,
        classWeights: asset.classWeights ?? [],
      })),
      ...options,
      now,
      washSaleLots: replay?.replay.washSaleLots ?? [],
      unreplacedLosses: replay?.replay.unreplacedLosses ?? [],
      accountType: portfolio.accountType,
    };
    const prices = new Map(catalogue.flatMap(({ asset, price }) => (price?.gt(0) ? [[asset.id, price] as const] : [])));
    const oneAccount: HouseholdOfOneInput = {
      portfolio: input,
      accountId: portfolio.id,
      rates: { shortTerm: household.shortTermRate.div(100), longTerm: household.longTermRate.div(100) },
      ...(replay
        ? washSaleFacts(
            replay.replay,
            replay.accounts.map((account) => ({ id: account.id, accountType: account.accountType, cash: new Big(0), cashReserve: new Big(0) })),
            prices,
            now,
          )
        : { lotWashSales: [], assetWashSales: [] }),
    };
    let result;
    let solver: SolverRun;
    try {
      const plan = await this.solver.plan(householdOfOne(oneAccount));
      solver = { status: plan.solver.status, mipGap: plan.solver.mipGap, timeMs: plan.solver.timeMs };
      if (!plan.verification.ok) {
        throw new Error(`the solver's plan for portfolio ${portfolio.id} breaks ${plan.verification.violations.map((v) => v.code).join(', ')} after repair`);
      }
      result = describeTrades(input, chosenTrades(oneAccount, plan.proposal));
    } catch (error) {
      if (error instanceof GeneratorError) {
        throw new ValidationProblem([{ field: error.field, rule: 'feasible', message: error.message }], CommonErrorCode.UNPROCESSABLE_FIELDS);
      }
      throw error;
    }

    // The projection comes from the what-if engine, not from the generator's own arithmetic.
    const projection = simulateWhatIf({
      holdings,
      cash: portfolio.cash,
      trades: result.suggestions.map((suggestion) =>
        suggestion.assetId && suggestion.quantity
          ? { assetId: suggestion.assetId, action: suggestion.action, quantity: suggestion.quantity }
          : { assetType: suggestion.assetType, action: suggestion.action, value: suggestion.estimatedValue },
      ),
      cashFlow,
      preferredAssetByClass: new Map(),
      assetTypeOf: new Map(catalogue.map(({ asset }) => [asset.id, asset.assetType])),
      priceOf: new Map(catalogue.flatMap(({ asset, price }) => (price ? [[asset.id, price] as const] : []))),
      classWeightsOf: new Map(catalogue.map(({ asset }) => [asset.id, asset.classWeights ?? []])),
    });
    if (!projection.ok) throw new Error(`the suggested trades do not replay in the what-if engine: ${projection.error.field} ${projection.error.message}`);
    const before = computeDrift(classValues(holdings, portfolio.cash), bands, portfolio.untargetedTolerancePercentage);
    const after = computeDrift(classValues(projection.holdingsAfter, projection.cashAfter), bands, portfolio.untargetedTolerancePercentage);
    // The solver reaches every band the options allow; one left outside is worth saying (whole units, no sells, a minimum trade).
    const missed = after.items
      .filter((item) => item.driftLevel !== 'WITHIN_TOLERANCE')
      .map(
        (item) =>
          `${item.assetType} stays outside its band after the trades (${toDecimalString(item.currentPercentage, 2)}% against ${toDecimalString(item.targetPercentage)}% ± ${toDecimalString(item.tolerancePercentage)}).`,
      );
    return {
      portfolioId: portfolio.id,
      calculatedAt: now,
      priceWarnings: snapshot.warnings,
      suggestions: result.suggestions,
      before,
      after,
      cashAfter: projection.cashAfter,
      warnings: [...snapshot.warnings, ...result.warnings, ...missed],
      solver,
    };
  }

  /** The held assets at the prices the snapshot valued them at, and the targets' preferred assets not held, read only if any. */
  private async heldOrPreferred(snapshot: PlanningSnapshot): Promise<Array<{ asset: Asset; price: Big | null }>> {
    const held = snapshot.valued.map(({ asset, current }) => ({ asset, price: current?.price ?? null }));
    const heldIds = new Set(held.map(({ asset }) => asset.id));
    const preferred = snapshot.targets.flatMap((target) => (target.preferredAssetId && !heldIds.has(target.preferredAssetId) ? [target.preferredAssetId] : []));
    return [...held, ...(await this.assets.withIds([...new Set(preferred)]))];
  }

  async harvest(principal: Principal, portfolioId: string, criteria: HarvestCriteria): Promise<HarvestOpportunity[]> {
    const portfolio = await this.portfolios.findOwned(principal, portfolioId);
    const now = new Date();
    const lots = await this.portfolios.openLots(portfolio.id);
    const { valued } = await this.portfolios.valuePositions(portfolio.id);
    const held = new Map(valued.map(({ asset, current }) => [asset.id, { asset, price: current?.price ?? null }]));
    const catalogue = await this.assets.ofTypes([...new Set(valued.map(({ asset }) => asset.assetType))]);
    const recent = await this.portfolios.recentActivity(principal.userId, portfolio.id, washSaleWindowStart(now));
    const opportunities = harvestOpportunities({
      lots: lots.map((lot) => {
        const asset = held.get(lot.assetId)!.asset;
        return {
          lotId: lot.id,
          quantity: lot.quantity,
          costBasis: lot.costBasis,
          holdingPeriodStart: lot.holdingPeriodStart,
          assetId: asset.id,
          symbol: asset.symbol,
          assetType: asset.assetType,
        };
      }),
      prices: new Map([...held.entries()].flatMap(([id, { price }]) => (price ? [[id, price] as const] : []))),
      catalogue: catalogue.map(({ asset, price }) => ({ assetId: asset.id, symbol: asset.symbol, assetType: asset.assetType, price })),
      // A sale now is a wash sale only of a purchase, so only the window's BUYs call for the replay.
      washSaleLots: (
        await this.washSaleState(
          portfolio,
          recent.filter((activity) => activity.kind === 'BUY'),
        )
      ).washSaleLots,
      now,
      ...criteria,
      accountType: portfolio.accountType,
    });
    return opportunities;
  }
}
