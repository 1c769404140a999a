import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { HouseholdRebalancingPlanItem } from './entities/household-rebalancing-plan-item.entity';
import { HouseholdRebalancingPlan } from './entities/household-rebalancing-plan.entity';

export type NewHouseholdPlan = Pick<
  HouseholdRebalancingPlan,
  'householdId' | 'options' | 'origin' | 'holdingsVersion' | 'prices' | 'accounts' | 'report' | 'warnings'
>;
export type NewHouseholdPlanItem = Omit<HouseholdRebalancingPlanItem, 'id' | 'planId' | 'plan' | 'portfolio' | 'status' | 'executedAt' | 'transactionId'>;

/** Household plans and their items (household_rebalancing_plans, …_items). Reads for a user join the household and filter by its owner. */
@Injectable()
export class HouseholdPlanRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The user's plan of that household; locked until the caller's transaction ends when asked; null when it is not theirs. */
  findOwned(
    userId: string,
    householdId: string,
    planId: string,
    lock = false,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<HouseholdRebalancingPlan | null> {
    const builder = manager
      .getRepository(HouseholdRebalancingPlan)
      .createQueryBuilder('plan')
      .innerJoin('plan.household', 'household')
      .where('plan.id = :planId AND plan.household_id = :householdId AND household.user_id = :userId', { planId, householdId, userId });
    if (lock) builder.setLock('pessimistic_write', undefined, ['plan']);
    return builder.getOne();
  }

  /** The plan's items in their stored order. */
  itemsOf(planId: string, manager: EntityManager = this.dataSource.manager): Promise<HouseholdRebalancingPlanItem[]> {
    return manager.find(HouseholdRebalancingPlanItem, { where: { planId }, order: { ordinal: 'ASC' } });
  }

  /** Stores a PENDING plan with its items, numbered in the order given. */
  async insertPending(manager: EntityManager, plan: NewHouseholdPlan, items: readonly NewHouseholdPlanItem[]): Promise<HouseholdRebalancingPlan> {
    const saved = await manager.save(
      manager.create(HouseholdRebalancingPlan, { ...plan, status: 'PENDING', execution: null, executedAt: null, cancelledAt: null }),
    );
    if (items.length > 0) {
      await manager.insert(
        HouseholdRebalancingPlanItem,
        items.map((item) => ({ ...item, planId: saved.id, status: 'PENDING' as const, executedAt: null, transactionId: null })),
      );
    }
    return saved;
  }

  /** Marks the items executed by the transactions that recorded them, in one statement. */
  async markExecuted(manager: EntityManager, executed: ReadonlyArray<{ itemId: string; transactionId: string }>, at: Date): Promise<void> {
    if (executed.length === 0) return;
    await manager.query(
      `UPDATE household_rebalancing_plan_items i SET status = 'EXECUTED', executed_at = $3, transaction_id = v.transaction_id
         FROM unnest($1::uuid[], $2::uuid[]) AS v(id, transaction_id) WHERE i.id = v.id`,
      [executed.map((e) => e.itemId), executed.map((e) => e.transactionId), at],
    );
  }

  savePlan(manager: EntityManager, plan: HouseholdRebalancingPlan): Promise<HouseholdRebalancingPlan> {
    return manager.save(plan);
  }

  /** Cancels the household's pending automatic plan, if any, with its items: at most one is pending (a partial unique index). */
  async cancelPendingAutomatic(manager: EntityManager, householdId: string): Promise<void> {
    await manager.query(
      `WITH cancelled AS (
         UPDATE household_rebalancing_plans SET status = 'CANCELLED', cancelled_at = now(), updated_at = now()
         WHERE household_id = $1 AND origin = 'AUTOMATIC' AND status = 'PENDING' RETURNING id)
       UPDATE household_rebalancing_plan_items SET status = 'CANCELLED' WHERE status = 'PENDING' AND plan_id IN (SELECT id FROM cancelled)`,
      [householdId],
    );
  }
}
