import { parentPort, workerData } from 'node:worker_threads';
import { solveLp } from './highs-solver';
import { COUNTER, runningNow, type SolveReply, type SolveRequest, type WorkerData } from './solver-worker-protocol';

/**
 * A solver worker thread (SolverPool): HiGHS's synchronous WebAssembly solve runs here, so the
 * API's event loop keeps answering while a plan is solved. The pool sends one model at a time.
 */
const port = parentPort;
if (!port) throw new Error('highs-worker runs as a worker thread of SolverPool');
const { counters: buffer, slot, slots } = workerData as WorkerData;
const counters = new Int32Array(buffer);

port.on('message', (request: SolveRequest) => {
  void answer(request).then((reply) => port.postMessage(reply));
});

async function answer({ lp, limits, options }: SolveRequest): Promise<SolveReply> {
  Atomics.store(counters, COUNTER.FIRST_RUNNING_SLOT + slot, 1);
  raisePeak(runningNow(counters, slots));
  try {
    return { ok: true, result: await solveLp(lp, limits, options) };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  } finally {
    // Before the reply is posted: when the pool reads the answer, the counters already include it.
    Atomics.store(counters, COUNTER.FIRST_RUNNING_SLOT + slot, 0);
    Atomics.add(counters, COUNTER.SOLVED, 1);
  }
}

function raisePeak(running: number): void {
  let peak = Atomics.load(counters, COUNTER.PEAK_RUNNING);
  while (running > peak) {
    const seen = Atomics.compareExchange(counters, COUNTER.PEAK_RUNNING, peak, running);
    if (seen === peak) return;
    peak = seen;
  }
}
