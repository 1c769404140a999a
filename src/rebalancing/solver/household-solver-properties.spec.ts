import fc from 'fast-check';
import { Big } from '../../common/decimal/decimal';
import { ACCOUNT_TYPES } from '../../portfolio/domain/account-types';
import { replayLedger, type LedgerPortfolio, type LedgerTransaction } from '../../portfolio/domain/ledger';
import { at } from '../../portfolio/domain/ledger.fixtures';
import { AS_OF, givenHousehold, type HouseholdSketch } from '../domain/household-solver/household-solver.fixtures';
import { readFacts } from '../domain/household-solver/facts';
import { naiveBaseline } from '../domain/household-solver/naive-baseline';
import type { DriftReport } from '../domain/drift';
import type { HouseholdProblem, Restriction } from '../domain/household-solver/problem';
import { DEFAULT_SOLVER_LIMITS, planHousehold, type HouseholdPlan } from './plan-household';

const SEED = 18_2026;
const RUNS = 30;

const ASSETS = [
  { id: 'S1', classes: 'stock' as const },
  { id: 'S2', classes: 'stock' as const },
  { id: 'B1', classes: 'bond' as const },
  { id: 'R1', classes: 'reit' as const },
  {
    id: 'F',
    classes: [
      ['stock', '0.6'],
      ['bond', '0.4'],
    ] as [string, string][],
  },
];
const TARGET_SETS: Record<string, [string, string]>[] = [
  { stock: ['60', '5'], bond: ['30', '5'], cash: ['10', '3'] },
  { stock: ['40', '3'], bond: ['40', '3'], reit: ['15', '2'], cash: ['5', '2'] },
  { stock: ['70', '10'], bond: ['25', '5'], reit: ['5', '5'], cash: ['0', '1'] },
];
// Every set gives cash a band: buys are rounded down to 8 places, so a plan leaves dust of cash,
// and an untargeted class has a band of 0 (drift.ts), where any dust is outside.

const cents = (min: number, max: number) => fc.integer({ min, max }).map((n) => new Big(n).div(100).toFixed());
const day = fc.integer({ min: 5, max: 1_500 }).map((daysAgo) => new Date(AS_OF.getTime() - daysAgo * 86_400_000).toISOString().slice(0, 10));

interface Drawn {
  sketch: HouseholdSketch;
  /** Cost per unit of each lot: the ledger is fed TRANSFER_INs at that cost. */
  costPerUnit: Map<string, string>;
}

const household = (constrained: boolean) =>
  fc
    .record({
      accounts: fc.array(fc.record({ type: fc.constantFrom(...ACCOUNT_TYPES), cash: cents(0, 1_000_000), reserve: cents(0, 50_000) }), {
        minLength: 1,
        maxLength: 3,
      }),
      prices: fc.tuple(...ASSETS.map(() => cents(100, 30_000))),
      lots: fc.array(
        fc.record({
          account: fc.nat(2),
          asset: fc.nat(ASSETS.length - 1),
          units: fc.oneof(
            fc.integer({ min: 1, max: 200 }).map(String),
            fc.integer({ min: 1, max: 2_000_000 }).map((n) => new Big(n).div(10_000).toFixed()),
          ),
          costPerUnit: cents(100, 40_000),
          since: day,
        }),
        { maxLength: 6 },
      ),
      targets: fc.constantFrom(...TARGET_SETS),
      wholeUnits: fc.boolean(),
      restrictions: fc.array(
        fc.record({
          asset: fc.nat(ASSETS.length - 1),
          account: fc.option(fc.nat(2)),
          kind: fc.constantFrom<Restriction['kind']>('DO_NOT_BUY', 'DO_NOT_SELL', 'HOLD'),
        }),
        { maxLength: 2 },
      ),
      budget: fc.record({
        maxShortTermGain: fc.option(cents(0, 200_000)),
        maxLongTermGain: fc.option(cents(0, 500_000)),
        maxTax: fc.option(cents(0, 100_000)),
      }),
      minTradeValue: fc.constantFrom('0', '0', '50', '250'),
      maxTrades: fc.option(fc.integer({ min: 1, max: 6 })),
      mode: fc.constantFrom<'TO_TARGET' | 'WITHIN_BANDS'>('TO_TARGET', 'WITHIN_BANDS'),
    })
    .map((drawn): Drawn => {
      const accounts = drawn.accounts.map((a, i) => ({ id: `acct${i}`, type: a.type, cash: a.cash, reserve: constrained ? a.reserve : '0' }));
      const lots = drawn.lots.map((l, i) => {
        const account = accounts[l.account % accounts.length];
        return {
          id: `lot${i}`,
          account: account.id,
          asset: ASSETS[l.asset].id,
          quantity: l.units,
          basis: new Big(l.units).times(l.costPerUnit).toFixed(),
          since: l.since,
          costPerUnit: l.costPerUnit,
        };
      });
      const sketch: HouseholdSketch = {
        accounts,
        assets: ASSETS.map((a, i) => ({ id: a.id, price: drawn.prices[i], classes: a.classes })),
        lots: lots.map(({ costPerUnit: _, ...lot }) => lot),
        targets: drawn.targets,
        restrictions: constrained
          ? drawn.restrictions.map((r) => ({
              assetId: ASSETS[r.asset].id,
              accountId: r.account === null ? undefined : accounts[r.account % accounts.length].id,
              kind: r.kind,
            }))
          : [],
        budget: constrained
          ? {
              maxShortTermGain: drawn.budget.maxShortTermGain ?? undefined,
              maxLongTermGain: drawn.budget.maxLongTermGain ?? undefined,
              maxTax: drawn.budget.maxTax ?? undefined,
            }
          : {},
        options: constrained
          ? { wholeUnits: drawn.wholeUnits, minTradeValue: new Big(drawn.minTradeValue), maxTrades: drawn.maxTrades ?? undefined, mode: drawn.mode }
          : { wholeUnits: false, mode: 'TO_TARGET' },
      };
      return { sketch, costPerUnit: new Map(lots.map((l) => [l.id, l.costPerUnit])) };
    });

const ZERO = new Big(0);

/** Every hard constraint, checked here from the problem and the proposal alone. */
function hardConstraintBreaches(problem: HouseholdProblem, plan: HouseholdPlan): string[] {
  const breaches: string[] = [];
  const price = new Map(problem.assets.map((a) => [a.id, a.price]));
  const banned = (accountId: string, assetId: string, kinds: string[]) =>
    problem.restrictions.some((r) => r.assetId === assetId && (r.accountId === undefined || r.accountId === accountId) && kinds.includes(r.kind));
  const cash = new Map(problem.accounts.map((a) => [a.id, a.cash]));
  for (const sell of plan.proposal.sells) {
    const lot = problem.lots.find((l) => l.id === sell.lotId)!;
    if (sell.quantity.gt(lot.quantity) || !sell.quantity.gt(0)) breaches.push(`lot ${lot.id} oversold`);
    if (banned(sell.accountId, sell.assetId, ['DO_NOT_SELL', 'HOLD'])) breaches.push(`restricted sell ${sell.assetId}`);
    if (problem.options.wholeUnits && !sell.quantity.eq(lot.quantity) && !sell.quantity.mod(1).eq(0)) breaches.push(`fractional sell ${lot.id}`);
    cash.set(sell.accountId, cash.get(sell.accountId)!.plus(sell.quantity.times(price.get(sell.assetId)!)));
  }
  for (const buy of plan.proposal.buys) {
    if (banned(buy.accountId, buy.assetId, ['DO_NOT_BUY', 'HOLD'])) breaches.push(`restricted buy ${buy.assetId}`);
    if (problem.options.wholeUnits && !buy.quantity.mod(1).eq(0)) breaches.push(`fractional buy ${buy.assetId}`);
    cash.set(buy.accountId, cash.get(buy.accountId)!.minus(buy.quantity.times(price.get(buy.assetId)!)));
  }
  for (const account of problem.accounts) {
    const floor = account.cash.lt(account.cashReserve) ? account.cash : account.cashReserve;
    if (cash.get(account.id)!.lt(floor)) breaches.push(`cash of ${account.id} below its floor`);
  }
  const { budget } = problem;
  const { shortTermGain, longTermGain, estimatedTax } = plan.breakdown;
  if (budget.maxShortTermGain && shortTermGain.gt(budget.maxShortTermGain)) breaches.push('short-term budget');
  if (budget.maxLongTermGain && longTermGain.gt(budget.maxLongTermGain)) breaches.push('long-term budget');
  if (budget.maxTax && estimatedTax.total.gt(budget.maxTax)) breaches.push('tax budget');
  const orders = new Set([
    ...plan.proposal.sells.map((s) => `S ${s.accountId} ${s.assetId}`),
    ...plan.proposal.buys.map((b) => `B ${b.accountId} ${b.assetId}`),
  ]);
  if (problem.options.maxTrades !== undefined && orders.size > problem.options.maxTrades) breaches.push('trade cap');
  return breaches;
}

/** The ledger's replay of the household's lots (as transfers in at their cost) and the plan's trades at AS_OF. */
function ledgerTax(problem: HouseholdProblem, drawn: Drawn, plan: HouseholdPlan): { tax: Big; disallowed: Big } {
  const portfolios: LedgerPortfolio[] = problem.accounts.map((a) => ({ id: a.id, lotMethod: 'SPECIFIC_ID', accountType: a.accountType }));
  const transactions: LedgerTransaction[] = [];
  const add = (tx: Omit<LedgerTransaction, 'id' | 'sequence'>) => {
    const sequence = transactions.length + 1;
    transactions.push({ ...tx, id: `00000000-0000-4000-8000-${String(sequence).padStart(12, '0')}`, sequence });
  };
  for (const account of problem.accounts)
    if (account.cash.gt(0)) add({ portfolioId: account.id, type: 'DEPOSIT', executedAt: at('2020-01-01'), amount: account.cash });
  for (const lot of problem.lots) {
    add({
      portfolioId: lot.accountId,
      type: 'TRANSFER_IN',
      executedAt: lot.holdingPeriodStart,
      assetId: lot.assetId,
      quantity: lot.quantity,
      costPerUnit: new Big(drawn.costPerUnit.get(lot.id)!),
      acquiredAt: lot.holdingPeriodStart,
    });
  }
  const price = new Map(problem.assets.map((a) => [a.id, a.price]));
  for (const sell of plan.proposal.sells) {
    add({
      portfolioId: sell.accountId,
      type: 'SELL',
      executedAt: AS_OF,
      assetId: sell.assetId,
      quantity: sell.quantity,
      price: price.get(sell.assetId)!,
      lots: [{ lotId: lotIdOf(transactions, sell.lotId, problem), quantity: sell.quantity }],
    });
  }
  for (const buy of plan.proposal.buys) {
    add({ portfolioId: buy.accountId, type: 'BUY', executedAt: AS_OF, assetId: buy.assetId, quantity: buy.quantity, price: price.get(buy.assetId)! });
  }
  const replay = replayLedger(portfolios, transactions);
  if (!replay.ok) throw new Error(`the ledger refuses the plan: ${replay.violation.message}`);
  let tax = ZERO;
  let disallowed = ZERO;
  for (const account of problem.accounts) {
    for (const gain of replay.portfolios.get(account.id)!.realizedGains) {
      if (!gain.taxable) continue;
      tax = tax.plus(gain.reportableGain.times(gain.term === 'SHORT' ? problem.rates.shortTerm : problem.rates.longTerm));
      disallowed = disallowed.plus(gain.washSaleDisallowed);
    }
  }
  return { tax, disallowed };
}

/** The ledger names a TRANSFER_IN's lot by the transaction's id: the n-th lot is the n-th transfer. */
function lotIdOf(transactions: LedgerTransaction[], lotId: string, problem: HouseholdProblem): string {
  const index = problem.lots.findIndex((l) => l.id === lotId);
  return transactions.filter((tx) => tx.type === 'TRANSFER_IN')[index].id;
}

// A short limit keeps the suite fast: these properties hold for any plan the solver returns,
// optimal or the best found in time, since it is verified and repaired exactly.
const LIMITS = { ...DEFAULT_SOLVER_LIMITS, timeLimit: 0.25 };

async function solved(drawn: Drawn): Promise<{ problem: HouseholdProblem; plan: HouseholdPlan }> {
  const problem = givenHousehold(drawn.sketch);
  return { problem, plan: await planHousehold(problem, LIMITS) };
}

describe('household solver properties', () => {
  it('the verified plan satisfies every hard constraint', async () => {
    await fc.assert(
      fc.asyncProperty(household(true), async (drawn) => {
        const { problem, plan } = await solved(drawn);
        expect(plan.verification.violations).toEqual([]);
        expect(hardConstraintBreaches(problem, plan)).toEqual([]);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('with no restrictions, budget or reserve, TO_TARGET brings every class within its band', async () => {
    await fc.assert(
      fc.asyncProperty(household(false), async (drawn) => {
        const { plan, problem } = await solved(drawn);
        // See ObjectiveWeights.drift: a household worth a few dollars may stay outside by cents.
        fc.pre(readFacts(problem).totalValue.gte(1000));
        expect(plan.verification.ok).toBe(true);
        const outside = plan.breakdown.residualDrift.items.filter((item) => item.driftLevel !== 'WITHIN_TOLERANCE');
        expect(outside.map((item) => `${item.assetType} ${item.currentPercentage.toFixed(4)}`)).toEqual([]);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  // Sales in tax-deferred and tax-exempt accounts are in the replay too: the ledger marks them not taxable.
  it("the estimated tax equals the ledger's replay of the same trades, which disallows no loss", async () => {
    await fc.assert(
      fc.asyncProperty(household(true), async (drawn) => {
        const { problem, plan } = await solved(drawn);
        const { tax, disallowed } = ledgerTax(problem, drawn, plan);
        const estimated = plan.breakdown.estimatedTax;
        expect(disallowed.toFixed()).toBe('0');
        expect(estimated.shortTerm.plus(estimated.longTerm).toFixed()).toBe(tax.toFixed());
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  /*
   * The objective is not tax alone: it prices an order at $1, a dollar traded at $0.0005, a dollar
   * placed in a worse account type at up to $0.004 a year, and under TO_TARGET a dollar away from
   * target as a dollar of tax. So the solver may rightly pay a little more tax than naive to make
   * fewer orders, place assets better or end nearer the targets, and no more: materiality is what
   * those terms of naive's plan could be worth against the solver's (naive's orders, both plans'
   * turnover at the turnover and worst location price, naive's excess distance to target), plus the
   * reported MIP gap on the objective (or the $1 absolute gap) and a cent a trade of rounding.
   * Beyond that, more tax would mean naive's plan, which the model allows here (no restriction,
   * budget or reserve, fractional units), was the better solution and the solver missed it.
   */
  it('never realizes more tax than naive, beyond what the other objective terms are worth, when both reach the bands', async () => {
    let compared = 0;
    await fc.assert(
      fc.asyncProperty(household(false), async (drawn) => {
        // The default limits: a plan cut short before its gap is known says nothing about what is optimal.
        const problem = givenHousehold(drawn.sketch);
        const plan = await planHousehold(problem, DEFAULT_SOLVER_LIMITS);
        fc.pre(plan.solver.status === 'OPTIMAL' || plan.solver.mipGap !== null);
        const naive = plan.baseline.naive;
        // Naive can sell at a loss in one account and buy the asset in another, a wash sale whose
        // loss the ledger would disallow: such a plan breaks a hard constraint and is no comparison.
        const naiveAssessment = naiveBaseline(readFacts(problem)).assessment;
        // As above: in a household of a few dollars the $1 an order costs outweighs any tax.
        fc.pre(
          readFacts(problem).totalValue.gte(1000) &&
            naiveAssessment.violations.length === 0 &&
            withinBands(plan.breakdown.residualDrift) &&
            withinBands(naive.residualDrift),
        );
        compared++;
        const weights = problem.options.weights;
        const worstLocation = new Big('0.004').times(weights.location);
        const naiveTurnover = naiveAssessment.turnover;
        const excessDistance = distanceToTarget(naive.residualDrift).minus(distanceToTarget(plan.breakdown.residualDrift));
        const objective = Math.abs(plan.solver.objective ?? 0);
        const gap = Math.max(1, (plan.solver.mipGap ?? 0) * objective);
        const materiality = weights.trades
          .times(naive.trades)
          .plus(naiveTurnover.plus(plan.breakdown.turnover).times(weights.turnover.plus(worstLocation)))
          .plus(excessDistance.gt(0) ? excessDistance.times(weights.distance) : ZERO)
          .plus(gap)
          .plus(new Big('0.01').times(plan.breakdown.trades + naive.trades));
        expect(plan.breakdown.estimatedTax.total.minus(naive.estimatedTax.total).lte(materiality)).toBe(true);
      }),
      { seed: SEED, numRuns: RUNS },
    );
    // The property must have compared plans, not only skipped households.
    expect(compared).toBeGreaterThan(RUNS / 3);
  });
});

function withinBands(drift: DriftReport): boolean {
  return drift.items.every((item) => item.driftLevel === 'WITHIN_TOLERANCE');
}

/** Σ |value − target| over the classes, in dollars. */
function distanceToTarget(drift: DriftReport): Big {
  return drift.items.reduce((sum, item) => sum.plus(item.currentValue.minus(drift.totalValue.times(item.targetPercentage).div(100)).abs()), ZERO);
}
