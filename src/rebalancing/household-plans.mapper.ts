import { Big, parseDecimal, toMoneyEstimate } from '../common/decimal/decimal';
import type { EstimatedTax } from './domain/household-solver/verify';
import { toHouseholdDriftDto } from './drift.mapper';
import type {
  HouseholdAccountTradesDto,
  HouseholdPlanAccountDto,
  HouseholdPlanDto,
  HouseholdPlanItemDto,
  HouseholdRebalanceOptionsDto,
  HouseholdSuggestionsDto,
  HouseholdTradeDto,
} from './dto/household-plans.dto';
import type { HouseholdRebalancingPlanItem } from './entities/household-rebalancing-plan-item.entity';
import type { HouseholdRebalancingPlan } from './entities/household-rebalancing-plan.entity';
import type { HouseholdPlanRequest, PlanAccount, ShownEstimatedTax, ShownHouseholdReport } from './household-plan-types';
import type { SolvedHousehold } from './household-suggestions.service';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

/** A trade of the plan, as stored and shown; the reason names assets by symbol and accounts by name. */
export interface ShownTrade {
  accountId: string;
  side: 'BUY' | 'SELL';
  assetId: string;
  symbol: string;
  lotId: string | null;
  quantity: Big;
  price: Big;
  reason: string;
}

function shownTax(tax: EstimatedTax): ShownEstimatedTax {
  return {
    shortTerm: toMoneyEstimate(tax.shortTerm),
    longTerm: toMoneyEstimate(tax.longTerm),
    destroyedLosses: toMoneyEstimate(tax.destroyedLosses),
    total: toMoneyEstimate(tax.total),
  };
}

const decimal = (value: string | undefined) => (value === undefined ? undefined : parseDecimal(value).toFixed());

/** The options a plan request names, decimals in their shown form (100.50 is 100.5); the rest stay absent for resolveOptions. */
export function toHouseholdPlanRequest(dto: HouseholdRebalanceOptionsDto): HouseholdPlanRequest {
  return {
    mode: dto.mode,
    wholeUnits: dto.wholeUnits,
    minTradeValue: decimal(dto.minTradeValue),
    maxTrades: dto.maxTrades,
    maxShortTermGain: decimal(dto.maxShortTermGain),
    maxLongTermGain: decimal(dto.maxLongTermGain),
    maxTax: decimal(dto.maxTax),
    avoidShortTermWithinDays: dto.avoidShortTermWithinDays,
    cashReserve: decimal(dto.cashReserve),
    washSaleBuys: dto.washSaleBuys,
    weightDrift: decimal(dto.weightDrift),
    weightDistance: decimal(dto.weightDistance),
    weightTax: decimal(dto.weightTax),
    weightLocation: decimal(dto.weightLocation),
    weightTurnover: decimal(dto.weightTurnover),
    weightTrades: decimal(dto.weightTrades),
    weightShortTermSoonLong: decimal(dto.weightShortTermSoonLong),
  };
}

/** The solver's report, the baseline and the verification, as shown and stored. */
export function toShownReport(solved: SolvedHousehold): ShownHouseholdReport {
  const { plan } = solved;
  return {
    solver: {
      status: plan.solver.status,
      objectiveBreakdown: {
        estimatedTax: shownTax(plan.breakdown.estimatedTax),
        realizedGain: { shortTerm: toMoneyEstimate(plan.breakdown.shortTermGain), longTerm: toMoneyEstimate(plan.breakdown.longTermGain) },
        residualDrift: toHouseholdDriftDto({
          householdId: solved.household.id,
          report: plan.breakdown.residualDrift,
          calculatedAt: solved.calculatedAt,
          warnings: solved.warnings,
        }),
        turnover: toMoneyEstimate(plan.breakdown.turnover),
        trades: plan.breakdown.trades,
      },
      mipGap: plan.solver.mipGap,
      timeMs: plan.solver.timeMs,
    },
    baseline: {
      naive: { estimatedTax: shownTax(plan.baseline.naive.estimatedTax), trades: plan.baseline.naive.trades },
      taxSavedVsNaive: toMoneyEstimate(plan.baseline.taxSavedVsNaive),
    },
    verification: {
      ok: plan.verification.ok,
      violations: plan.verification.violations.map((violation) => ({ code: violation.code, message: readable(solved, violation.message) })),
      repairs: plan.verification.repairs.map((repair) => readable(solved, repair)),
    },
  };
}

/** The engine words its sentences with ids; people know assets by symbol and accounts by name. */
function readable(solved: SolvedHousehold, sentence: string): string {
  const names = new Map(solved.accounts.map((account) => [account.id, `"${account.name}"`]));
  return sentence.replace(UUID, (id) => solved.assets.get(id)?.symbol ?? names.get(id) ?? id);
}

/**
 * The plan's trades in the order execute records them: by account, SELLs (by symbol, then lot), then
 * BUYs (by symbol). By symbol, not id: ids are random, and the same plan should read the same way.
 */
export function toShownTrades(solved: SolvedHousehold): ShownTrade[] {
  const { proposal } = solved.plan;
  const asset = (id: string) => solved.assets.get(id)!;
  const sells = proposal.sells.map((sell): ShownTrade => ({
    accountId: sell.accountId,
    side: 'SELL',
    assetId: sell.assetId,
    symbol: asset(sell.assetId).symbol,
    lotId: sell.lotId,
    quantity: sell.quantity,
    price: new Big(asset(sell.assetId).price),
    reason: readable(solved, sell.reason),
  }));
  const buys = proposal.buys.map((buy): ShownTrade => ({
    accountId: buy.accountId,
    side: 'BUY',
    assetId: buy.assetId,
    symbol: asset(buy.assetId).symbol,
    lotId: null,
    quantity: buy.quantity,
    price: new Big(asset(buy.assetId).price),
    reason: readable(solved, buy.reason),
  }));
  const bySymbol = (a: ShownTrade, b: ShownTrade) => a.symbol.localeCompare(b.symbol) || (a.lotId ?? '').localeCompare(b.lotId ?? '');
  return solved.accounts.flatMap((account) => [...sells.sort(bySymbol), ...buys.sort(bySymbol)].filter((trade) => trade.accountId === account.id));
}

function tradeDto(trade: Pick<ShownTrade, 'side' | 'assetId' | 'symbol' | 'lotId' | 'quantity' | 'price' | 'reason'>): HouseholdTradeDto {
  return {
    side: trade.side,
    assetId: trade.assetId,
    symbol: trade.symbol,
    lotId: trade.lotId,
    quantity: trade.quantity.toFixed(),
    price: trade.price.toFixed(),
    estimatedValue: toMoneyEstimate(trade.quantity.times(trade.price)),
    reason: trade.reason,
  };
}

function accountsWith<T>(
  accounts: PlanAccount[],
  trades: Array<{ accountId: string; dto: T }>,
): Array<{ accountId: string; name: string; accountType: string; trades: T[] }> {
  return accounts.flatMap((account) => {
    const own = trades.filter((trade) => trade.accountId === account.id).map((trade) => trade.dto);
    return own.length === 0 ? [] : [{ accountId: account.id, name: account.name, accountType: account.accountType, trades: own }];
  });
}

export function toHouseholdSuggestionsDto(solved: SolvedHousehold): HouseholdSuggestionsDto {
  const accounts: HouseholdAccountTradesDto[] = accountsWith(
    solved.accounts,
    toShownTrades(solved).map((trade) => ({ accountId: trade.accountId, dto: tradeDto(trade) })),
  );
  return {
    householdId: solved.household.id,
    calculatedAt: solved.calculatedAt.toISOString(),
    options: solved.options,
    accounts,
    ...toShownReport(solved),
    warnings: solved.warnings,
  };
}

/** A stored plan with its items. */
export interface HouseholdPlanWithItems {
  plan: HouseholdRebalancingPlan;
  items: HouseholdRebalancingPlanItem[];
}

function itemDto(item: HouseholdRebalancingPlanItem): HouseholdPlanItemDto {
  return {
    id: item.id,
    ...tradeDto(item),
    status: item.status,
    executedAt: item.executedAt?.toISOString() ?? null,
    transactionId: item.transactionId,
  };
}

export function toHouseholdPlanDto({ plan, items }: HouseholdPlanWithItems): HouseholdPlanDto {
  const grouped: HouseholdPlanAccountDto[] = accountsWith(
    plan.accounts,
    items.map((item) => ({ accountId: item.portfolioId, dto: itemDto(item) })),
  );
  return {
    id: plan.id,
    householdId: plan.householdId,
    status: plan.status,
    options: plan.options,
    origin: plan.origin,
    accounts: grouped,
    ...plan.report,
    warnings: plan.warnings,
    execution: plan.execution,
    createdAt: plan.createdAt.toISOString(),
    executedAt: plan.executedAt?.toISOString() ?? null,
    cancelledAt: plan.cancelledAt?.toISOString() ?? null,
  };
}
