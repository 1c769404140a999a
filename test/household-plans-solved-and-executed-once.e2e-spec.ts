import { Big } from '../src/common/decimal/decimal';
import { givenAdmin, givenUser, type TestUser } from './support/auth';
import { givenAsset, type TestAsset } from './support/catalogue';
import { givenPortfolio, record, snapshotDatabase } from './support/portfolios';
import { createTestApp, type TestApp } from './support/test-app';

type Row = Record<string, unknown>;
const TARGETS = [
  { assetType: 'stock', targetPercentage: '50', tolerancePercentage: '5' },
  { assetType: 'bond', targetPercentage: '50', tolerancePercentage: '5' },
  { assetType: 'cash', targetPercentage: '0', tolerancePercentage: '1' },
];

/**
 * The worked example of src/rebalancing/solver/household-ira-roth-worked-example.spec.ts, through the
 * API. A household of three accounts, $20,000 in all, X (stock) and B (bond) both at $100:
 *   Brokerage (TAXABLE):    100 X bought at $40 in 2020 (basis $4,000), cash 0
 *   IRA (TAX_DEFERRED):     cash $5,000
 *   Roth (TAX_EXEMPT):      50 X bought at $100 in 2021 (basis $5,000), cash 0
 * Target 50 % stock / 50 % bond (bands 5), cash 0 (band 1): $10,000 of bond to buy, $5,000 of stock to
 * sell. The IRA's cash buys 50 B; the Roth sells 50 X, at no tax, and buys 50 B with the proceeds.
 * Selling in the brokerage instead would realize $3,000 of long-term gain: $450 at the household's 15 %.
 * Naive (each account to 50/50 alone): the brokerage sells 50 X ($450), the IRA buys 25 X and 25 B,
 * the Roth sells 25 X and buys 25 B: 6 orders.
 */
describe('household plans: solved across the accounts, stored, executed exactly once', () => {
  let t: TestApp;
  let owner: TestUser;
  let x: TestAsset;
  let b: TestAsset;

  beforeAll(async () => {
    t = await createTestApp();
    const admin = await givenAdmin(t);
    owner = await givenUser(t);
    x = await givenAsset(t, admin, { symbol: 'HPX', assetType: 'stock', price: '100' });
    b = await givenAsset(t, admin, { symbol: 'HPB', assetType: 'bond', price: '100' });
  });
  afterAll(() => t.close());

  interface Parks {
    householdId: string;
    brokerage: string;
    ira: string;
    roth: string;
    rothLot: string;
  }

  async function givenParks(name: string, targets = true): Promise<Parks> {
    const householdId = (await t.http().post('/api/v1/households').set(owner.auth).send({ name, shortTermRate: '37', longTermRate: '15' }).expect(201)).body
      .id as string;
    const brokerage = await givenPortfolio(t, owner, { name: 'Brokerage', householdId, accountType: 'TAXABLE' });
    const ira = await givenPortfolio(t, owner, { name: 'IRA', householdId, accountType: 'TAX_DEFERRED' });
    const roth = await givenPortfolio(t, owner, { name: 'Roth', householdId, accountType: 'TAX_EXEMPT' });
    await record(t, owner, brokerage, { type: 'DEPOSIT', amount: '4000', executedAt: '2020-01-10T15:00:00Z' });
    await record(t, owner, brokerage, { type: 'BUY', assetId: x.id, quantity: '100', price: '40', executedAt: '2020-01-10T15:00:00Z' });
    await record(t, owner, ira, { type: 'DEPOSIT', amount: '5000', executedAt: '2021-05-03T15:00:00Z' });
    await record(t, owner, roth, { type: 'DEPOSIT', amount: '5000', executedAt: '2021-05-03T15:00:00Z' });
    const rothLot = await record(t, owner, roth, { type: 'BUY', assetId: x.id, quantity: '50', price: '100', executedAt: '2021-05-03T15:00:00Z' });
    if (targets) await t.http().put(`/api/v1/households/${householdId}/targets`).set(owner.auth).send({ targets: TARGETS }).expect(200);
    return { householdId, brokerage, ira, roth, rothLot };
  }

  const base = (householdId: string) => `/api/v1/households/${householdId}/rebalance`;
  const holdings = async (portfolioId: string) =>
    (await t.http().get(`/api/v1/portfolios/${portfolioId}/positions`).set(owner.auth).expect(200)).body.items.map((item: Row) => [item.symbol, item.quantity]);
  const transactionCount = async (householdId: string) =>
    (
      await t.dataSource.query('SELECT count(*)::int AS n FROM transactions t JOIN portfolios p ON p.id = t.portfolio_id WHERE p.household_id = $1', [
        householdId,
      ])
    )[0].n as number;

  /** The Parks' household with a plan stored for it, not yet executed: where the execute-once and staleness stories start. */
  async function givenPendingPlan(name: string) {
    const parks = await givenParks(name);
    const plan = (
      await t
        .http()
        .post(`${base(parks.householdId)}/plans`)
        .set(owner.auth)
        .send({ wholeUnits: true })
        .expect(201)
    ).body;
    return { parks, planId: plan.id as string, plan };
  }

  it('refuses suggestions until the household has targets, saying what to do', async () => {
    const parks = await givenParks('No targets yet', false);
    const refused = await t
      .http()
      .get(`${base(parks.householdId)}/suggestions`)
      .set(owner.auth)
      .expect(409);
    expect(refused.body).toMatchObject({ code: 'TARGETS_NOT_SET', detail: expect.stringContaining('PUT /households/{id}/targets') });
  });

  it('buys the bonds in the IRA and sells the stock in the Roth, at no tax, $450 less than naive', async () => {
    const parks = await givenParks('The Parks');
    const { body } = await t
      .http()
      .get(`${base(parks.householdId)}/suggestions?wholeUnits=true`)
      .set(owner.auth)
      .expect(200);

    expect(
      body.accounts.map((account: Row) => [
        account.name,
        account.accountType,
        (account.trades as Row[]).map((trade) => [trade.side, trade.quantity, trade.symbol, trade.lotId]),
      ]),
    ).toEqual([
      ['IRA', 'TAX_DEFERRED', [['BUY', '50', 'HPB', null]]],
      [
        'Roth',
        'TAX_EXEMPT',
        [
          ['SELL', '50', 'HPX', parks.rothLot],
          ['BUY', '50', 'HPB', null],
        ],
      ],
    ]);
    const roth = body.accounts[1].trades;
    expect(roth[0]).toMatchObject({ price: '100', estimatedValue: '5000.00' });
    expect(roth[0].reason).toBe(
      `Sells 50 HPX from lot ${parks.rothLot} in account "Roth" at no tax in a tax-exempt account, moving stock from 75.00 % to 50.00 % of the household (target 50.00 %).`,
    );
    expect(body.solver).toMatchObject({
      status: 'OPTIMAL',
      objectiveBreakdown: {
        estimatedTax: { shortTerm: '0.00', longTerm: '0.00', destroyedLosses: '0.00', total: '0.00' },
        realizedGain: { shortTerm: '0.00', longTerm: '0.00' },
        turnover: '15000.00',
        trades: 3,
      },
    });
    expect(typeof body.solver.timeMs).toBe('number');
    expect(
      body.solver.objectiveBreakdown.residualDrift.items.map((item: Row) => [item.assetType, item.currentValue, item.currentPercentage, item.driftLevel]),
    ).toEqual([
      ['bond', '10000.00', '50.0000', 'WITHIN_TOLERANCE'],
      ['cash', '0.00', '0.0000', 'WITHIN_TOLERANCE'],
      ['stock', '10000.00', '50.0000', 'WITHIN_TOLERANCE'],
    ]);
    expect(body.baseline).toEqual({
      naive: { estimatedTax: { shortTerm: '0.00', longTerm: '450.00', destroyedLosses: '0.00', total: '450.00' }, trades: 6 },
      taxSavedVsNaive: '450.00',
    });
    expect(body.verification).toEqual({ ok: true, violations: [], repairs: [] });
    expect(body.options).toMatchObject({ mode: 'TO_TARGET', wholeUnits: true, avoidShortTermWithinDays: 30, shortTermRate: '0.37', longTermRate: '0.15' });
  });

  it('works around a DO_NOT_SELL on the Roth’s stock: the brokerage sells instead, at $450 of long-term tax', async () => {
    const parks = await givenParks('The Parks, Roth held');
    await t
      .http()
      .put(`/api/v1/households/${parks.householdId}/restrictions`)
      .set(owner.auth)
      .send({ restrictions: [{ assetId: x.id, accountId: parks.roth, kind: 'DO_NOT_SELL', reason: 'The client wants the Roth untouched' }] })
      .expect(200);
    const { body } = await t
      .http()
      .get(`${base(parks.householdId)}/suggestions?wholeUnits=true`)
      .set(owner.auth)
      .expect(200);

    // 50 X sold at $100 in the brokerage, bought at $40: $3,000 long-term, $450 at 15 %. Cash stays in its
    // account, so the proceeds buy 50 B there and the IRA's $5,000 buys the other 50.
    expect(body.accounts.map((account: Row) => [account.name, (account.trades as Row[]).map((trade) => [trade.side, trade.quantity, trade.symbol])])).toEqual([
      [
        'Brokerage',
        [
          ['SELL', '50', 'HPX'],
          ['BUY', '50', 'HPB'],
        ],
      ],
      ['IRA', [['BUY', '50', 'HPB']]],
    ]);
    expect(body.solver.objectiveBreakdown.estimatedTax.total).toBe('450.00');
    expect(body.baseline.taxSavedVsNaive).toBe('0.00');
    expect(body.verification.ok).toBe(true);
  });

  it('stores the plan, then executes it: the positions of every account are exactly the plan’s', async () => {
    const { parks, plan: created } = await givenPendingPlan('The Parks, executed');
    // Storing a plan records no transaction.
    const before = await transactionCount(parks.householdId);
    expect(created).toMatchObject({ householdId: parks.householdId, status: 'PENDING', execution: null, executedAt: null });
    expect(
      created.accounts.flatMap((account: Row) =>
        (account.trades as Row[]).map((trade) => [account.name, trade.side, trade.quantity, trade.symbol, trade.status]),
      ),
    ).toEqual([
      ['IRA', 'BUY', '50', 'HPB', 'PENDING'],
      ['Roth', 'SELL', '50', 'HPX', 'PENDING'],
      ['Roth', 'BUY', '50', 'HPB', 'PENDING'],
    ]);
    expect(created.baseline.taxSavedVsNaive).toBe('450.00');
    expect(
      (
        await t
          .http()
          .get(`${base(parks.householdId)}/plans/${created.id}`)
          .set(owner.auth)
          .expect(200)
      ).body,
    ).toEqual(created);

    const executed = (
      await t
        .http()
        .post(`${base(parks.householdId)}/plans/${created.id}/execute`)
        .set(owner.auth)
        .expect(200)
    ).body;
    expect(executed).toMatchObject({ status: 'EXECUTED', execution: { transactions: 3, totalBuys: '10000', totalSells: '5000' } });
    const items = executed.accounts.flatMap((account: Row) => account.trades as Row[]);
    expect(items.every((item: Row) => item.status === 'EXECUTED' && item.transactionId && item.executedAt === executed.executedAt)).toBe(true);
    expect(await transactionCount(parks.householdId)).toBe(before + 3);

    // A position per asset, and the cash row (no symbol).
    expect(await holdings(parks.brokerage)).toEqual([
      ['HPX', '100'],
      [null, '0'],
    ]);
    expect(await holdings(parks.ira)).toEqual([
      ['HPB', '50'],
      [null, '0'],
    ]);
    expect(await holdings(parks.roth)).toEqual([
      ['HPB', '50'],
      [null, '0'],
    ]);
    // The Roth's SELL relieved the lot the plan named.
    const gains = (await t.http().get(`/api/v1/portfolios/${parks.roth}/realized-gains`).set(owner.auth).expect(200)).body.items;
    expect(gains.map((gain: Row) => [gain.lotId, gain.quantity, gain.gain])).toEqual([[parks.rothLot, '50', '0']]);

    const drift = (await t.http().get(`/api/v1/households/${parks.householdId}/drift`).set(owner.auth).expect(200)).body;
    expect(drift).toMatchObject({ status: 'WITHIN_TOLERANCE', totalValue: '20000.00' });
  });

  it('records the trades once when executed twice at the same time; a repeat answers the executed plan and records nothing', async () => {
    const { parks, planId } = await givenPendingPlan('The Kims');
    const before = await transactionCount(parks.householdId);
    const execute = () =>
      t
        .http()
        .post(`${base(parks.householdId)}/plans/${planId}/execute`)
        .set(owner.auth);
    const [first, second] = await Promise.all([execute(), execute()]);
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(second.body).toEqual(first.body);
    expect(await transactionCount(parks.householdId)).toBe(before + 3);

    const again = await execute().expect(200);
    expect(again.body).toEqual(first.body);
    expect(await transactionCount(parks.householdId)).toBe(before + 3);
  });

  it('refuses a plan made stale by a transaction recorded since, and records nothing', async () => {
    const { parks, planId } = await givenPendingPlan('The Lopezes');
    await record(t, owner, parks.brokerage, { type: 'DEPOSIT', amount: '1', executedAt: '2026-11-02T15:00:00Z' });
    const before = await snapshotDatabase(t);
    const refused = await t
      .http()
      .post(`${base(parks.householdId)}/plans/${planId}/execute`)
      .set(owner.auth)
      .expect(409);
    expect(refused.body).toMatchObject({ code: 'PLAN_STALE' });
    expect(await snapshotDatabase(t)).toEqual(before);
    expect(
      (
        await t
          .http()
          .get(`${base(parks.householdId)}/plans/${planId}`)
          .set(owner.auth)
          .expect(200)
      ).body.status,
    ).toBe('PENDING');
  });

  it('never executes a plan the exact check found breaking a hard constraint, and records nothing', async () => {
    const { parks, planId } = await givenPendingPlan('The Okafors');
    // No solve of this household breaks a constraint after repair, so the stored check is what is made to fail.
    await t.dataSource.query(
      `UPDATE household_rebalancing_plans
          SET report = jsonb_set(jsonb_set(report, '{verification,ok}', 'false'), '{verification,violations}', '[{"code":"CASH_BELOW_RESERVE","message":"Brokerage ends 1.00 below its reserve"}]')
        WHERE id = $1`,
      [planId],
    );
    const before = await snapshotDatabase(t);
    const refused = await t
      .http()
      .post(`${base(parks.householdId)}/plans/${planId}/execute`)
      .set(owner.auth)
      .expect(409);
    expect(refused.body).toMatchObject({ code: 'PLAN_NOT_VERIFIED' });
    expect(refused.body.detail).toContain('CASH_BELOW_RESERVE');
    expect(await snapshotDatabase(t)).toEqual(before);
  });

  /**
   * One taxable account holding 100 X bought at $40 in 2020 ($60 a share of long-term gain), cash 0,
   * against 50/50 stock/bond: $5,000 of X to sell. A long-term gain budget of $1,200 allows 20 shares
   * ($180 of tax at 15 %); the plan stops there and says the household is still outside its bands.
   */
  it('stops a sale at the gain budget the query sets and reports the drift it leaves', async () => {
    const householdId = (
      await t.http().post('/api/v1/households').set(owner.auth).send({ name: 'The Budgets', shortTermRate: '37', longTermRate: '15' }).expect(201)
    ).body.id as string;
    const brokerage = await givenPortfolio(t, owner, { name: 'Brokerage', householdId, accountType: 'TAXABLE' });
    await record(t, owner, brokerage, { type: 'DEPOSIT', amount: '4000', executedAt: '2020-01-10T15:00:00Z' });
    await record(t, owner, brokerage, { type: 'BUY', assetId: x.id, quantity: '100', price: '40', executedAt: '2020-01-10T15:00:00Z' });
    await t.http().put(`/api/v1/households/${householdId}/targets`).set(owner.auth).send({ targets: TARGETS }).expect(200);

    const { body } = await t
      .http()
      .get(`${base(householdId)}/suggestions?mode=WITHIN_BANDS&wholeUnits=true&maxLongTermGain=1200&weightTax=2`)
      .set(owner.auth)
      .expect(200);
    expect(body.options).toMatchObject({ mode: 'WITHIN_BANDS', wholeUnits: true, maxLongTermGain: '1200', weightTax: '2' });
    expect(body.accounts[0].trades.map((trade: Row) => [trade.side, trade.quantity, trade.symbol])).toEqual([
      ['SELL', '20', 'HPX'],
      ['BUY', '20', 'HPB'],
    ]);
    expect(body.solver.objectiveBreakdown.realizedGain).toEqual({ shortTerm: '0.00', longTerm: '1200.00' });
    expect(body.solver.objectiveBreakdown.estimatedTax.total).toBe('180.00');
    expect(body.solver.objectiveBreakdown.residualDrift.items.map((item: Row) => [item.assetType, item.currentPercentage, item.driftLevel])).toEqual([
      ['bond', '20.0000', 'CRITICAL'],
      ['cash', '0.0000', 'WITHIN_TOLERANCE'],
      ['stock', '80.0000', 'CRITICAL'],
    ]);
    expect(body.verification.ok).toBe(true);
  });

  /**
   * One taxable account: 100 X bought at $40 in 2020 (long-term, $60 a share of gain) and 30 X bought
   * at $90 on 2026-10-01 (short-term, $10 a share), cash 0; 50/50 stock/bond means selling 65 X.
   * Per share sold, the short-term lot costs $3.70 of tax (37 %), the long-term one $9 (15 %): the
   * plan sells the 30 short-term shares ($300 gain, $111) and 35 long-term ones ($2,100, $315): $426.
   * Once executed, the ledger's own realized gains at the household's rates give the same $426.
   */
  it("estimates the tax the ledger's replay of the executed trades realizes, to the cent", async () => {
    const householdId = (
      await t.http().post('/api/v1/households').set(owner.auth).send({ name: 'The Okafors', shortTermRate: '37', longTermRate: '15' }).expect(201)
    ).body.id as string;
    const brokerage = await givenPortfolio(t, owner, { name: 'Brokerage', householdId, accountType: 'TAXABLE' });
    await record(t, owner, brokerage, { type: 'DEPOSIT', amount: '6700', executedAt: '2020-01-10T15:00:00Z' });
    await record(t, owner, brokerage, { type: 'BUY', assetId: x.id, quantity: '100', price: '40', executedAt: '2020-01-10T15:00:00Z' });
    const shortLot = await record(t, owner, brokerage, { type: 'BUY', assetId: x.id, quantity: '30', price: '90', executedAt: '2026-10-01T15:00:00Z' });
    await t.http().put(`/api/v1/households/${householdId}/targets`).set(owner.auth).send({ targets: TARGETS }).expect(200);

    const plan = (
      await t
        .http()
        .post(`${base(householdId)}/plans`)
        .set(owner.auth)
        .send({ wholeUnits: true })
        .expect(201)
    ).body;
    // SELLs are ordered by lot id, which is random here: compared as a set.
    const trades = plan.accounts[0].trades.map(
      (trade: Row) => `${trade.side} ${trade.quantity} ${trade.symbol}${trade.lotId === shortLot ? ' short lot' : trade.lotId ? ' long lot' : ''}`,
    );
    expect([...trades].sort()).toEqual(['BUY 65 HPB', 'SELL 30 HPX short lot', 'SELL 35 HPX long lot']);
    expect(plan.solver.objectiveBreakdown.realizedGain).toEqual({ shortTerm: '300.00', longTerm: '2100.00' });
    expect(plan.solver.objectiveBreakdown.estimatedTax.total).toBe('426.00');

    await t
      .http()
      .post(`${base(householdId)}/plans/${plan.id}/execute`)
      .set(owner.auth)
      .expect(200);
    const gains = (await t.http().get(`/api/v1/portfolios/${brokerage}/realized-gains`).set(owner.auth).expect(200)).body.items as Row[];
    const rate = { SHORT: new Big('0.37'), LONG: new Big('0.15') };
    const replayed = gains.reduce((tax, gain) => tax.plus(new Big(gain.reportableGain as string).times(rate[gain.term as 'SHORT' | 'LONG'])), new Big(0));
    expect(replayed.toFixed(2)).toBe(plan.solver.objectiveBreakdown.estimatedTax.total);
    // One SELL transaction for the order, naming both lots.
    expect(new Set(gains.map((gain) => gain.sellTransactionId)).size).toBe(1);
  });

  // Last: it moves the price every other story trades at.
  it('refuses a plan made stale by a new price of an asset it was solved with', async () => {
    const { parks, planId } = await givenPendingPlan('The Nguyens');
    const admin = await givenAdmin(t);
    await t.http().put(`/api/v1/assets/${b.id}/price`).set(admin.auth).send({ price: '101', asOf: new Date().toISOString() }).expect(200);
    const before = await transactionCount(parks.householdId);
    const refused = await t
      .http()
      .post(`${base(parks.householdId)}/plans/${planId}/execute`)
      .set(owner.auth)
      .expect(409);
    expect(refused.body).toMatchObject({ code: 'PLAN_STALE', detail: expect.stringContaining('Prices changed') });
    expect(await transactionCount(parks.householdId)).toBe(before);
  });
});
