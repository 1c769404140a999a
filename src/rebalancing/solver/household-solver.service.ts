import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import type { HouseholdProblem } from '../domain/household-solver/problem';
import type { SolverLimits } from './highs-solver';
import { DEFAULT_SOLVER_LIMITS, planHousehold, type HouseholdPlan } from './plan-household';
import { SolverPool, type SolverPoolStats } from './solver-pool';

/**
 * Household plans for the API: solved on the SolverPool's worker threads within the configured
 * concurrency, queue and time limit (AppConfig.solver), verified and repaired on the caller's
 * thread. A full queue throws the AppProblem SOLVER_BUSY (503, Retry-After).
 */
@Injectable()
export class HouseholdSolver implements OnModuleDestroy {
  private readonly pool: SolverPool;
  private readonly limits: SolverLimits;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.pool = new SolverPool({ concurrency: config.solver.concurrency, queueLimit: config.solver.queueLimit });
    this.limits = { ...DEFAULT_SOLVER_LIMITS, timeLimit: config.solver.timeLimitMs / 1000 };
  }

  plan(problem: HouseholdProblem): Promise<HouseholdPlan> {
    return planHousehold(problem, this.limits, (lp, limits, options) => this.pool.solve(lp, limits, options));
  }

  get stats(): SolverPoolStats {
    return this.pool.stats;
  }

  onModuleDestroy(): Promise<void> {
    return this.pool.close();
  }
}
