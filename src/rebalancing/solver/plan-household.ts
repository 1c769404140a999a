import type { Big } from '../../common/decimal/decimal';
import type { DriftReport } from '../domain/drift';
import { toExactPlan } from '../domain/household-solver/exact-plan';
import { buildModel, startColumns, type HouseholdModel } from '../domain/household-solver/model';
import { naiveBaseline } from '../domain/household-solver/naive-baseline';
import { polishPlan } from '../domain/household-solver/polish-start';
import type { HouseholdProblem, Proposal } from '../domain/household-solver/problem';
import { describePlan } from '../domain/household-solver/proposal';
import { repairPlan } from '../domain/household-solver/repair';
import { assessPlan, type EstimatedTax, type Violation } from '../domain/household-solver/verify';
import { solveLp, type RunOptions, type SolverLimits, type SolverResult, type SolverStatus } from './highs-solver';

/**
 * Issue 18: a 2 s time limit by default, and a plan proved within 0.1 % (the bench's goal) or within
 * 1 of the objective (an order, or a dollar of tax or distance to target): buying whole units to a
 * target is a knapsack, and proving the last few cents of it optimal can take longer than the limit.
 */
export const DEFAULT_SOLVER_LIMITS: SolverLimits = { timeLimit: 2, mipRelGap: 1e-3, mipAbsGap: 1 };

export interface HouseholdPlan {
  proposal: Proposal;
  solver: { status: SolverStatus; objective: number | null; mipGap: number | null; timeMs: number };
  /** The exact check of the plan as proposed, after repair: ok means every hard constraint holds. */
  verification: { ok: boolean; violations: Violation[]; repairs: string[] };
  breakdown: { estimatedTax: EstimatedTax; shortTermGain: Big; longTermGain: Big; residualDrift: DriftReport; turnover: Big; trades: number };
  /** The tax-blind per-account rebalance (naiveBaseline), and the tax the plan saves against it. */
  baseline: { naive: { estimatedTax: EstimatedTax; trades: number; residualDrift: DriftReport }; taxSavedVsNaive: Big };
}

/** The HiGHS step: in this thread (solveLp), or on a worker of a SolverPool. */
export type SolveLp = (lp: string, limits: SolverLimits, options?: RunOptions) => Promise<SolverResult>;

/**
 * Solves a household with HiGHS and turns the floating-point answer into an exact, verified plan.
 * Without a feasible point (an infeasible model, or a time limit reached before one) the plan is
 * empty and the breakdown is the household as it stands. Only the solve goes through `solve`: the
 * model is built and the answer verified and repaired here, exactly, whichever thread solved it.
 */
export async function planHousehold(problem: HouseholdProblem, limits: SolverLimits = DEFAULT_SOLVER_LIMITS, solve: SolveLp = solveLp): Promise<HouseholdPlan> {
  const model = buildModel(problem);
  // A linear program needs no start: the one solve is the answer.
  const warm = model.linear ? { start: new Map<string, number>(), timeMs: 0 } : await warmStart(problem, model, limits, solve);
  // The limit covers both solves: the MIP gets what the relaxation left, and never less than a blink.
  const remaining = Math.max(MIN_MIP_SECONDS, limits.timeLimit - warm.timeMs / 1000);
  const mip = await solve(model.lp, { ...limits, timeLimit: remaining }, { start: warm.start });
  const result = { ...mip, timeMs: warm.timeMs + mip.timeMs };
  const { plan, assessment, repairs } = repairPlan(model.facts, toExactPlan(model, result.primal));
  const naive = naiveBaseline(model.facts).assessment;
  return {
    proposal: describePlan(model.facts, plan, assessment),
    solver: { status: result.status, objective: result.objective, mipGap: result.mipGap, timeMs: result.timeMs },
    verification: { ok: assessment.violations.length === 0, violations: assessment.violations, repairs },
    breakdown: {
      estimatedTax: assessment.estimatedTax,
      shortTermGain: assessment.shortTermGain,
      longTermGain: assessment.longTermGain,
      residualDrift: assessment.drift,
      turnover: assessment.turnover,
      trades: assessment.trades,
    },
    baseline: {
      naive: { estimatedTax: naive.estimatedTax, trades: naive.trades, residualDrift: naive.drift },
      taxSavedVsNaive: naive.estimatedTax.total.minus(assessment.estimatedTax.total),
    },
  };
}

const MIN_MIP_SECONDS = 0.05;

/**
 * A MIP start: the continuous relaxation, rounded to exact units and repaired by the same exact
 * code as the final plan, so a point within every hard constraint that is usually near the optimum.
 * Without it HiGHS's own rounding heuristics found only poor points on whole-unit households (no
 * trades at all, an objective of millions in drift) and the time went on looking for better ones.
 * A start the repair could not make valid is not offered. In whole units the rounded start is then
 * polished (polishPlan: rounding to whole units alone left starts hundreds of dollars of distance
 * from the relaxation, and HiGHS spent the limit closing in), and offered unpolished should the
 * exact check find fault with the polish.
 */
async function warmStart(
  problem: HouseholdProblem,
  model: HouseholdModel,
  limits: SolverLimits,
  solve: SolveLp,
): Promise<{ start: Map<string, number>; timeMs: number }> {
  // In whole units the relaxation aims inside the bands by a rounding margin; its columns are the model's.
  const aimed = problem.options.wholeUnits ? buildModel(problem, 'ROUNDING_MARGIN') : model;
  const relaxed = await solve(aimed.lp, limits, { relaxation: true });
  if (relaxed.primal.size === 0) return { start: new Map(), timeMs: relaxed.timeMs };
  const { plan, assessment } = repairPlan(model.facts, toExactPlan(model, relaxed.primal));
  if (assessment.violations.length > 0) return { start: new Map(), timeMs: relaxed.timeMs };
  if (!problem.options.wholeUnits) return { start: startColumns(model, plan), timeMs: relaxed.timeMs };
  const polished = polishPlan(model, plan, assessment.cashAfter);
  const valid = assessPlan(model.facts, polished).violations.length === 0;
  return { start: startColumns(model, valid ? polished : plan), timeMs: relaxed.timeMs };
}
