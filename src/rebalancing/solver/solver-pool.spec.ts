import { Test } from '@nestjs/testing';
import { loadConfig } from '../../config/app-config';
import { ConfigModule } from '../../config/config.module';
import { AppProblem } from '../../common/problem/problem';
import { buildModel } from '../domain/household-solver/model';
import { givenHousehold, tradesOf, type HouseholdSketch } from '../domain/household-solver/household-solver.fixtures';
import { RebalancingErrorCode } from '../rebalancing-errors';
import { HouseholdSolver } from './household-solver.service';
import { DEFAULT_SOLVER_LIMITS, planHousehold } from './plan-household';
import { SolverPool } from './solver-pool';
import { SolverModule } from './solver.module';

/**
 * A taxable account and an IRA, four assets in four classes, each held in both at a gain or a loss,
 * stock far over its target: a plan of several sales and buys, proved optimal in well under a second.
 * In fractional units: in whole units HiGHS takes seconds to prove this one on a loaded machine, and
 * these tests are about the pool, not the model.
 */
function household(): HouseholdSketch {
  const classes = ['stock', 'bond', 'reit', 'intl'];
  const accounts = [
    { id: 'taxable', type: 'TAXABLE' as const, cash: '1500' },
    { id: 'ira', type: 'TAX_DEFERRED' as const, cash: '800' },
  ];
  const assets = classes.map((assetClass, i) => ({ id: `A${i}`, price: String(20 + i * 37), classes: assetClass }));
  const lots = accounts.flatMap((account, a) =>
    assets.map((asset, i) => {
      const quantity = i === 0 ? 400 + 100 * a : 10 + 5 * i;
      return {
        id: `${account.id}-${asset.id}`,
        account: account.id,
        asset: asset.id,
        quantity: String(quantity),
        basis: (quantity * Number(asset.price) * (0.7 + 0.2 * ((i + a) % 3))).toFixed(2),
        since: a === 0 ? '2021-03-01' : '2026-02-01',
      };
    }),
  );
  return {
    accounts,
    assets,
    lots,
    targets: { stock: ['40', '3'], bond: ['30', '3'], reit: ['20', '3'], intl: ['10', '2'], cash: ['0', '1'] },
    options: { wholeUnits: false },
  };
}

// Generous: the household is proved optimal long before, even on a loaded machine, so both threads find the same plan.
const LIMITS = { ...DEFAULT_SOLVER_LIMITS, timeLimit: 20 };

describe('the solver pool', () => {
  let pool: SolverPool | undefined;
  afterEach(async () => {
    await pool?.close();
    pool = undefined;
  });

  it('returns the same exact plan as a solve in this thread', async () => {
    pool = new SolverPool({ concurrency: 1, queueLimit: 4 });
    const problem = givenHousehold(household());
    const inThread = await planHousehold(problem, LIMITS);
    const onWorker = await planHousehold(problem, LIMITS, (lp, limits, options) => pool!.solve(lp, limits, options));

    expect([inThread.solver.status, onWorker.solver.status]).toEqual(['OPTIMAL', 'OPTIMAL']);
    expect(onWorker.solver.objective).toBe(inThread.solver.objective);
    expect(tradesOf(onWorker.proposal)).toEqual(tradesOf(inThread.proposal));
    expect(onWorker.breakdown.estimatedTax.total.toFixed()).toBe(inThread.breakdown.estimatedTax.total.toFixed());
    expect(onWorker.verification).toEqual(inThread.verification);
    expect(tradesOf(onWorker.proposal).length).toBeGreaterThan(0);
  });

  it('runs one solve at a time with a concurrency of 1, the others waiting in the queue', async () => {
    pool = new SolverPool({ concurrency: 1, queueLimit: 4 });
    const { lp } = buildModel(givenHousehold(household()));
    const solves = [1, 2, 3, 4].map(() => pool!.solve(lp, LIMITS));
    expect(pool.stats).toMatchObject({ workers: 1, queued: 3 });

    const results = await Promise.all(solves);

    expect(results.map((r) => r.status)).toEqual(['OPTIMAL', 'OPTIMAL', 'OPTIMAL', 'OPTIMAL']);
    expect(pool.stats).toEqual({ workers: 1, running: 0, peakRunning: 1, solved: 4, queued: 0 });
  });

  it('refuses a solve beyond its queue with SOLVER_BUSY, a 503 that says when to retry', async () => {
    pool = new SolverPool({ concurrency: 1, queueLimit: 1 });
    const { lp } = buildModel(givenHousehold(household()));
    const accepted = [pool.solve(lp, LIMITS), pool.solve(lp, LIMITS)];

    const refused = await pool.solve(lp, LIMITS).catch((error: unknown) => error);

    expect(refused).toBeInstanceOf(AppProblem);
    const problem = refused as AppProblem;
    expect([problem.code, problem.getStatus(), problem.headers]).toEqual([RebalancingErrorCode.SOLVER_BUSY, 503, { 'Retry-After': '40' }]);
    expect(problem.detail).toBe('Every household solver is busy and 1 plans are waiting; retry in 40 seconds');
    await Promise.all(accepted);
  });

  it('keeps the event loop turning while a worker solves', async () => {
    pool = new SolverPool({ concurrency: 1, queueLimit: 0 });
    const { lp } = buildModel(givenHousehold(household()));
    let turnsWhileSolving = 0;
    let solving = true;
    const solved = pool.solve(lp, LIMITS).finally(() => (solving = false));
    // Counted only while the worker reports a solve running (its shared counter), so every turn
    // counted happened while HiGHS worked on another thread.
    const turn = () => {
      if (!solving) return;
      if (pool!.stats.running === 1) turnsWhileSolving++;
      setImmediate(turn);
    };
    setImmediate(turn);

    await solved;

    expect(pool.stats.solved).toBe(1);
    expect(turnsWhileSolving).toBeGreaterThan(0);
  });

  it('fails the running and queued solves on close and leaves no worker', async () => {
    pool = new SolverPool({ concurrency: 2, queueLimit: 2 });
    const { lp } = buildModel(givenHousehold(household()));
    const solves = [1, 2, 3, 4].map(() =>
      pool!.solve(lp, LIMITS).then(
        () => 'solved',
        (error: Error) => error.message,
      ),
    );
    expect(pool.stats).toMatchObject({ workers: 2, queued: 2 });

    await pool.close();

    const outcomes = await Promise.all(solves);
    expect(outcomes.slice(2)).toEqual(['SolverPool: closed before the solve started', 'SolverPool: closed before the solve started']);
    expect(pool.stats).toMatchObject({ workers: 0, running: 0, queued: 0 });
    await expect(pool.solve(lp, LIMITS)).rejects.toThrow('SolverPool: closed');
  });
});

describe('the HouseholdSolver provider', () => {
  it('plans on its pool within the configured limits and terminates its workers when the module is destroyed', async () => {
    const config = loadConfig({ SOLVER_CONCURRENCY: '1', SOLVER_QUEUE_LIMIT: '2', SOLVER_TIME_LIMIT_MS: '20000' });
    const moduleRef = await Test.createTestingModule({ imports: [ConfigModule.forRoot(config), SolverModule] }).compile();
    const solver = moduleRef.get(HouseholdSolver);
    const problem = givenHousehold(household());

    try {
      const plan = await solver.plan(problem);

      expect(tradesOf(plan.proposal)).toEqual(tradesOf((await planHousehold(problem, LIMITS)).proposal));
      // Two solves a plan: the relaxation its MIP start is rounded from, then the MIP.
      expect(solver.stats).toMatchObject({ workers: 1, solved: 2 });
    } finally {
      await moduleRef.close();
    }
    expect(solver.stats.workers).toBe(0);
  });
});
