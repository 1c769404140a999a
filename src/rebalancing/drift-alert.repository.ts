import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import type { Big } from '../common/decimal/decimal';
import type { Keyset } from '../common/pagination/cursor';
import { paginate, type Page, type PageRequest } from '../common/pagination/paginate';
import type { AlertLevel, AlertStatus } from './domain/alert-lifecycle';
import { DriftAlert, type DriftAlertItem } from './entities/drift-alert.entity';

/** Newest first. */
const ALERT_PAGES: Keyset = {
  direction: 'DESC',
  keys: [
    { column: 'alert.opened_at', type: 'timestamptz' },
    { column: 'alert.id', type: 'uuid' },
  ],
};

export interface AlertFilter {
  /** Only the alerts of this portfolio (still only the owner's). */
  portfolioId?: string;
  /** Only the alerts of this household's own targets (still only the owner's). */
  householdId?: string;
  status?: AlertStatus;
  level?: AlertLevel;
}

/** The facts an alert shows, as of its last change of level. */
export interface AlertFacts {
  totalValue: Big;
  totalDrift: Big;
  items: DriftAlertItem[];
}

/** Whose alert: a portfolio's, or a household's (judged against the household's own targets). */
export type AlertSubject = { portfolioId: string; householdId: null } | { portfolioId: null; householdId: string };

/** The drift alerts (drift_alerts). Reads for a user join the portfolio or the household and filter by its owner. */
@Injectable()
export class DriftAlertRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** A page of the user's alerts, newest first. */
  pageOwned(userId: string, filter: AlertFilter, query: PageRequest): Promise<Page<DriftAlert>> {
    const builder = this.owned(userId, this.dataSource.getRepository(DriftAlert).createQueryBuilder('alert'));
    if (filter.portfolioId) builder.andWhere('alert.portfolio_id = :portfolioId', { portfolioId: filter.portfolioId });
    if (filter.householdId) builder.andWhere('alert.household_id = :householdId', { householdId: filter.householdId });
    if (filter.status) builder.andWhere('alert.status = :status', { status: filter.status });
    if (filter.level) builder.andWhere('alert.level = :level', { level: filter.level });
    return paginate(builder, ALERT_PAGES, query);
  }

  /** The user's alert, locked until the caller's transaction ends; null when it is not theirs. */
  findOwnedForUpdate(manager: EntityManager, userId: string, alertId: string): Promise<DriftAlert | null> {
    return this.owned(userId, manager.getRepository(DriftAlert).createQueryBuilder('alert'))
      .andWhere('alert.id = :alertId', { alertId })
      .setLock('pessimistic_write', undefined, ['alert'])
      .getOne();
  }

  /** An alert by id, for the system acting on it (the automatic plan); locked when asked. */
  findById(manager: EntityManager, alertId: string, lock = false): Promise<DriftAlert | null> {
    return manager.findOne(DriftAlert, { where: { id: alertId }, lock: lock ? { mode: 'pessimistic_write' } : undefined });
  }

  /** Opens the portfolio's (or household's) alert at this level. */
  open(manager: EntityManager, subject: AlertSubject, level: AlertLevel, facts: AlertFacts, now: Date): Promise<DriftAlert> {
    return manager.save(
      manager.create(DriftAlert, {
        ...subject,
        status: 'OPEN',
        level,
        ...facts,
        levelChangedAt: now,
        acknowledgedAt: null,
        resolvedAt: null,
        planId: null,
        householdPlanId: null,
      }),
    );
  }

  save(manager: EntityManager, alert: DriftAlert): Promise<DriftAlert> {
    return manager.save(alert);
  }

  async linkPlan(manager: EntityManager, alertId: string, planId: string): Promise<void> {
    await manager.update(DriftAlert, { id: alertId }, { planId });
  }

  async linkHouseholdPlan(manager: EntityManager, alertId: string, householdPlanId: string): Promise<void> {
    await manager.update(DriftAlert, { id: alertId }, { householdPlanId });
  }

  /** An alert is the user's when its portfolio or its household is: exactly one of the two is set. */
  private owned(userId: string, builder: SelectQueryBuilder<DriftAlert>): SelectQueryBuilder<DriftAlert> {
    return builder
      .leftJoin('alert.portfolio', 'portfolio')
      .leftJoin('alert.household', 'household')
      .where('(portfolio.user_id = :userId OR household.user_id = :userId)', { userId });
  }
}
