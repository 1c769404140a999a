import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { AppProblem } from '../../common/problem/problem';
import { RebalancingErrorCode } from '../rebalancing-errors';
import type { RunOptions, SolverLimits, SolverResult } from './highs-solver';
import { COUNTER, runningNow, type SolveReply, type SolveRequest, type WorkerData } from './solver-worker-protocol';

export interface SolverPoolOptions {
  /** Solves at once, one worker thread each (at least 1). */
  concurrency: number;
  /** Solves that may wait for a worker; one more is refused with SOLVER_BUSY. */
  queueLimit: number;
}

export interface SolverPoolStats {
  /** Worker threads alive: started on demand, up to concurrency; 0 after close. */
  workers: number;
  /** Solves running in the workers now, and the most ever at once (counted inside the workers). */
  running: number;
  peakRunning: number;
  /** Solves the workers have finished. */
  solved: number;
  queued: number;
}

interface Task {
  request: SolveRequest;
  resolve: (result: SolverResult) => void;
  reject: (error: Error) => void;
}

// A HiGHS solve stops itself at its time limit; a worker silent for twice that and ten seconds more
// (a new worker first compiles HiGHS, slowly on a loaded machine) is stuck in WebAssembly that
// nothing else can interrupt, so it is terminated and replaced.
const watchdogMs = (limits: SolverLimits) => limits.timeLimit * 2000 + 10_000;

/**
 * HiGHS solves on a fixed number of worker threads, so the synchronous WebAssembly never blocks the
 * event loop, with a bounded FIFO queue in front. Workers start on the first solves that need them
 * and stay, each with its HiGHS runtime loaded; a worker that dies or hangs fails its solve and is
 * replaced. close() refuses queued solves and terminates every worker.
 */
export class SolverPool {
  /** Live workers and their running slots. */
  private readonly workers = new Map<Worker, number>();
  private readonly idle: Worker[] = [];
  private readonly busy = new Map<Worker, { task: Task; watchdog: NodeJS.Timeout }>();
  private readonly queue: Task[] = [];
  private readonly counters: Int32Array;
  private closed = false;

  constructor(private readonly options: SolverPoolOptions) {
    if (!Number.isInteger(options.concurrency) || options.concurrency < 1) throw new Error('SolverPool: concurrency must be a whole number of at least 1');
    if (!Number.isInteger(options.queueLimit) || options.queueLimit < 0) throw new Error('SolverPool: queueLimit must be a whole number of at least 0');
    const slots = COUNTER.FIRST_RUNNING_SLOT + options.concurrency;
    this.counters = new Int32Array(new SharedArrayBuffer(slots * Int32Array.BYTES_PER_ELEMENT));
  }

  /**
   * Solves on a free worker, or queues; with the queue full it refuses at once with SOLVER_BUSY and a
   * Retry-After of the time the queue ahead takes to drain at the worst.
   */
  solve(lp: string, limits: SolverLimits, options: RunOptions = {}): Promise<SolverResult> {
    if (this.closed) return Promise.reject(new Error('SolverPool: closed'));
    const freeWorker = this.idle.pop() ?? (this.workers.size < this.options.concurrency ? this.spawn() : undefined);
    if (!freeWorker && this.queue.length >= this.options.queueLimit) {
      const waves = Math.ceil((this.options.queueLimit + this.options.concurrency) / this.options.concurrency);
      const seconds = Math.ceil(limits.timeLimit * waves);
      return Promise.reject(
        new AppProblem(
          RebalancingErrorCode.SOLVER_BUSY,
          `Every household solver is busy and ${this.queue.length} plans are waiting; retry in ${seconds} seconds`,
        ).withHeader('Retry-After', String(seconds)),
      );
    }
    return new Promise<SolverResult>((resolve, reject) => {
      const task = { request: { lp, limits, options }, resolve, reject };
      if (freeWorker) this.dispatch(freeWorker, task);
      else this.queue.push(task);
    });
  }

  get stats(): SolverPoolStats {
    return {
      workers: this.workers.size,
      running: runningNow(this.counters, this.options.concurrency),
      peakRunning: Atomics.load(this.counters, COUNTER.PEAK_RUNNING),
      solved: Atomics.load(this.counters, COUNTER.SOLVED),
      queued: this.queue.length,
    };
  }

  /** Refuses the queued solves, fails the running ones and resolves once every worker has exited. */
  async close(): Promise<void> {
    this.closed = true;
    for (const task of this.queue.splice(0)) task.reject(new Error('SolverPool: closed before the solve started'));
    await Promise.all([...this.workers.keys()].map((worker) => worker.terminate()));
  }

  private spawn(): Worker {
    const { filename, execArgv } = workerEntry();
    const taken = new Set(this.workers.values());
    const slot = [...Array(this.options.concurrency).keys()].find((s) => !taken.has(s))!;
    const workerData: WorkerData = { counters: this.counters.buffer as SharedArrayBuffer, slot, slots: this.options.concurrency };
    const worker = new Worker(filename, { execArgv, workerData });
    this.workers.set(worker, slot);
    worker.on('message', (reply: SolveReply) => this.settle(worker, reply));
    worker.on('error', (error) => this.lose(worker, error));
    worker.on('exit', (code) => this.lose(worker, new Error(`SolverPool: the solver worker exited (code ${code})`)));
    return worker;
  }

  private dispatch(worker: Worker, task: Task): void {
    const watchdog = setTimeout(() => void worker.terminate(), watchdogMs(task.request.limits));
    watchdog.unref();
    this.busy.set(worker, { task, watchdog });
    worker.postMessage(task.request);
  }

  private settle(worker: Worker, reply: SolveReply): void {
    const running = this.busy.get(worker);
    if (!running) return;
    clearTimeout(running.watchdog);
    this.busy.delete(worker);
    if (reply.ok) running.task.resolve(reply.result);
    else running.task.reject(new Error(`SolverPool: the solve failed: ${reply.message}`));
    const next = this.queue.shift();
    if (next) this.dispatch(worker, next);
    else this.idle.push(worker);
  }

  /** A worker that errs or exits: its solve fails, and a replacement takes the queue on. */
  private lose(worker: Worker, error: Error): void {
    const slot = this.workers.get(worker);
    if (slot === undefined) return;
    this.workers.delete(worker);
    const idleAt = this.idle.indexOf(worker);
    if (idleAt >= 0) this.idle.splice(idleAt, 1);
    const running = this.busy.get(worker);
    if (running) {
      clearTimeout(running.watchdog);
      this.busy.delete(worker);
      // A worker terminated mid-solve never cleared its slot.
      Atomics.store(this.counters, COUNTER.FIRST_RUNNING_SLOT + slot, 0);
      running.task.reject(error);
    }
    void worker.terminate();
    const next = this.queue.shift();
    if (next && !this.closed) this.dispatch(this.spawn(), next);
  }
}

/**
 * The worker's entry. Compiled (dist/): highs-worker.js beside this file. From source, under Jest,
 * which compiles each .ts in memory with swc and writes no .js: the .ts itself, compiled by the
 * same swc through @swc-node/register (a dev dependency), so the tests run the very worker code.
 */
function workerEntry(): { filename: string; execArgv: string[] } {
  if (__filename.endsWith('.js')) return { filename: join(__dirname, 'highs-worker.js'), execArgv: [] };
  return { filename: join(__dirname, 'highs-worker.ts'), execArgv: ['--require', require.resolve('@swc-node/register')] };
}
