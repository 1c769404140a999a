import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, In } from 'typeorm';
import type { Principal } from '../auth/principal';
import { Big, parseDecimal, toDecimalString, toMoneyEstimate } from '../common/decimal/decimal';
import { decimalRuleViolation } from '../common/decimal/is-decimal.validator';
import { PRICE_RULE, QUANTITY_RULE } from '../portfolio/dto/decimal-rules';
import type { Keyset } from '../common/pagination/cursor';
import { paginate } from '../common/pagination/paginate';
import { NotFoundProblem, AppProblem, ValidationProblem } from '../common/problem/problem';
import { Portfolio } from '../portfolio/entities/portfolio.entity';
import { LedgerService, type RecordedTrade } from '../portfolio/ledger.service';
import { PortfoliosService, rebalanceOptionsOf } from '../portfolio/portfolios.service';
import { DriftService } from './drift.service';
import type { CreatePlanDto, ExecutePlanDto, PlanDto, PlanExecutionDto, PlanQueryDto, PlanSummaryListDto } from './dto/plans.dto';
import type { DriftReportDto } from './dto/drift.dto';
import type { SuggestionDto, SuggestionsDto, SuggestionSummaryDto } from './dto/suggestions.dto';
import { DriftAlert } from './entities/drift-alert.entity';
import { enqueueDriftRecheck } from '../jobs/drift-recheck';
import { JobQueue } from '../jobs/job-queue';
import { QUEUES } from '../jobs/queues';
import { WebhooksService } from './webhooks.service';
import { RebalancingPlanItem } from './entities/rebalancing-plan-item.entity';
import { RebalancingPlan } from './entities/rebalancing-plan.entity';
import type { PlanOptions, PlanOrigin } from './plan-types';
import { SuggestionsService } from './suggestions.service';
import { CommonErrorCode } from '../common/problem/common-errors';
import { RebalancingErrorCode } from './rebalancing-errors';

interface RecordableItem {
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
function assertRecordable(items: RecordableItem[]): void {
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
function inStoredOrder(suggestions: SuggestionDto[]): SuggestionDto[] {
  return [...suggestions].sort((a, b) => (a.action === b.action ? 0 : a.action === 'SELL' ? -1 : 1));
}

/** The items of computed suggestions that execute would record. */
function executableItems(suggestions: SuggestionDto[]): RecordableItem[] {
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

/** A portfolio's saved options take the same defaults, so one function fills both. */
function optionsOf(dto: CreatePlanDto): PlanOptions {
  return { ...rebalanceOptionsOf(dto), cashFlow: parseDecimal(dto.cashFlow ?? '0').toFixed() };
}

/**
 * A plan shows its suggestions as they were computed and stored; plans stored before money estimates
 * were rounded for display hold them exact, so they are shown by the same rule (rounding a rounded
 * estimate again changes nothing).
 */
function shownMoney(value: string): string {
  return toMoneyEstimate(parseDecimal(value));
}

function shownDrift(report: DriftReportDto): DriftReportDto {
  return {
    ...report,
    totalValue: shownMoney(report.totalValue),
    items: report.items.map((item) => ({ ...item, currentValue: shownMoney(item.currentValue) })),
  };
}

function shownSummary(summary: SuggestionSummaryDto): SuggestionSummaryDto {
  return {
    ...summary,
    totalBuys: shownMoney(summary.totalBuys),
    totalSells: shownMoney(summary.totalSells),
    netCash: shownMoney(summary.netCash),
    cashAfter: shownMoney(summary.cashAfter),
    estimatedRealizedGain: { shortTerm: shownMoney(summary.estimatedRealizedGain.shortTerm), longTerm: shownMoney(summary.estimatedRealizedGain.longTerm) },
    driftBefore: shownDrift(summary.driftBefore),
    driftAfter: shownDrift(summary.driftAfter),
  };
}

function shownSuggestion(suggestion: SuggestionDto): SuggestionDto {
  return {
    ...suggestion,
    estimatedValue: shownMoney(suggestion.estimatedValue),
    lots: suggestion.lots.map((lot) => ({
      ...lot,
      gain: shownMoney(lot.gain),
      ...(lot.washSaleDisallowed === undefined ? {} : { washSaleDisallowed: shownMoney(lot.washSaleDisallowed) }),
    })),
    estimatedRealizedGain: {
      shortTerm: shownMoney(suggestion.estimatedRealizedGain.shortTerm),
      longTerm: shownMoney(suggestion.estimatedRealizedGain.longTerm),
    },
  };
}

function toPlanDto(plan: RebalancingPlan, items: RebalancingPlanItem[]): PlanDto {
  return {
    id: plan.id,
    portfolioId: plan.portfolioId,
    status: plan.status,
    options: plan.options,
    origin: plan.origin,
    items: items.map((item) => ({
      ...shownSuggestion(item.suggestion),
      price: item.price ? toDecimalString(item.price) : null,
      id: item.id,
      status: item.status,
      executedAt: item.executedAt?.toISOString() ?? null,
      transactionId: item.transactionId,
    })),
    summary: shownSummary(plan.summary as unknown as SuggestionSummaryDto),
    execution: plan.execution as unknown as PlanExecutionDto | null,
    warnings: plan.warnings,
    createdAt: plan.createdAt.toISOString(),
    executedAt: plan.executedAt?.toISOString() ?? null,
    cancelledAt: plan.cancelledAt?.toISOString() ?? null,
  };
}

/** Cancels the portfolio's pending automatic plan, if any, with its pending items: superseded, or no longer needed. */
export async function cancelPendingAutomaticPlans(manager: EntityManager, portfolioId: string): Promise<void> {
  await manager.query(
    `WITH cancelled AS (
       UPDATE rebalancing_plans SET status = 'CANCELLED', cancelled_at = now(), updated_at = now()
       WHERE portfolio_id = $1 AND origin = 'AUTOMATIC' AND status = 'PENDING' RETURNING id)
     UPDATE rebalancing_plan_items SET status = 'CANCELLED' WHERE status = 'PENDING' AND plan_id IN (SELECT id FROM cancelled)`,
    [portfolioId],
  );
}

/** The owner, as the drift monitor acts for them: it only ever reads their portfolio and proposes a plan. */
function ownerPrincipal(userId: string): Principal {
  return { userId, email: '', role: 'user', scopes: ['rebalancing:read', 'rebalancing:write'], authMethod: 'system', apiKeyId: null };
}

/** Newest first. */
const PLAN_PAGES: Keyset = {
  direction: 'DESC',
  keys: [
    { column: 'plan.created_at', type: 'timestamptz' },
    { column: 'plan.id', type: 'uuid' },
  ],
};

@Injectable()
export class PlansService implements OnApplicationBootstrap {
  private readonly logger = new Logger(PlansService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly portfolios: PortfoliosService,
    private readonly suggestions: SuggestionsService,
    private readonly ledger: LedgerService,
    private readonly jobs: JobQueue,
    private readonly webhooks: WebhooksService,
    private readonly drift: DriftService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.jobs.work<{ alertId: string }>(QUEUES.autoPlan, ({ alertId }) => this.proposeForAlert(alertId));
  }

  /** Which history a plan was computed on: any transaction added or removed changes it. */
  private async holdingsVersion(manager: EntityManager, portfolioId: string): Promise<string> {
    const [row] = await manager.query<Array<{ n: number; last: string }>>(
      'SELECT count(*)::int AS n, coalesce(max(sequence), 0)::text AS last FROM transactions WHERE portfolio_id = $1',
      [portfolioId],
    );
    return `${row.n}:${row.last}`;
  }

  private async load(manager: EntityManager, principal: Principal, portfolioId: string, planId: string, lock = false): Promise<RebalancingPlan> {
    const portfolio = await this.portfolios.findOwned(principal, portfolioId, manager.getRepository(Portfolio));
    const plan = await manager.findOne(RebalancingPlan, {
      where: { id: planId, portfolioId: portfolio.id },
      lock: lock ? { mode: 'pessimistic_write' } : undefined,
    });
    if (!plan) throw new NotFoundProblem('Plan');
    return plan;
  }

  private async respond(manager: EntityManager, plan: RebalancingPlan): Promise<PlanDto> {
    return toPlanDto(plan, await manager.find(RebalancingPlanItem, { where: { planId: plan.id }, order: { ordinal: 'ASC' } }));
  }

  /** Computes suggestions and stores them as a PENDING plan. */
  async create(principal: Principal, portfolioId: string, dto: CreatePlanDto): Promise<PlanDto> {
    const portfolio = await this.portfolios.findOwned(principal, portfolioId);
    const options = optionsOf(dto);
    // Read the version before computing, so a write in between makes the plan stale rather than silently wrong.
    const holdingsVersion = await this.holdingsVersion(this.dataSource.manager, portfolio.id);
    const computed = await this.suggestions.suggest(principal, portfolio.id, dto);
    assertRecordable(executableItems(computed.suggestions));
    return this.dataSource.transaction((manager) => this.store(manager, { portfolio, options, holdingsVersion, computed, origin: 'MANUAL' }));
  }

  /** Writes the plan and its items and announces it, in the caller's transaction. */
  private async store(
    manager: EntityManager,
    input: { portfolio: Portfolio; options: PlanOptions; holdingsVersion: string; computed: SuggestionsDto; origin: PlanOrigin },
  ): Promise<PlanDto> {
    const { portfolio, options, holdingsVersion, computed } = input;
    const ordered = inStoredOrder(computed.suggestions);
    const saved = await manager.save(
      manager.create(RebalancingPlan, {
        portfolioId: portfolio.id,
        status: 'PENDING',
        options,
        origin: input.origin,
        holdingsVersion,
        summary: computed.summary as unknown as Record<string, unknown>,
        warnings: computed.warnings,
        execution: null,
        executedAt: null,
        cancelledAt: null,
      }),
    );
    if (ordered.length > 0) {
      await manager.insert(
        RebalancingPlanItem,
        ordered.map((suggestion, ordinal) => ({
          planId: saved.id,
          ordinal,
          assetId: suggestion.assetId,
          assetType: suggestion.assetType,
          action: suggestion.action as 'BUY' | 'SELL',
          quantity: suggestion.quantity === null ? null : parseDecimal(suggestion.quantity),
          price: suggestion.price === null ? null : parseDecimal(suggestion.price),
          estimatedValue: parseDecimal(suggestion.estimatedValue),
          suggestion,
          status: suggestion.assetId && suggestion.quantity ? ('PENDING' as const) : ('SKIPPED' as const),
          executedAt: null,
          transactionId: null,
        })),
      );
    }
    const plan = await this.respond(manager, saved);
    await this.webhooks.emit(manager, portfolio.userId, 'rebalance.plan.created', plan);
    return plan;
  }

  /**
   * The automatic proposal for an opened or escalated alert: a PENDING plan
   * with the portfolio's saved options, replacing an earlier automatic one that
   * is still pending (at most one per portfolio), linked to the alert. When no
   * plan can be computed (no prices, nothing to trade) the alert stays without one.
   */
  async proposeForAlert(alertId: string): Promise<void> {
    const alert = await this.dataSource.getRepository(DriftAlert).findOneBy({ id: alertId });
    if (!alert || alert.status === 'RESOLVED') return;
    const portfolio = await this.dataSource.getRepository(Portfolio).findOneBy({ id: alert.portfolioId });
    if (!portfolio || portfolio.autoRebalance !== 'SUGGEST') return;
    const dto: CreatePlanDto = { ...(portfolio.rebalanceOptions ?? {}), cashFlow: '0' };
    const options = optionsOf(dto);
    const holdingsVersion = await this.holdingsVersion(this.dataSource.manager, portfolio.id);
    let computed: SuggestionsDto;
    try {
      computed = await this.suggestions.suggest(ownerPrincipal(portfolio.userId), portfolio.id, dto);
      assertRecordable(executableItems(computed.suggestions));
    } catch (error) {
      if (!(error instanceof AppProblem)) throw error;
      this.logger.warn(`no automatic plan for alert ${alertId}: ${error.message}`);
      return;
    }
    await this.dataSource.transaction(async (manager) => {
      const current = await manager.findOne(DriftAlert, { where: { id: alertId }, lock: { mode: 'pessimistic_write' } });
      if (!current || current.status === 'RESOLVED') return;
      await cancelPendingAutomaticPlans(manager, portfolio.id);
      const plan = await this.store(manager, { portfolio, options, holdingsVersion, computed, origin: 'AUTOMATIC' });
      await manager.update(DriftAlert, { id: alertId }, { planId: plan.id });
    });
  }

  async list(principal: Principal, portfolioId: string, query: PlanQueryDto): Promise<PlanSummaryListDto> {
    const portfolio = await this.portfolios.findOwned(principal, portfolioId);
    const builder = this.dataSource
      .getRepository(RebalancingPlan)
      .createQueryBuilder('plan')
      .where('plan.portfolio_id = :portfolioId', { portfolioId: portfolio.id });
    const { rows: page, nextCursor } = await paginate(builder, PLAN_PAGES, query);
    const items =
      page.length === 0
        ? []
        : await this.dataSource.getRepository(RebalancingPlanItem).find({ where: { planId: In(page.map((p) => p.id)) }, order: { ordinal: 'ASC' } });
    return {
      items: page.map((plan) =>
        toPlanDto(
          plan,
          items.filter((item) => item.planId === plan.id),
        ),
      ),
      nextCursor,
    };
  }

  async get(principal: Principal, portfolioId: string, planId: string): Promise<PlanDto> {
    const plan = await this.load(this.dataSource.manager, principal, portfolioId, planId);
    return this.respond(this.dataSource.manager, plan);
  }

  async cancel(principal: Principal, portfolioId: string, planId: string): Promise<PlanDto> {
    return this.dataSource.transaction(async (manager) => {
      const plan = await this.load(manager, principal, portfolioId, planId, true);
      if (plan.status === 'EXECUTED' || plan.status === 'PARTIALLY_EXECUTED') {
        throw new AppProblem(RebalancingErrorCode.PLAN_EXECUTED, 'The plan was executed and can no longer be cancelled');
      }
      if (plan.status === 'PENDING') {
        plan.status = 'CANCELLED';
        plan.cancelledAt = new Date();
        await manager.save(plan);
        await manager.update(RebalancingPlanItem, { planId: plan.id, status: 'PENDING' }, { status: 'CANCELLED' });
      }
      return this.respond(manager, plan);
    });
  }

  /**
   * Records the plan's cash flow and trades as real transactions in one DB transaction: a deposit
   * first, then the SELLs, a withdrawal, then the BUYs, so cash never dips below zero on the way.
   * Then measures the drift they leave. Exactly once: the user's ledger lock and the plan's row
   * lock serialize concurrent calls, and a repeat finds the plan executed and returns it unchanged.
   */
  async execute(principal: Principal, portfolioId: string, planId: string, dto: ExecutePlanDto): Promise<PlanDto> {
    return this.dataSource.transaction(async (manager) => {
      await this.ledger.lockUser(manager, principal.userId);
      const plan = await this.load(manager, principal, portfolioId, planId, true);
      if (plan.status === 'EXECUTED' || plan.status === 'PARTIALLY_EXECUTED') return this.respond(manager, plan);
      if (plan.status === 'CANCELLED') throw new AppProblem(RebalancingErrorCode.PLAN_CANCELLED, 'The plan was cancelled; create a new one');
      if ((await this.holdingsVersion(manager, plan.portfolioId)) !== plan.holdingsVersion) {
        throw new AppProblem(RebalancingErrorCode.PLAN_STALE, 'The portfolio changed since the plan was computed; create a new plan');
      }
      const items = await manager.find(RebalancingPlanItem, { where: { planId: plan.id }, order: { ordinal: 'ASC' } });
      const fills = new Map((dto.fills ?? []).map((fill) => [fill.itemId, parseDecimal(fill.price)]));
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
        await manager.save(item);
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
        driftAfter: (await this.drift.measureIn(manager, plan.portfolioId, now)) as unknown as Record<string, unknown>,
      };
      await manager.save(plan);
      await enqueueDriftRecheck(this.jobs, manager, [plan.portfolioId]);
      const executed = await this.respond(manager, plan);
      await this.webhooks.emit(manager, principal.userId, 'rebalance.plan.executed', executed);
      return executed;
    });
  }
}
