import { Injectable } from '@nestjs/common';
import { JobQueue } from '../jobs/job-queue';
import { QUEUES } from '../jobs/queues';
import type { AlertChange, AlertLevel } from './domain/alert-lifecycle';
import type { DriftReport } from './domain/drift';
import { DriftAlertRepository, type AlertFacts, type AlertSubject } from './drift-alert.repository';
import { toDriftAlertDto } from './drift-alerts.mapper';
import { driftBody } from './drift.mapper';
import type { DriftAlert, DriftAlertItem } from './entities/drift-alert.entity';
import { HouseholdPlanRepository } from './household-plan.repository';
import { PlanRepository } from './plan.repository';
import { WebhooksService } from './webhooks.service';
import { type Tx } from '../database/unit-of-work';

/** The portfolio whose alert moves, as the evaluation read it under its lock. */
export interface AlertedPortfolio {
  id: string;
  userId: string;
  autoRebalance: string;
  alertId: string | null;
}

/** The household whose alert moves, as the evaluation read it under its lock. */
export interface AlertedHousehold {
  id: string;
  userId: string;
  autoRebalance: string;
  alertId: string | null;
}

/** What a move needs to know of its subject, portfolio or household. */
interface Alerted {
  subject: AlertSubject;
  userId: string;
  alertId: string | null;
  /** Whether an opened or escalated alert asks for an automatic plan. */
  suggest: boolean;
}

/** The alert's facts as shown: only the classes out of their band. */
function factsOf(report: DriftReport, now: Date): AlertFacts {
  const shown = driftBody(report, now, []);
  return {
    totalValue: report.totalValue,
    totalDrift: report.totalDrift,
    items: shown.items.filter((item) => item.driftLevel !== 'WITHIN_TOLERANCE') as DriftAlertItem[],
  };
}

/**
 * Moves a locked portfolio's (or household's) alert as its fresh drift calls for, in the caller's
 * transaction: the alert row, its webhook event and, for a subject that asks for them, the job that
 * proposes the automatic plan (a portfolio plan, or a household plan solved on the solver pool).
 */
@Injectable()
export class DriftAlertTransitions {
  constructor(
    private readonly alerts: DriftAlertRepository,
    private readonly plans: PlanRepository,
    private readonly householdPlans: HouseholdPlanRepository,
    private readonly webhooks: WebhooksService,
    private readonly jobs: JobQueue,
  ) {}

  /** Applies the change to the portfolio's alert; returns it, or NONE when there was nothing to do. */
  apply(manager: Tx, portfolio: AlertedPortfolio, report: DriftReport, change: AlertChange, now: Date): Promise<AlertChange['kind']> {
    const subject: AlertSubject = { portfolioId: portfolio.id, householdId: null };
    return this.move(
      manager,
      { subject, userId: portfolio.userId, alertId: portfolio.alertId, suggest: portfolio.autoRebalance === 'SUGGEST' },
      report,
      change,
      now,
    );
  }

  /** Applies the change to the household's alert; returns it, or NONE when there was nothing to do. */
  applyToHousehold(manager: Tx, household: AlertedHousehold, report: DriftReport, change: AlertChange, now: Date): Promise<AlertChange['kind']> {
    const subject: AlertSubject = { portfolioId: null, householdId: household.id };
    return this.move(
      manager,
      { subject, userId: household.userId, alertId: household.alertId, suggest: household.autoRebalance === 'SUGGEST' },
      report,
      change,
      now,
    );
  }

  /** The job that proposes the alert's automatic plan, committed with the alert's change. */
  private async proposePlan(manager: Tx, subject: AlertSubject, alertId: string): Promise<void> {
    await this.jobs.send(subject.portfolioId !== null ? QUEUES.autoPlan : QUEUES.householdAutoPlan, { alertId }, { manager });
  }

  private async move(manager: Tx, alerted: Alerted, report: DriftReport, change: AlertChange, now: Date): Promise<AlertChange['kind']> {
    if (change.kind === 'NONE') return 'NONE';
    const alert = alerted.alertId === null ? null : await this.alerts.findById(manager, alerted.alertId);
    const { suggest, userId } = alerted;
    switch (change.kind) {
      case 'OPEN': {
        const opened = await this.alerts.open(manager, alerted.subject, change.level, factsOf(report, now), now);
        await this.webhooks.emit(manager, userId, 'drift.alert.opened', toDriftAlertDto(opened));
        if (suggest) await this.proposePlan(manager, alerted.subject, opened.id);
        break;
      }
      case 'ESCALATE':
      case 'DEESCALATE': {
        const changed = alert as DriftAlert;
        changed.level = change.level as AlertLevel;
        Object.assign(changed, factsOf(report, now));
        changed.levelChangedAt = now;
        if (change.kind === 'ESCALATE') {
          // Worse than what was acknowledged: it needs attention again.
          changed.status = 'OPEN';
          changed.acknowledgedAt = null;
          // The household plan was solved for the level before: the escalation's job proposes one for this
          // level, and a plan linked means it already did (the job's exactly-once check).
          changed.householdPlanId = null;
        }
        const saved = await this.alerts.save(manager, changed);
        if (change.kind === 'ESCALATE') {
          await this.webhooks.emit(manager, userId, 'drift.alert.escalated', toDriftAlertDto(saved));
          if (suggest) await this.proposePlan(manager, alerted.subject, saved.id);
        }
        break;
      }
      case 'RESOLVE': {
        const resolved = alert as DriftAlert;
        resolved.status = 'RESOLVED';
        resolved.resolvedAt = now;
        const saved = await this.alerts.save(manager, resolved);
        // Back within tolerance: an automatic proposal nobody executed has nothing left to do.
        if (alerted.subject.portfolioId !== null) await this.plans.cancelPendingAutomatic(manager, alerted.subject.portfolioId);
        else await this.householdPlans.cancelPendingAutomatic(manager, alerted.subject.householdId);
        await this.webhooks.emit(manager, userId, 'drift.alert.resolved', toDriftAlertDto(saved));
        break;
      }
    }
    return change.kind;
  }
}
