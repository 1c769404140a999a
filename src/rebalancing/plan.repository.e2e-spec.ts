import { Big } from '../common/decimal/decimal';
import { givenPortfolio, givenUser, openRepositoryWorld, type RepositoryWorld } from '../../test/support/repository-world';
import type { RebalancingPlan } from './entities/rebalancing-plan.entity';
import { PlanRepository, type NewPlanItem } from './plan.repository';
import type { ShownSuggestion, ShownSummary } from './shown-suggestions';

const SUGGESTION: ShownSuggestion = {
  assetId: null,
  symbol: null,
  assetType: 'bond',
  action: 'BUY',
  quantity: null,
  currentQuantity: '0',
  suggestedQuantity: '0',
  price: null,
  estimatedValue: '100.00',
  priority: 'HIGH',
  taxImplication: 'NONE',
  lots: [],
  estimatedRealizedGain: { shortTerm: '0.00', longTerm: '0.00' },
  taxLossHarvesting: false,
  washSale: false,
  reason: 'bond is under its band',
};

const item = (ordinal: number, status: NewPlanItem['status'] = 'PENDING'): NewPlanItem => ({
  ordinal,
  assetId: null,
  assetType: 'bond',
  action: 'BUY',
  quantity: null,
  price: null,
  estimatedValue: new Big('100'),
  suggestion: SUGGESTION,
  status,
});

describe('PlanRepository on PostgreSQL', () => {
  let world: RepositoryWorld;
  let plans: PlanRepository;
  let owner: string;
  let stranger: string;
  let portfolio: string;

  beforeAll(async () => {
    world = await openRepositoryWorld();
    plans = new PlanRepository(world.dataSource);
    owner = await givenUser(world.dataSource, 'owner');
    stranger = await givenUser(world.dataSource, 'stranger');
    portfolio = await givenPortfolio(world.dataSource, owner);
  });
  afterAll(() => world.close());

  const manager = () => world.dataSource.manager;
  const pending = (origin: 'MANUAL' | 'AUTOMATIC', items: NewPlanItem[] = [item(0)]): Promise<RebalancingPlan> =>
    plans.insertPending(
      manager(),
      {
        portfolioId: portfolio,
        options: { cashFlow: '0' } as RebalancingPlan['options'],
        origin,
        holdingsVersion: '0:0',
        summary: {} as ShownSummary,
        warnings: [],
      },
      items,
    );

  it('stores a pending plan with its items in order, and reads the suggestion back as it was stored', async () => {
    const plan = await pending('MANUAL', [item(1, 'SKIPPED'), item(0)]);
    expect(plan.status).toBe('PENDING');
    const items = await plans.itemsOf(manager(), plan.id);
    expect(items.map((row) => [row.ordinal, row.status])).toEqual([
      [0, 'PENDING'],
      [1, 'SKIPPED'],
    ]);
    expect(items[0].suggestion).toEqual(SUGGESTION);
    expect(items[0].estimatedValue.toFixed()).toBe('100');
  });

  it("finds a plan only for its portfolio's owner", async () => {
    const plan = await pending('MANUAL');
    expect((await plans.findOwned(manager(), owner, portfolio, plan.id))?.id).toBe(plan.id);
    expect(await plans.findOwned(manager(), stranger, portfolio, plan.id)).toBeNull();
  });

  it('locks the plan it finds for update inside a transaction', async () => {
    const plan = await pending('MANUAL');
    await world.dataSource.transaction(async (tx) => {
      expect((await plans.findOwned(tx, owner, portfolio, plan.id, true))?.id).toBe(plan.id);
      const [{ locked }] = await world.dataSource.query<Array<{ locked: boolean }>>(
        'SELECT NOT EXISTS (SELECT 1 FROM rebalancing_plans WHERE id = $1 FOR UPDATE SKIP LOCKED) AS locked',
        [plan.id],
      );
      expect(locked).toBe(true);
    });
  });

  it("pages the owner's plans newest first, and none for another user", async () => {
    const other = await givenPortfolio(world.dataSource, owner);
    const page = await plans.pageOwned(owner, portfolio, { limit: 2 });
    expect(page.rows).toHaveLength(2);
    expect(page.rows[0].createdAt.getTime()).toBeGreaterThanOrEqual(page.rows[1].createdAt.getTime());
    expect(page.nextCursor).not.toBeNull();
    expect((await plans.pageOwned(stranger, portfolio, {})).rows).toEqual([]);
    expect((await plans.pageOwned(owner, other, {})).rows).toEqual([]);
  });

  it('reads the items of several plans at once', async () => {
    const first = await pending('MANUAL', [item(0), item(1)]);
    const second = await pending('MANUAL', [item(0)]);
    const items = await plans.itemsOfPlans([first.id, second.id]);
    expect(items.filter((row) => row.planId === first.id)).toHaveLength(2);
    expect(items.filter((row) => row.planId === second.id)).toHaveLength(1);
    expect(await plans.itemsOfPlans([])).toEqual([]);
  });

  it('cancels a plan with its pending items, leaving skipped ones as they are', async () => {
    const plan = await pending('MANUAL', [item(0), item(1, 'SKIPPED')]);
    await plans.cancel(manager(), plan, new Date());
    const stored = await plans.findOwned(manager(), owner, portfolio, plan.id);
    expect(stored?.status).toBe('CANCELLED');
    expect(stored?.cancelledAt).not.toBeNull();
    expect((await plans.itemsOf(manager(), plan.id)).map((row) => row.status)).toEqual(['CANCELLED', 'SKIPPED']);
  });

  it("cancels the portfolio's pending automatic plan only, with its pending items", async () => {
    const manual = await pending('MANUAL');
    const automatic = await pending('AUTOMATIC');
    await plans.cancelPendingAutomatic(manager(), portfolio);
    expect((await plans.findOwned(manager(), owner, portfolio, automatic.id))?.status).toBe('CANCELLED');
    expect((await plans.itemsOf(manager(), automatic.id)).map((row) => row.status)).toEqual(['CANCELLED']);
    expect((await plans.findOwned(manager(), owner, portfolio, manual.id))?.status).toBe('PENDING');
  });

  it('saves a plan and an item as changed', async () => {
    const plan = await pending('MANUAL');
    const [first] = await plans.itemsOf(manager(), plan.id);
    first.status = 'EXECUTED';
    await plans.saveItem(manager(), first);
    plan.status = 'EXECUTED';
    await plans.savePlan(manager(), plan);
    expect((await plans.findOwned(manager(), owner, portfolio, plan.id))?.status).toBe('EXECUTED');
    expect((await plans.itemsOf(manager(), plan.id))[0].status).toBe('EXECUTED');
  });
});
