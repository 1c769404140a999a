import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { Principal } from '../auth/principal';
import { Big, parseDecimal, toDecimalString } from '../common/decimal/decimal';
import { decimalRuleViolation } from '../common/decimal/is-decimal.validator';
import { PRICE_RULE, QUANTITY_RULE } from '../portfolio/decimal-rules';
import type { Page, PageRequest } from '../common/pagination/paginate';
import { NotFoundProblem, AppProblem, ValidationProblem } from '../common/problem/problem';
import { Portfolio } from '../portfolio/entities/portfolio.entity';
import { LedgerService, type RecordedTrade } from '../portfolio/ledger.service';
import { PortfoliosService, rebalanceOptionsOf } from '../portfolio/portfolios.service';
import { DriftAlertRepository } from './drift-alert.repository';
import { toMeasuredDriftDto } from './drift.mapper';
import { DriftService } from './drift.service';
import { enqueueDriftRecheck } from '../jobs/drift-recheck';
import { JobQueue } from '../jobs/job-queue';
import { QUEUES } from '../jobs/queues';
import { WebhooksService } from './webhooks.service';
import type { RebalancingPlanItem } from './entities/rebalancing-plan-item.entity';
import type { RebalancingPlan } from './entities/rebalancing-plan.entity';
import type { PlanOptions, PlanOrigin } from './plan-types';
import { PlanRepository } from './plan.repository';
import { toPlanDto } from './plans.mapper';
import { toShownSuggestions, type ShownSuggestion, type ShownSuggestions } from './shown-suggestions';
import { SuggestionsService, suggestionOptionsOf, type SuggestionOptions } from './suggestions.service';
import { CommonErrorCode } from '../common/problem/common-errors';
import { RebalancingErrorCode } from './rebalancing-errors';
import { type Tx, UnitOfWork } from '../database/unit-of-work';

/** A plan with its items in their stored order. */
export interface PlanWithItems {
  plan: RebalancingPlan;
  items: RebalancingPlanItem[];
}

export interface RecordableItem {
  ordinal: number;
  symbol: string | null;
  action: string;
  quantity: Big | null;
  price: Big | null;
}

/**
 * A plan's items become transactions when it is executed, so an item whose quantity or price breaks
 * the rule of a transaction's field (QUANTITY_RULE and PRICE_RULE, which are its NUMERIC(20,8)
 * columns) could never be recorded. Such a plan is refused with 422, naming the item, when it is
 * made, and a plan stored before that check is refused the same way at execute, never with a 500.
 */
export function assertRecordable(items: RecordableItem[]): void {
  const errors = items.flatMap((item) =>
    (
      [
        ['quantity', item.quantity, QUANTITY_RULE],
        ['price', item.price, PRICE_RULE],
      ] as const
    ).flatMap(([field, value, rule]) => {
      const broken = value === null ? null : decimalRuleViolation(toDecimalString(value), rule);
      if (broken === null) return [];
      const trade = `${item.action} of ${item.quantity === null ? '' : `${toDecimalString(item.quantity)} `}${item.symbol ?? 'an asset'}`;
      return [
        { field: `items[${item.ordinal}].${field}`, rule: 'recordable', message: `The ${trade} cannot be recorded as a transaction: its ${field} ${broken}.` },
      ];
    }),
  );
  if (errors.length > 0) {
    throw new AppProblem(RebalancingErrorCode.PLAN_NOT_RECORDABLE, `The plan cannot be recorded: check ${errors.map((error) => error.field).join(', ')}`, {
      errors,
    });
  }
}

/** The stored order of a plan's items: SELLs first, as they fund the BUYs. */
function inStoredOrder(suggestions: ShownSuggestion[]): ShownSuggestion[] {
  return [...suggestions].sort((a, b) => (a.action === b.action ? 0 : a.action === 'SELL' ? -1 : 1));
}

/** The items of computed suggestions that execute would record. */
function executableItems(suggestions: ShownSuggestion[]): RecordableItem[] {
  return inStoredOrder(suggestions).flatMap((suggestion, ordinal) =>
    suggestion.assetId && suggestion.quantity
      ? [
          {
            ordinal,
            symbol: suggestion.symbol,
            action: suggestion.action,
            quantity: parseDecimal(suggestion.quantity),
            price: suggestion.price === null ? null : parseDecimal(suggestion.price),
          },
        ]
      : [],
  );
}

/** The options as a plan stores and shows them: decimals as decimal strings. */
function storedOptions(options: SuggestionOptions): PlanOptions {
  return { ...options, minTradeValue: options.minTradeValue.toFixed(), cashFlow: options.cashFlow.toFixed() };
}

/** Prices execute records an item at instead of the plan's, by item id. */
export type PlanFills = ReadonlyMap<string, Big>;

@Injectable()
export class PlansService implements OnApplicationBootstrap {
  private readonly logger = new Logger(PlansService.name);

  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly portfolios: PortfoliosService,
    private readonly suggestions: SuggestionsService,
    private readonly ledger: LedgerService,
    private readonly jobs: JobQueue,
    private readonly webhooks: WebhooksService,
    private readonly drift: DriftService,
    private readonly plans: PlanRepository,
    private readonly alerts: DriftAlertRepository,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.jobs.work<{ alertId: string }>(QUEUES.autoPlan, ({ alertId }) => this.proposeForAlert(alertId));
  }

  private async load(manager: Tx, principal: Principal, portfolioId: string, planId: string, lock = false): Promise<RebalancingPlan> {
    const portfolio = await this.portfolios.findOwned(principal, portfolioId, manager);
    const plan = await this.plans.findOwned(manager, principal.userId, portfolio.id, planId, lock);
    if (!plan) throw new NotFoundProblem('Plan');
    return plan;
  }

  private async respond(manager: Tx, plan: RebalancingPlan): Promise<PlanWithItems> {
    return { plan, items: await this.plans.itemsOf(manager, plan.id) };
  }

  /** Computes suggestions and stores them as a PENDING plan. */
  async create(principal: Principal, portfolioId: string, request: SuggestionOptions): Promise<PlanWithItems> {
    const portfolio = await this.portfolios.findOwned(principal, portfolioId);
    const options = storedOptions(request);
    // Read the version before computing, so a write in between makes the plan stale rather than silently wrong.
    const holdingsVersion = await this.portfolios.historyVersion(portfolio.id);
    const computed = toShownSuggestions(await this.suggestions.suggestFor(portfolio.userId, portfolio.id, request));
    assertRecordable(executableItems(computed.suggestions));
    return this.unitOfWork.run((manager) => this.store(manager, { portfolio, options, holdingsVersion, computed, origin: 'MANUAL' }));
  }

  /** Writes the plan and its items and announces it, in the caller's transaction. */
  private async store(
    manager: Tx,
    input: { portfolio: Portfolio; options: PlanOptions; holdingsVersion: string; computed: ShownSuggestions; origin: PlanOrigin },
  ): Promise<PlanWithItems> {
    const { portfolio, options, holdingsVersion, computed } = input;
    const saved = await this.plans.insertPending(
      manager,
      { portfolioId: portfolio.id, options, origin: input.origin, holdingsVersion, summary: computed.summary, warnings: computed.warnings },
      inStoredOrder(computed.suggestions).map((suggestion, ordinal) => ({
        ordinal,
        assetId: suggestion.assetId,
        assetType: suggestion.assetType,
        action: suggestion.action as 'BUY' | 'SELL',
        quantity: suggestion.quantity === null ? null : parseDecimal(suggestion.quantity),
        price: suggestion.price === null ? null : parseDecimal(suggestion.price),
        estimatedValue: parseDecimal(suggestion.estimatedValue),
        suggestion,
        status: suggestion.assetId && suggestion.quantity ? ('PENDING' as const) : ('SKIPPED' as const),
      })),
    );
    const plan = await this.respond(manager, saved);
    await this.webhooks.emit(manager, portfolio.userId, 'rebalance.plan.created', toPlanDto(plan));
    return plan;
  }

  /**
   * The automatic proposal for an opened or escalated alert: a PENDING plan
   * with the portfolio's saved options, replacing an earlier automatic one that
   * is still pending (at most one per portfolio), linked to the alert. When no
   * plan can be computed (no prices, nothing to trade) the alert stays without one.
   */
  async proposeForAlert(alertId: string): Promise<void> {
    const alert = await this.alerts.findById(this.unitOfWork.autocommit, alertId);
    // A household's alert is never sent here: its automatic proposal is the household planner's to make.
    if (!alert || alert.status === 'RESOLVED' || alert.portfolioId === null) return;
    const portfolio = await this.portfolios.findForSystem(alert.portfolioId);
    if (!portfolio || portfolio.autoRebalance !== 'SUGGEST') return;
    const request = suggestionOptionsOf(portfolio.rebalanceOptions ?? rebalanceOptionsOf(undefined), new Big(0));
    const options = storedOptions(request);
    const holdingsVersion = await this.portfolios.historyVersion(portfolio.id);
    let computed: ShownSuggestions;
    try {
      computed = toShownSuggestions(await this.suggestions.suggestFor(portfolio.userId, portfolio.id, request));
      assertRecordable(executableItems(computed.suggestions));
    } catch (error) {
      // A busy solver pool is worth a retry of the job (pg-boss backs off); any other refusal stands.
      if (!(error instanceof AppProblem) || error.code === RebalancingErrorCode.SOLVER_BUSY) throw error;
      this.logger.warn(`no automatic plan for alert ${alertId}: ${error.message}`);
      return;
    }
    await this.unitOfWork.run(async (manager) => {
      const current = await this.alerts.findById(manager, alertId, true);
      if (!current || current.status === 'RESOLVED') return;
      await this.plans.cancelPendingAutomatic(manager, portfolio.id);
      const { plan } = await this.store(manager, { portfolio, options, holdingsVersion, computed, origin: 'AUTOMATIC' });
      await this.alerts.linkPlan(manager, alertId, plan.id);
    });
  }

  async list(principal: Principal, portfolioId: string, request: PageRequest): Promise<Page<PlanWithItems>> {
    const portfolio = await this.portfolios.findOwned(principal, portfolioId);
    const page = await this.plans.pageOwned(principal.userId, portfolio.id, request);
    const items = await this.plans.itemsOfPlans(page.rows.map((plan) => plan.id));
    return { rows: page.rows.map((plan) => ({ plan, items: items.filter((item) => item.planId === plan.id) })), nextCursor: page.nextCursor };
  }

  async get(principal: Principal, portfolioId: string, planId: string): Promise<PlanWithItems> {
    const plan = await this.load(this.unitOfWork.autocommit, principal, portfolioId, planId);
    return this.respond(this.unitOfWork.autocommit, plan);
  }

  async cancel(principal: Principal, portfolioId: string, planId: string): Promise<PlanWithItems> {
    return this.unitOfWork.run(async (manager) => {
      const plan = await this.load(manager, principal, portfolioId, planId, true);
      if (plan.status === 'EXECUTED' || plan.status === 'PARTIALLY_EXECUTED') {
        throw new AppProblem(RebalancingErrorCode.PLAN_EXECUTED, 'The plan was executed and can no longer be cancelled');
      }
      if (plan.status === 'PENDING') await this.plans.cancel(manager, plan, new Date());
      return this.respond(manager, plan);
    });
  }

  /**
   * Records the plan's cash flow and trades as real transactions in one DB transaction: a deposit
   * first, then the SELLs, a withdrawal, then the BUYs, so cash never dips below zero on the way.
   * Then measures the drift they leave. Exactly once: the household's ledger lock and the plan's row
   * lock serialize concurrent calls, and a repeat finds the plan executed and returns it unchanged.
   */
  async execute(principal: Principal, portfolioId: string, planId: string, fills: PlanFills): Promise<PlanWithItems> {
    return this.unitOfWork.run(async (manager) => {
      await this.ledger.lockScopeOf(manager, principal.userId, portfolioId);
      const plan = await this.load(manager, principal, portfolioId, planId, true);
      if (plan.status === 'EXECUTED' || plan.status === 'PARTIALLY_EXECUTED') return this.respond(manager, plan);
      if (plan.status === 'CANCELLED') throw new AppProblem(RebalancingErrorCode.PLAN_CANCELLED, 'The plan was cancelled; create a new one');
      if ((await this.portfolios.historyVersion(plan.portfolioId, manager)) !== plan.holdingsVersion) {
        throw new AppProblem(RebalancingErrorCode.PLAN_STALE, 'The portfolio changed since the plan was computed; create a new plan');
      }
      const items = await this.plans.itemsOf(manager, plan.id);
      const unknown = [...fills.keys()].filter((id) => !items.some((item) => item.id === id && item.status === 'PENDING'));
      if (unknown.length > 0) {
        throw new ValidationProblem(
          unknown.map((id) => ({ field: 'fills', rule: 'knownItem', message: `${id} is not a pending item of this plan` })),
          CommonErrorCode.UNPROCESSABLE_FIELDS,
        );
      }
      const pending = items.filter((candidate) => candidate.status === 'PENDING');
      assertRecordable(
        pending.map((item) => ({
          ordinal: item.ordinal,
          symbol: item.suggestion.symbol,
          action: item.action,
          quantity: item.quantity,
          price: fills.get(item.id) ?? item.price,
        })),
      );
      const now = new Date();
      const cashFlow = parseDecimal(plan.options.cashFlow);
      const cashFlowTrade: RecordedTrade = { type: cashFlow.gt(0) ? 'DEPOSIT' : 'WITHDRAWAL', executedAt: now, amount: cashFlow.abs() };
      // In recording order; null marks the cash flow.
      const trades: RecordedTrade[] = [];
      const tradeItems: Array<RebalancingPlanItem | null> = [];
      const addCashFlow = () => {
        trades.push(cashFlowTrade);
        tradeItems.push(null);
      };
      if (cashFlow.gt(0)) addCashFlow();
      const totals = { BUY: new Big(0), SELL: new Big(0) };
      let withdrawn = !cashFlow.lt(0);
      for (const item of pending) {
        if (!withdrawn && item.action === 'BUY') {
          addCashFlow();
          withdrawn = true;
        }
        // A SELL names the lots the tax-aware plan chose, whatever the portfolio's method.
        const lots =
          item.action === 'SELL' && item.suggestion.lots.length > 0 ? item.suggestion.lots.map((lot) => ({ lotId: lot.lotId, quantity: lot.quantity })) : null;
        const price = fills.get(item.id) ?? item.price;
        totals[item.action] = totals[item.action].plus((item.quantity as Big).times(price as Big));
        trades.push({ type: item.action, executedAt: now, assetId: item.assetId, quantity: item.quantity, price, fee: new Big(0), lots });
        tradeItems.push(item);
      }
      if (!withdrawn) addCashFlow();
      const saved = await this.ledger.recordTrades(manager, principal.userId, plan.portfolioId, trades);
      let cashFlowTransactionId: string | null = null;
      for (const [index, item] of tradeItems.entries()) {
        if (item === null) {
          cashFlowTransactionId = saved[index].id;
          continue;
        }
        item.status = 'EXECUTED';
        item.executedAt = now;
        item.transactionId = saved[index].id;
        await this.plans.saveItem(manager, item);
      }
      const executedItems = items.filter((item) => item.status === 'EXECUTED').length;
      const skippedItems = items.filter((item) => item.status === 'SKIPPED').length;
      plan.status = skippedItems > 0 ? 'PARTIALLY_EXECUTED' : 'EXECUTED';
      plan.executedAt = now;
      plan.execution = {
        executedItems,
        skippedItems,
        totalBuys: toDecimalString(totals.BUY),
        totalSells: toDecimalString(totals.SELL),
        cashFlowTransactionId,
        driftAfter: toMeasuredDriftDto(await this.drift.measureIn(manager, plan.portfolioId, now)),
      };
      await this.plans.savePlan(manager, plan);
      await enqueueDriftRecheck(this.jobs, manager, [plan.portfolioId]);
      const executed = await this.respond(manager, plan);
      await this.webhooks.emit(manager, principal.userId, 'rebalance.plan.executed', toPlanDto(executed));
      return executed;
    });
  }
}
