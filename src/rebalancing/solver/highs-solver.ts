import highsLoader, { type Highs, type ModelStatusCode } from 'highs';

export interface SolverLimits {
  /** Seconds; the best plan found by then is returned with its gap. */
  timeLimit: number;
  /** Stop once the incumbent is proved within this relative gap of the best bound... */
  mipRelGap: number;
  /** ...or within this absolute one, in the objective's units (dollars): near an objective of 0 a relative gap can take forever to prove. */
  mipAbsGap: number;
}

export type SolverStatus = 'OPTIMAL' | 'TIME_LIMIT' | 'INFEASIBLE' | 'UNBOUNDED' | 'ERROR';

export interface SolverResult {
  status: SolverStatus;
  /** Column name → primal value; empty when no feasible point was found. */
  primal: Map<string, number>;
  objective: number | null;
  /** Relative MIP gap of the returned point; null when HiGHS reports none (no integer columns, or no incumbent). */
  mipGap: number | null;
  timeMs: number;
}

const STATUS: Partial<Record<ModelStatusCode, SolverStatus>> = { 7: 'OPTIMAL', 8: 'INFEASIBLE', 9: 'INFEASIBLE', 10: 'UNBOUNDED', 13: 'TIME_LIMIT' };
// HiGHS's primal_solution_status: 2 is a feasible point.
const FEASIBLE_POINT = 2;

let runtime: Promise<Highs> | undefined;

/** The WebAssembly runtime, loaded once per process (about 30–150 ms) and dropped after an abort. */
function highs(): Promise<Highs> {
  runtime ??= highsLoader();
  return runtime;
}

/**
 * Solves a CPLEX LP model with HiGHS. The solve is synchronous WebAssembly and blocks the event
 * loop for up to timeLimit: the API solves through SolverPool (solver-pool.ts), which runs this on
 * worker threads; tests and the bench call it directly.
 */
export interface RunOptions {
  /** Solve the continuous relaxation: integer and binary columns taken as continuous within their bounds. */
  relaxation?: boolean;
  /**
   * A MIP start by column name: a point the caller believes feasible, so HiGHS starts with an
   * incumbent; columns left out are completed by HiGHS. It checks the point, and ignores one that is not feasible.
   */
  start?: ReadonlyMap<string, number>;
}

export async function solveLp(lp: string, limits: SolverLimits, options: RunOptions = {}): Promise<SolverResult> {
  const solver = await highs();
  const started = performance.now();
  try {
    return solver.withModel({ format: 'lp', data: lp }, (model) => {
      // Presolve off: on a 150-lot whole-unit household (5 accounts, 60 assets) HiGHS 1.15.3 with
      // presolve stopped at the time limit claiming a 0.8 % gap at -67,323, while without it proved
      // -105,116 optimal in 0.5 s, a point within 3e-10 of every original row: the presolved bound
      // was wrong, and a gap we report must be true. Big-M links to binaries, as our order rows are,
      // are the known trigger (ERGO-Code/HiGHS#3094, #2995). It costs some fractional-unit households speed.
      // Re-checked on the bench's household 168 (issue 18, HiGHS 1.15.1): with presolve it "proved"
      // -15,574.73 optimal at a 0 % gap, though -16,016.58 is feasible; without, the bound was -16,030.67.
      model.options.set({
        presolve: 'off',
        time_limit: limits.timeLimit,
        mip_rel_gap: limits.mipRelGap,
        mip_abs_gap: limits.mipAbsGap,
        output_flag: false,
        ...(options.relaxation ? { solve_relaxation: true } : {}),
      });
      if (options.start && options.start.size > 0) {
        const names = [...options.start.keys()];
        model.setSolution({ indices: names.map((name) => model.getColByName(name)), values: names.map((name) => options.start!.get(name)!) });
      }
      const { modelStatus } = model.run();
      const status = STATUS[modelStatus] ?? 'ERROR';
      const feasible = Number(model.info.get('primal_solution_status')) === FEASIBLE_POINT;
      const primal = new Map<string, number>();
      if (feasible) {
        const { colValue } = model.getSolution();
        colValue.forEach((value, i) => primal.set(model.getColName(i), value));
      }
      return {
        status,
        primal,
        objective: feasible ? model.getObjectiveValue() : null,
        mipGap: feasible ? mipGapOf(model.info.get('mip_gap')) : null,
        timeMs: performance.now() - started,
      };
    });
  } catch (error) {
    // A WebAssembly abort can leave the instance unusable: the next solve loads a fresh one.
    runtime = undefined;
    throw error;
  }
}

function mipGapOf(value: number | bigint): number | null {
  const gap = Number(value);
  return Number.isFinite(gap) ? gap : null;
}
