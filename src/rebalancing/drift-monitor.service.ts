import { Injectable } from '@nestjs/common';
import { sumOf } from '../common/decimal/decimal';
import { alertChange, type AlertChange } from './domain/alert-lifecycle';
import { computeDrift, type DriftReport, type DriftStatus } from './domain/drift';
import { DriftAlertTransitions, type AlertedHousehold, type AlertedPortfolio } from './drift-alert-transitions.service';
import { DriftHistoryRepository } from './drift-history.repository';
import { DriftQueries, type BatchStatus, type HouseholdFilter, type PortfolioFilter } from './drift-queries.repository';
import { type Tx } from '../database/unit-of-work';

export type { HouseholdFilter, PortfolioFilter } from './drift-queries.repository';

export interface EvaluationOutcome {
  evaluated: number;
  opened: number;
  escalated: number;
  resolved: number;
}

interface PortfolioState {
  portfolio: AlertedPortfolio;
  report: DriftReport;
  change: AlertChange;
}

interface HouseholdState {
  household: AlertedHousehold;
  report: DriftReport;
  change: AlertChange;
}

/**
 * Of the first, unlocked statuses: the ids whose alert would move, and those to read in full for
 * the history (see evaluate).
 */
function triage(first: BatchStatus[], recheck: boolean): { moving: Set<string>; recorded: string[] } {
  const judged = first.filter((row) => row.status !== null);
  const moving = new Set(judged.filter((row) => alertChange(row.alertLevel, row.status as DriftStatus).kind !== 'NONE').map((row) => row.id));
  const recorded = recheck ? judged.map((row) => row.id) : judged.filter((row) => moving.has(row.id) || !row.hasHistory).map((row) => row.id);
  return { moving, recorded };
}

/**
 * Watches every portfolio with targets. Values come from one SQL aggregate per
 * batch (no ORM loading per portfolio); drift is the same pure computeDrift
 * the API uses; alerts change under row locks on the portfolios, so two
 * evaluations of one portfolio never interleave.
 */
@Injectable()
export class DriftMonitorService {
  constructor(
    private readonly queries: DriftQueries,
    private readonly driftHistory: DriftHistoryRepository,
    private readonly transitions: DriftAlertTransitions,
  ) {}

  /**
   * Evaluates the filtered portfolios that have targets and moves their alerts; runs in the caller's
   * transaction. Most portfolios keep their level from one evaluation to the next, so each one's
   * status is first decided in SQL, without locks; only those whose alert would move are locked and
   * read again in full, and the change is decided on that reading, which no other evaluation can
   * interleave with.
   */
  async evaluate(manager: Tx, filter: PortfolioFilter): Promise<EvaluationOutcome> {
    const first = await this.queries.statusesForBatch(manager, filter);
    const outcome: EvaluationOutcome = { evaluated: first.length, opened: 0, escalated: 0, resolved: 0 };
    // The drift history gets a point whenever the facts may have changed: a re-check follows every
    // write that moves a portfolio's values, targets or bands, so it records all its portfolios. A
    // scan records those whose alert moves and those with no point yet, so every portfolio with
    // targets has a series without the steady-state scan reading each one in full.
    const { moving, recorded } = triage(first, 'ids' in filter);
    if (recorded.length === 0) return outcome;

    // The second reading is a statement of its own, so it sees what an evaluation it waited for wrote.
    await this.queries.lockForEvaluation(manager, [...moving]);
    const now = new Date();
    const states = await this.states(manager, [...new Set([...moving, ...recorded])]);
    await this.driftHistory.recordChanged(
      manager,
      states.map(({ portfolio, report }) => ({ portfolioId: portfolio.id, report })),
      now,
    );
    for (const { portfolio, report, change } of states) {
      // Only a locked portfolio's alert may change: the others were read for their history alone.
      if (!moving.has(portfolio.id)) continue;
      count(outcome, await this.transitions.apply(manager, portfolio, report, change, now));
    }
    return outcome;
  }

  /**
   * A re-check after a write: the portfolios, then the households with targets that hold any of
   * them and the households named besides, in the caller's transaction.
   */
  async recheck(manager: Tx, portfolioIds: readonly string[], householdIds: readonly string[]): Promise<void> {
    if (portfolioIds.length > 0) await this.evaluate(manager, { ids: [...portfolioIds] });
    const households = new Set([...householdIds, ...(await this.queries.householdsWithTargetsOf(manager, portfolioIds))]);
    if (households.size > 0) await this.evaluateHouseholds(manager, { ids: [...households] });
  }

  /**
   * Evaluates the filtered households that have targets of their own, as evaluate does portfolios:
   * statuses first in SQL without locks, then those whose alert would move locked (an advisory
   * lock per household) and read in full, their history recorded and their alert moved.
   */
  async evaluateHouseholds(manager: Tx, filter: HouseholdFilter): Promise<EvaluationOutcome> {
    const first = await this.queries.householdStatuses(manager, filter);
    const outcome: EvaluationOutcome = { evaluated: first.length, opened: 0, escalated: 0, resolved: 0 };
    const { moving, recorded } = triage(first, 'ids' in filter);
    if (recorded.length === 0) return outcome;

    await this.queries.lockHouseholdsForEvaluation(manager, [...moving]);
    const now = new Date();
    const states = await this.householdStates(manager, [...new Set([...moving, ...recorded])]);
    await this.driftHistory.recordHouseholdChanged(
      manager,
      states.map(({ household, report }) => ({ householdId: household.id, report })),
      now,
    );
    for (const { household, report, change } of states) {
      if (!moving.has(household.id)) continue;
      count(outcome, await this.transitions.applyToHousehold(manager, household, report, change, now));
    }
    return outcome;
  }

  /** The given households with targets in full: their drift report (untargeted band 0) and the alert change it calls for; overdrawn ones are left out. */
  private async householdStates(manager: Tx, ids: string[]): Promise<HouseholdState[]> {
    const readings = await this.queries.householdReadings(manager, ids);
    return readings
      .filter((reading) => !sumOf(reading.values.map((entry) => entry.value)).lt(0))
      .map((reading) => {
        const report = computeDrift(reading.values, reading.bands);
        return { household: reading.household, report, change: alertChange(reading.alertLevel, report.status) };
      });
  }

  /** The given portfolios with targets in full: their drift report and the alert change it calls for; overdrawn ones are left out. */
  private async states(manager: Tx, ids: string[]): Promise<PortfolioState[]> {
    const readings = await this.queries.readings(manager, ids);
    return readings
      .filter((reading) => !sumOf(reading.values.map((entry) => entry.value)).lt(0))
      .map((reading) => {
        const report = computeDrift(reading.values, reading.bands, reading.untargetedBand);
        return { portfolio: reading.portfolio, report, change: alertChange(reading.alertLevel, report.status) };
      });
  }
}

function count(outcome: EvaluationOutcome, applied: AlertChange['kind']): void {
  if (applied === 'OPEN') outcome.opened++;
  else if (applied === 'ESCALATE') outcome.escalated++;
  else if (applied === 'RESOLVE') outcome.resolved++;
}
