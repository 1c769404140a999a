import type { RunOptions, SolverLimits, SolverResult } from './highs-solver';

/** What the pool posts to a worker: one model at a time. */
export interface SolveRequest {
  lp: string;
  limits: SolverLimits;
  options: RunOptions;
}

/** What a worker posts back; a Map survives the structured clone, so the primal values arrive as solveLp returns them. */
export type SolveReply = { ok: true; result: SolverResult } | { ok: false; message: string };

/**
 * Counters the workers of a pool keep in one SharedArrayBuffer of Int32 slots, so what runs in the
 * workers is observed where it happens, not inferred from what the pool sent: the most solves ever
 * running at once, the solves finished, then one slot per worker that is 1 while it solves (the
 * pool clears the slot of a worker it terminated mid-solve, which never got to).
 */
export const COUNTER = { PEAK_RUNNING: 0, SOLVED: 1, FIRST_RUNNING_SLOT: 2 } as const;

export interface WorkerData {
  counters: SharedArrayBuffer;
  /** This worker's running slot. */
  slot: number;
  /** Running slots in all. */
  slots: number;
}

/** Solves running now: the sum of the running slots. */
export function runningNow(counters: Int32Array, slots: number): number {
  let running = 0;
  for (let slot = 0; slot < slots; slot++) running += Atomics.load(counters, COUNTER.FIRST_RUNNING_SLOT + slot);
  return running;
}
