import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { Principal } from '../auth/principal';
import { Big, toDecimalString } from '../common/decimal/decimal';
import { AppProblem, NotFoundProblem } from '../common/problem/problem';
import { type Tx, UnitOfWork } from '../database/unit-of-work';
import { enqueueDriftRecheck } from '../jobs/drift-recheck';
import { JobQueue } from '../jobs/job-queue';
import { QUEUES } from '../jobs/queues';
import { AssetsService } from '../portfolio/assets.service';
import { HouseholdsService } from '../portfolio/households.service';
import { LedgerService, type RecordedTrade } from '../portfolio/ledger.service';
import { DriftAlertRepository } from './drift-alert.repository';
import type { DriftAlert } from './entities/drift-alert.entity';
import type { HouseholdRebalancingPlanItem } from './entities/household-rebalancing-plan-item.entity';
import type { HouseholdRebalancingPlan } from './entities/household-rebalancing-plan.entity';
import { HouseholdPlanRepository } from './household-plan.repository';
import { toHouseholdPlanDto, toShownReport, toShownTrades, type HouseholdPlanWithItems, type ShownTrade } from './household-plans.mapper';
import { HouseholdSuggestionsService, type SolvedHousehold } from './household-suggestions.service';
import type { HouseholdPlanRequest } from './household-plan-types';
import type { PlanOrigin } from './plan-types';
import { assertRecordable } from './plans.service';
import { RebalancingErrorCode } from './rebalancing-errors';
import { WebhooksService } from './webhooks.service';

/** The solved plan's trades, refused with 422 PLAN_NOT_RECORDABLE when one could never be recorded as a transaction. */
function recordableTrades(solved: SolvedHousehold): ShownTrade[] {
  const trades = toShownTrades(solved);
  assertRecordable(trades.map((trade, ordinal) => ({ ordinal, symbol: trade.symbol, action: trade.side, quantity: trade.quantity, price: trade.price })));
  return trades;
}

/**
 * A household's alert still waiting for its automatic plan: unresolved, and without one for its
 * current level (an escalation unlinks the plan of the level before).
 */
function awaitsPlan(alert: DriftAlert): alert is DriftAlert & { householdId: string } {
  return alert.householdId !== null && alert.status !== 'RESOLVED' && alert.householdPlanId === null;
}

/** Stored household plans: created from a solve, shown, and executed exactly once across the household's accounts. */
@Injectable()
export class HouseholdPlansService implements OnApplicationBootstrap {
  private readonly logger = new Logger(HouseholdPlansService.name);

  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly households: HouseholdsService,
    private readonly suggestions: HouseholdSuggestionsService,
    private readonly ledger: LedgerService,
    private readonly assets: AssetsService,
    private readonly jobs: JobQueue,
    private readonly webhooks: WebhooksService,
    private readonly plans: HouseholdPlanRepository,
    private readonly alerts: DriftAlertRepository,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.jobs.work<{ alertId: string }>(QUEUES.householdAutoPlan, ({ alertId }) => this.proposeForAlert(alertId));
  }

  /** Solves the household now and stores the answer as a PENDING plan, with the history version and prices it was solved on. */
  async create(principal: Principal, householdId: string, request: HouseholdPlanRequest): Promise<HouseholdPlanWithItems> {
    const solved = await this.suggestions.solve(principal, householdId, request);
    const trades = recordableTrades(solved);
    return this.unitOfWork.run((tx) => this.store(tx, solved, trades, 'MANUAL'));
  }

  /**
   * The automatic proposal for a household's opened or escalated drift alert: a PENDING plan solved
   * with the plan defaults at the household's rates, replacing an automatic one still pending (at
   * most one per household), linked to the alert. Once per level of the alert, though the job may be
   * delivered twice: a delivery that finds the alert linked to a plan, under the alert's row lock,
   * stores nothing. A full solver pool fails the job, which is retried; a household that cannot be
   * planned (no targets any more, nothing to trade, a trade that could not be recorded) leaves the
   * alert without a plan, as a portfolio's does.
   */
  async proposeForAlert(alertId: string): Promise<void> {
    const alert = await this.alerts.findById(this.unitOfWork.autocommit, alertId);
    if (!alert || !awaitsPlan(alert)) return;
    const household = await this.households.findForSystem(alert.householdId);
    if (!household || household.autoRebalance !== 'SUGGEST') return;
    let solved: SolvedHousehold;
    let trades: ShownTrade[];
    try {
      solved = await this.suggestions.solveFor(household.userId, household.id, {});
      trades = recordableTrades(solved);
    } catch (error) {
      if (!(error instanceof AppProblem) || error.code === RebalancingErrorCode.SOLVER_BUSY) throw error;
      this.logger.warn(`no automatic plan for alert ${alertId}: ${error.detail}`);
      return;
    }
    if (trades.length === 0) {
      this.logger.warn(`no automatic plan for alert ${alertId}: the solver found nothing to trade`);
      return;
    }
    if (!solved.plan.verification.ok) {
      this.logger.warn(`no automatic plan for alert ${alertId}: the exact check found the plan breaking a hard constraint`);
      return;
    }
    await this.unitOfWork.run(async (tx) => {
      const current = await this.alerts.findById(tx, alertId, true);
      if (!current || !awaitsPlan(current)) return;
      await this.plans.cancelPendingAutomatic(tx, household.id);
      const { plan } = await this.store(tx, solved, trades, 'AUTOMATIC');
      await this.alerts.linkHouseholdPlan(tx, alertId, plan.id);
    });
  }

  /** Writes the plan and its items and announces it, in the caller's transaction. */
  private async store(tx: Tx, solved: SolvedHousehold, trades: ShownTrade[], origin: PlanOrigin): Promise<HouseholdPlanWithItems> {
    const plan = await this.plans.insertPending(
      tx,
      {
        householdId: solved.household.id,
        options: solved.options,
        origin,
        holdingsVersion: solved.holdingsVersion,
        prices: Object.fromEntries([...solved.assets].map(([id, { price }]) => [id, price])),
        accounts: solved.accounts,
        report: toShownReport(solved),
        warnings: solved.warnings,
      },
      trades.map((trade, ordinal) => ({
        ordinal,
        portfolioId: trade.accountId,
        assetId: trade.assetId,
        symbol: trade.symbol,
        side: trade.side,
        quantity: trade.quantity,
        price: trade.price,
        lotId: trade.lotId,
        reason: trade.reason,
      })),
    );
    const stored = { plan, items: await this.plans.itemsOf(plan.id, tx) };
    await this.webhooks.emit(tx, solved.household.userId, 'rebalance.plan.created', toHouseholdPlanDto(stored));
    return stored;
  }

  async get(principal: Principal, householdId: string, planId: string): Promise<HouseholdPlanWithItems> {
    const household = await this.households.findOwned(principal, householdId);
    const plan = await this.planOf(this.unitOfWork.autocommit, principal, household.id, planId);
    return { plan, items: await this.plans.itemsOf(plan.id) };
  }

  /**
   * Records the plan's trades in every account in one database transaction: per account its SELLs
   * (one transaction per asset, naming the lots the plan chose), then its BUYs, at the plan's prices.
   * Exactly once: the household's row lock (the one every ledger write of it takes) and the plan's
   * row lock serialize concurrent calls, and a repeat finds the plan executed and returns it
   * unchanged. Stale (409 PLAN_STALE) when a transaction of the household was added or removed, an
   * account moved in or out, or an asset's newest price differs from the plan's.
   */
  async execute(principal: Principal, householdId: string, planId: string): Promise<HouseholdPlanWithItems> {
    return this.unitOfWork.run(async (tx) => {
      const household = await this.households.lockOwned(principal, householdId, tx);
      const plan = await this.planOf(tx, principal, household.id, planId, true);
      const items = await this.plans.itemsOf(plan.id, tx);
      if (plan.status === 'EXECUTED') return { plan, items };
      if (plan.status === 'CANCELLED') throw new AppProblem(RebalancingErrorCode.PLAN_CANCELLED, 'The plan was cancelled; create a new one');
      // The solver's answer is only a proposal: one the exact check still found breaking a hard
      // constraint after repair is shown, so the breach can be read, but never recorded.
      if (!plan.report.verification.ok) {
        throw new AppProblem(
          RebalancingErrorCode.PLAN_NOT_VERIFIED,
          `The exact check found the plan breaking ${plan.report.verification.violations.map((v) => v.code).join(', ')} (report.verification); it cannot be executed`,
        );
      }
      await this.assertFresh(tx, plan);
      const now = new Date();
      const totals = { BUY: new Big(0), SELL: new Big(0) };
      const executed: Array<{ itemId: string; transactionId: string }> = [];
      for (const account of plan.accounts) {
        const orders = ordersOf(items.filter((item) => item.portfolioId === account.id));
        if (orders.length === 0) continue;
        const saved = await this.ledger.recordTrades(
          tx,
          principal.userId,
          account.id,
          orders.map((order) => toRecordedTrade(order, now)),
        );
        for (const [index, order] of orders.entries()) {
          for (const item of order) {
            totals[item.side] = totals[item.side].plus(item.quantity.times(item.price));
            executed.push({ itemId: item.id, transactionId: saved[index].id });
          }
        }
      }
      await this.plans.markExecuted(tx, executed, now);
      plan.status = 'EXECUTED';
      plan.executedAt = now;
      plan.execution = {
        transactions: new Set(executed.map((e) => e.transactionId)).size,
        totalBuys: toDecimalString(totals.BUY),
        totalSells: toDecimalString(totals.SELL),
      };
      await this.plans.savePlan(tx, plan);
      await enqueueDriftRecheck(
        this.jobs,
        tx,
        plan.accounts.map((account) => account.id),
      );
      const executedPlan = { plan, items: await this.plans.itemsOf(plan.id, tx) };
      await this.webhooks.emit(tx, principal.userId, 'rebalance.plan.executed', toHouseholdPlanDto(executedPlan));
      return executedPlan;
    });
  }

  /** The plan of a household whose ownership the caller checked (a missing household answers 404 first, as every household route does). */
  private async planOf(tx: Tx, principal: Principal, householdId: string, planId: string, lock = false): Promise<HouseholdRebalancingPlan> {
    const plan = await this.plans.findOwned(principal.userId, householdId, planId, lock, tx);
    if (!plan) throw new NotFoundProblem('Plan');
    return plan;
  }

  /** Under the household's lock: the history and the prices are still those the plan was solved on. */
  private async assertFresh(tx: Tx, plan: HouseholdRebalancingPlan): Promise<void> {
    if ((await this.ledger.householdHistoryVersion(plan.householdId, tx)) !== plan.holdingsVersion) {
      throw new AppProblem(RebalancingErrorCode.PLAN_STALE, "The household's transactions or accounts changed since the plan was computed; create a new plan");
    }
    const current = await this.assets.currentPrices(Object.keys(plan.prices), tx);
    const moved = Object.entries(plan.prices).filter(([assetId, price]) => !current.get(assetId)?.price.eq(price));
    if (moved.length > 0) {
      throw new AppProblem(
        RebalancingErrorCode.PLAN_STALE,
        `Prices changed since the plan was computed (${moved.length} asset${moved.length === 1 ? '' : 's'}); create a new plan`,
      );
    }
  }
}

/** An account's items as orders, in the stored order: the lots of one SELL of an asset together, each BUY alone. */
function ordersOf(items: HouseholdRebalancingPlanItem[]): HouseholdRebalancingPlanItem[][] {
  const orders: HouseholdRebalancingPlanItem[][] = [];
  for (const item of items) {
    const last = orders.at(-1);
    if (last && item.side === 'SELL' && last[0].side === 'SELL' && last[0].assetId === item.assetId) last.push(item);
    else orders.push([item]);
  }
  return orders;
}

function toRecordedTrade(order: HouseholdRebalancingPlanItem[], at: Date): RecordedTrade {
  const [first] = order;
  const quantity = order.reduce((sum, item) => sum.plus(item.quantity), new Big(0));
  return {
    type: first.side,
    executedAt: at,
    assetId: first.assetId,
    quantity,
    price: first.price,
    fee: new Big(0),
    // The lots the solver chose, whatever the account's lot method.
    lots: first.side === 'SELL' ? order.map((item) => ({ lotId: item.lotId!, quantity: item.quantity.toFixed() })) : null,
  };
}
