import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, In } from 'typeorm';
import type { Keyset } from '../common/pagination/cursor';
import { paginate, type Page, type PageRequest } from '../common/pagination/paginate';
import { RebalancingPlanItem } from './entities/rebalancing-plan-item.entity';
import { RebalancingPlan } from './entities/rebalancing-plan.entity';

/** Newest first. */
const PLAN_PAGES: Keyset = {
  direction: 'DESC',
  keys: [
    { column: 'plan.created_at', type: 'timestamptz' },
    { column: 'plan.id', type: 'uuid' },
  ],
};

export type NewPlan = Pick<RebalancingPlan, 'portfolioId' | 'options' | 'origin' | 'holdingsVersion' | 'summary' | 'warnings'>;
export type NewPlanItem = Omit<RebalancingPlanItem, 'id' | 'planId' | 'plan' | 'executedAt' | 'transactionId'>;

/**
 * The rebalancing plans and their items (rebalancing_plans, rebalancing_plan_items). Reads for a user
 * join the portfolio and filter by its owner.
 */
@Injectable()
export class PlanRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The user's plan of that portfolio; locked until the caller's transaction ends when asked; null when it is not theirs. */
  findOwned(manager: EntityManager, userId: string, portfolioId: string, planId: string, lock = false): Promise<RebalancingPlan | null> {
    const builder = manager
      .getRepository(RebalancingPlan)
      .createQueryBuilder('plan')
      .innerJoin('plan.portfolio', 'portfolio')
      .where('plan.id = :planId AND plan.portfolio_id = :portfolioId AND portfolio.user_id = :userId', { planId, portfolioId, userId });
    if (lock) builder.setLock('pessimistic_write', undefined, ['plan']);
    return builder.getOne();
  }

  /** A page of the user's plans of that portfolio, newest first. */
  pageOwned(userId: string, portfolioId: string, query: PageRequest): Promise<Page<RebalancingPlan>> {
    const builder = this.dataSource
      .getRepository(RebalancingPlan)
      .createQueryBuilder('plan')
      .innerJoin('plan.portfolio', 'portfolio')
      .where('plan.portfolio_id = :portfolioId AND portfolio.user_id = :userId', { portfolioId, userId });
    return paginate(builder, PLAN_PAGES, query);
  }

  /** The plan's items in their stored order. */
  itemsOf(manager: EntityManager, planId: string): Promise<RebalancingPlanItem[]> {
    return manager.find(RebalancingPlanItem, { where: { planId }, order: { ordinal: 'ASC' } });
  }

  /** The items of several plans (a page's), in their stored order. */
  async itemsOfPlans(planIds: readonly string[]): Promise<RebalancingPlanItem[]> {
    if (planIds.length === 0) return [];
    return this.dataSource.getRepository(RebalancingPlanItem).find({ where: { planId: In([...planIds]) }, order: { ordinal: 'ASC' } });
  }

  /** Stores a PENDING plan with its items, numbered in the order given. */
  async insertPending(manager: EntityManager, plan: NewPlan, items: readonly NewPlanItem[]): Promise<RebalancingPlan> {
    const saved = await manager.save(manager.create(RebalancingPlan, { ...plan, status: 'PENDING', execution: null, executedAt: null, cancelledAt: null }));
    if (items.length > 0) {
      await manager.insert(
        RebalancingPlanItem,
        items.map((item) => ({ ...item, planId: saved.id, executedAt: null, transactionId: null })),
      );
    }
    return saved;
  }

  savePlan(manager: EntityManager, plan: RebalancingPlan): Promise<RebalancingPlan> {
    return manager.save(plan);
  }

  saveItem(manager: EntityManager, item: RebalancingPlanItem): Promise<RebalancingPlanItem> {
    return manager.save(item);
  }

  /** Cancels a PENDING plan with its pending items. */
  async cancel(manager: EntityManager, plan: RebalancingPlan, at: Date): Promise<void> {
    plan.status = 'CANCELLED';
    plan.cancelledAt = at;
    await manager.save(plan);
    await manager.update(RebalancingPlanItem, { planId: plan.id, status: 'PENDING' }, { status: 'CANCELLED' });
  }

  /** Cancels the portfolio's pending automatic plan, if any, with its pending items: superseded, or no longer needed. */
  async cancelPendingAutomatic(manager: EntityManager, portfolioId: string): Promise<void> {
    await manager.query(
      `WITH cancelled AS (
         UPDATE rebalancing_plans SET status = 'CANCELLED', cancelled_at = now(), updated_at = now()
         WHERE portfolio_id = $1 AND origin = 'AUTOMATIC' AND status = 'PENDING' RETURNING id)
       UPDATE rebalancing_plan_items SET status = 'CANCELLED' WHERE status = 'PENDING' AND plan_id IN (SELECT id FROM cancelled)`,
      [portfolioId],
    );
  }
}
