import { Big } from '../common/decimal/decimal';
import { givenDefaultHousehold } from '../../test/support/default-household';
import { givenAlert, givenPortfolio, givenUser, openRepositoryWorld, type RepositoryWorld } from '../../test/support/repository-world';
import { DriftAlertRepository } from './drift-alert.repository';

describe('DriftAlertRepository on PostgreSQL', () => {
  let world: RepositoryWorld;
  let alerts: DriftAlertRepository;
  let owner: string;
  let stranger: string;
  let first: string;
  let second: string;

  beforeAll(async () => {
    world = await openRepositoryWorld();
    alerts = new DriftAlertRepository(world.dataSource);
    owner = await givenUser(world.dataSource, 'owner');
    stranger = await givenUser(world.dataSource, 'stranger');
    first = await givenPortfolio(world.dataSource, owner);
    second = await givenPortfolio(world.dataSource, owner);
  });
  afterAll(() => world.close());

  const manager = () => world.dataSource.manager;

  it("pages the owner's alerts newest first, filtered by portfolio, status and level; none for another user", async () => {
    const resolved = await givenAlert(world.dataSource, first, 'WARNING', 'RESOLVED');
    const open = await givenAlert(world.dataSource, first, 'CRITICAL', 'OPEN');
    const other = await givenAlert(world.dataSource, second, 'WARNING', 'ACKNOWLEDGED');
    expect((await alerts.pageOwned(owner, {}, {})).rows.map((alert) => alert.id).sort()).toEqual([resolved, open, other].sort());
    expect((await alerts.pageOwned(owner, { portfolioId: first }, {})).rows.map((alert) => alert.id)).toEqual([open, resolved]);
    expect((await alerts.pageOwned(owner, { status: 'ACKNOWLEDGED' }, {})).rows.map((alert) => alert.id)).toEqual([other]);
    expect((await alerts.pageOwned(owner, { level: 'CRITICAL' }, {})).rows.map((alert) => alert.id)).toEqual([open]);
    expect((await alerts.pageOwned(stranger, {}, {})).rows).toEqual([]);
    expect((await alerts.pageOwned(stranger, { portfolioId: first }, {})).rows).toEqual([]);
  });

  it("finds and locks an alert for its portfolio's owner only", async () => {
    const third = await givenPortfolio(world.dataSource, owner);
    const id = await givenAlert(world.dataSource, third, 'WARNING');
    await world.dataSource.transaction(async (tx) => {
      expect((await alerts.findOwnedForUpdate(tx, owner, id))?.id).toBe(id);
      const [{ locked }] = await world.dataSource.query<Array<{ locked: boolean }>>(
        'SELECT NOT EXISTS (SELECT 1 FROM drift_alerts WHERE id = $1 FOR UPDATE SKIP LOCKED) AS locked',
        [id],
      );
      expect(locked).toBe(true);
    });
    expect(await world.dataSource.transaction((tx) => alerts.findOwnedForUpdate(tx, stranger, id))).toBeNull();
  });

  it('opens an alert with its facts, saves a change and finds it by id', async () => {
    const portfolio = await givenPortfolio(world.dataSource, owner);
    const now = new Date('2026-03-01T00:00:00Z');
    const opened = await alerts.open(
      manager(),
      { portfolioId: portfolio, householdId: null },
      'WARNING',
      { totalValue: new Big('1000'), totalDrift: new Big('7.5'), items: [] },
      now,
    );
    const found = await alerts.findById(manager(), opened.id);
    expect(found).toMatchObject({ portfolioId: portfolio, status: 'OPEN', level: 'WARNING', levelChangedAt: now, planId: null });
    expect(found?.totalDrift.toFixed()).toBe('7.5');
    (found as NonNullable<typeof found>).level = 'CRITICAL';
    await alerts.save(manager(), found as NonNullable<typeof found>);
    expect((await alerts.findById(manager(), opened.id))?.level).toBe('CRITICAL');
    expect(await alerts.findById(manager(), '00000000-0000-4000-8000-000000000000')).toBeNull();
  });

  it('links the automatic plan to the alert', async () => {
    const portfolio = await givenPortfolio(world.dataSource, owner);
    const id = await givenAlert(world.dataSource, portfolio, 'WARNING');
    const [{ id: planId }] = await world.dataSource.query<Array<{ id: string }>>(
      `INSERT INTO rebalancing_plans (portfolio_id, status, options, holdings_version, summary, warnings, origin)
       VALUES ($1, 'PENDING', '{}', '0:0', '{}', '[]', 'AUTOMATIC') RETURNING id`,
      [portfolio],
    );
    await alerts.linkPlan(manager(), id, planId);
    expect((await alerts.findById(manager(), id))?.planId).toBe(planId);
  });

  it("keeps a household's alerts beside the portfolios': listed and locked for its owner only, one unresolved at a time", async () => {
    const household = await givenDefaultHousehold(world.dataSource, owner);
    const facts = { totalValue: new Big('13000'), totalDrift: new Big('9.2308'), items: [] };
    const now = new Date('2026-04-01T00:00:00Z');
    const opened = await alerts.open(manager(), { portfolioId: null, householdId: household }, 'WARNING', facts, now);
    expect(await alerts.findById(manager(), opened.id)).toMatchObject({ householdId: household, portfolioId: null, status: 'OPEN' });
    expect((await alerts.pageOwned(owner, { householdId: household }, {})).rows.map((alert) => alert.id)).toEqual([opened.id]);
    expect((await alerts.pageOwned(owner, {}, {})).rows.map((alert) => alert.id)).toContain(opened.id);
    expect((await alerts.pageOwned(owner, { portfolioId: first }, {})).rows.map((alert) => alert.id)).not.toContain(opened.id);
    expect((await alerts.pageOwned(stranger, { householdId: household }, {})).rows).toEqual([]);
    expect(await world.dataSource.transaction((tx) => alerts.findOwnedForUpdate(tx, stranger, opened.id))).toBeNull();
    expect((await world.dataSource.transaction((tx) => alerts.findOwnedForUpdate(tx, owner, opened.id)))?.id).toBe(opened.id);
    // The unique index holds a household to one unresolved alert, as it holds a portfolio.
    await expect(alerts.open(manager(), { portfolioId: null, householdId: household }, 'CRITICAL', facts, now)).rejects.toThrow(
      /UQ_drift_alerts_one_open_per_household/,
    );
    // And an alert is a portfolio's or a household's, never both nor neither.
    await expect(
      world.dataSource.query(
        `INSERT INTO drift_alerts (portfolio_id, household_id, status, level, total_value, total_drift, items, level_changed_at) VALUES ($1, $2, 'OPEN', 'WARNING', 1, 1, '[]', now())`,
        [first, household],
      ),
    ).rejects.toThrow(/CHK_drift_alerts_portfolio_or_household/);
  });
});
