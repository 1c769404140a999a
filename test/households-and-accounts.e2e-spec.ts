import { randomUUID } from 'node:crypto';
import { givenAdmin, givenApiKey, givenUser, type TestUser } from './support/auth';
import { givenAsset, type TestAsset } from './support/catalogue';
import { givenPortfolio, record, snapshotDatabase } from './support/portfolios';
import { createTestApp, type TestApp } from './support/test-app';

describe('households: the taxpayer owns accounts of three tax types', () => {
  let t: TestApp;
  let owner: TestUser;
  let stranger: TestUser;
  let vti: TestAsset;
  let bnd: TestAsset;

  const household = async (user: TestUser, body: Record<string, unknown>): Promise<string> =>
    (await t.http().post('/api/v1/households').set(user.auth).send(body).expect(201)).body.id as string;

  beforeAll(async () => {
    t = await createTestApp();
    const admin = await givenAdmin(t);
    owner = await givenUser(t, 'advisor');
    stranger = await givenUser(t, 'stranger');
    vti = await givenAsset(t, admin, { symbol: 'HHVTI', assetType: 'stock', price: '225' });
    bnd = await givenAsset(t, admin, { symbol: 'HHBND', assetType: 'bond', price: '72' });
  });
  afterAll(() => t.close());

  it('creates with the default tax rates and autoRebalance OFF, refuses a taken externalId, lists by externalId, updates and clears it', async () => {
    const created = await t.http().post('/api/v1/households').set(owner.auth).send({ name: '  The Parkers  ', externalId: 'client-1' }).expect(201);
    expect(created.body).toEqual({
      id: expect.any(String),
      name: 'The Parkers',
      externalId: 'client-1',
      isDefault: false,
      shortTermRate: '37',
      longTermRate: '20',
      autoRebalance: 'OFF',
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    const taken = await t.http().post('/api/v1/households').set(owner.auth).send({ name: 'Twin', externalId: 'client-1' }).expect(409);
    expect(taken.body).toMatchObject({ code: 'EXTERNAL_ID_TAKEN', detail: 'Another of your households has externalId client-1' });
    // Unique per owner: another partner may use the same id for their own client.
    await household(stranger, { name: 'Not a Parker', externalId: 'client-1' });
    await household(owner, { name: 'The Hills', externalId: 'client-2', shortTermRate: '24.5', longTermRate: 15 });

    const found = await t.http().get('/api/v1/households?externalId=client-1').set(owner.auth).expect(200);
    expect(found.body).toEqual({ items: [expect.objectContaining({ id: created.body.id })], nextCursor: null });
    const first = await t.http().get('/api/v1/households?limit=1').set(owner.auth).expect(200);
    expect(first.body.items.map((h: { name: string }) => h.name)).toEqual(['The Parkers']);
    const next = await t.http().get(`/api/v1/households?limit=1&cursor=${first.body.nextCursor}`).set(owner.auth).expect(200);
    expect(next.body).toEqual({ items: [expect.objectContaining({ name: 'The Hills', shortTermRate: '24.5', longTermRate: '15' })], nextCursor: null });

    const renamed = await t
      .http()
      .patch(`/api/v1/households/${created.body.id}`)
      .set(owner.auth)
      .send({ name: 'Parker family', externalId: '', shortTermRate: '32', longTermRate: '0', autoRebalance: 'SUGGEST' })
      .expect(200);
    expect(renamed.body).toMatchObject({ name: 'Parker family', externalId: null, shortTermRate: '32', longTermRate: '0', autoRebalance: 'SUGGEST' });
    const clash = await t.http().patch(`/api/v1/households/${created.body.id}`).set(owner.auth).send({ externalId: 'client-2' }).expect(409);
    expect(clash.body.code).toBe('EXTERNAL_ID_TAKEN');
    const refused = await t
      .http()
      .patch(`/api/v1/households/${created.body.id}`)
      .set(owner.auth)
      .send({ shortTermRate: '100.5', longTermRate: '-1', autoRebalance: 'EXECUTE' })
      .expect(400);
    expect(refused.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['autoRebalance', 'longTermRate', 'shortTermRate']);
  });

  it('two first POST /portfolios at once without a householdId share one default household', async () => {
    const newcomer = await givenUser(t, 'newcomer');
    const [a, b] = await Promise.all([givenPortfolio(t, newcomer, { name: 'A' }), givenPortfolio(t, newcomer, { name: 'B' })]);
    const households = await t.http().get('/api/v1/households').set(newcomer.auth).expect(200);
    expect(households.body.items).toEqual([expect.objectContaining({ name: 'Default household', isDefault: true })]);
    const defaultId = households.body.items[0].id as string;
    for (const id of [a, b]) {
      const portfolio = await t.http().get(`/api/v1/portfolios/${id}`).set(newcomer.auth).expect(200);
      expect(portfolio.body).toMatchObject({ householdId: defaultId, accountType: 'TAXABLE', externalId: null });
    }
  });

  it('creates accounts in a household, refuses a household not the caller’s with the same 422 as an unknown one, lists by household and externalId', async () => {
    const parkers = await household(owner, { name: 'Accounts' });
    const ira = await t
      .http()
      .post('/api/v1/portfolios')
      .set(owner.auth)
      .send({ name: 'IRA', householdId: parkers, accountType: 'TAX_DEFERRED', externalId: 'acct-ira' })
      .expect(201);
    expect(ira.body).toMatchObject({ householdId: parkers, accountType: 'TAX_DEFERRED', externalId: 'acct-ira' });
    const taken = await t.http().post('/api/v1/portfolios').set(owner.auth).send({ name: 'Again', externalId: 'acct-ira' }).expect(409);
    expect(taken.body.code).toBe('EXTERNAL_ID_TAKEN');

    const theirs = await household(stranger, { name: 'Theirs' });
    const before = await snapshotDatabase(t);
    const foreign = await t.http().post('/api/v1/portfolios').set(owner.auth).send({ name: 'X', householdId: theirs }).expect(422);
    const unknown = await t.http().post('/api/v1/portfolios').set(owner.auth).send({ name: 'X', householdId: randomUUID() }).expect(422);
    expect(foreign.body).toMatchObject({
      code: 'VALIDATION_FAILED',
      errors: [{ field: 'householdId', rule: 'ownHousehold', message: 'is not one of your households' }],
    });
    expect({ ...foreign.body, instance: undefined, requestId: undefined }).toEqual({ ...unknown.body, instance: undefined, requestId: undefined });
    const invalid = await t.http().post('/api/v1/portfolios').set(owner.auth).send({ name: 'X', accountType: 'ROTH' }).expect(400);
    expect(invalid.body.errors.map((e: { field: string }) => e.field)).toEqual(['accountType']);
    expect(await snapshotDatabase(t)).toEqual(before);

    const inHousehold = await t.http().get(`/api/v1/portfolios?householdId=${parkers}`).set(owner.auth).expect(200);
    expect(inHousehold.body.items.map((p: { id: string }) => p.id)).toEqual([ira.body.id]);
    const byExternalId = await t.http().get('/api/v1/portfolios?externalId=acct-ira').set(owner.auth).expect(200);
    expect(byExternalId.body.items.map((p: { id: string }) => p.id)).toEqual([ira.body.id]);
  });

  it('moves an account to another household of the owner, never to someone else’s, and changes its type', async () => {
    const from = await household(owner, { name: 'From' });
    const to = await household(owner, { name: 'To' });
    const account = await givenPortfolio(t, owner, { name: 'Moving', householdId: from });
    await record(t, owner, account, { type: 'DEPOSIT', amount: '1000', executedAt: '2026-01-02T15:00:00Z' });
    await record(t, owner, account, { type: 'BUY', assetId: vti.id, quantity: '2', price: '200', executedAt: '2026-01-03T15:00:00Z' });

    const theirs = await household(stranger, { name: 'Theirs too' });
    const before = await snapshotDatabase(t);
    const refused = await t.http().patch(`/api/v1/portfolios/${account}`).set(owner.auth).send({ householdId: theirs, name: 'Hijacked' }).expect(422);
    expect(refused.body.errors).toEqual([{ field: 'householdId', rule: 'ownHousehold', message: 'is not one of your households' }]);
    expect(await snapshotDatabase(t)).toEqual(before);

    const moved = await t
      .http()
      .patch(`/api/v1/portfolios/${account}`)
      .set(owner.auth)
      .send({ householdId: to, accountType: 'TAX_EXEMPT', externalId: 'acct-roth' })
      .expect(200);
    expect(moved.body).toMatchObject({ householdId: to, accountType: 'TAX_EXEMPT', externalId: 'acct-roth' });
    // The re-derived holdings are the same: nothing else in either household.
    const detail = await t.http().get(`/api/v1/portfolios/${account}`).set(owner.auth).expect(200);
    expect([detail.body.cash, detail.body.costBasis]).toEqual(['600', '400']);

    const emptied = await t.http().get(`/api/v1/households/${from}`).set(owner.auth).expect(200);
    expect(emptied.body.accounts).toEqual([]);
    await t.http().delete(`/api/v1/households/${from}`).set(owner.auth).expect(204);
    const notEmpty = await t.http().delete(`/api/v1/households/${to}`).set(owner.auth).expect(409);
    expect(notEmpty.body).toMatchObject({ code: 'HOUSEHOLD_NOT_EMPTY', detail: expect.stringContaining('still holds 1 account:') });
    await t.http().get(`/api/v1/households/${to}`).set(owner.auth).expect(200);
  });

  /*
   * The Parkers: a brokerage account (10 VTI bought at 200, 8,000 cash), a Roth IRA (20 VTI at 210,
   * 800 cash) and a traditional IRA (30 BND at 70, 900 cash); VTI is now 225 and BND 72.
   *   brokerage   8,000 + 10 × 225 = 2,250 → 10,250
   *   Roth          800 + 20 × 225 = 4,500 →  5,300
   *   IRA           900 + 30 ×  72 = 2,160 →  3,060
   *   household   9,700 +            8,910 → 18,610
   * VTI across accounts: 30 units, basis 6,200, 6,750 = 36.2708 % of 18,610; BND 2,160 = 11.6067 %.
   */
  describe('read views of a household with three accounts', () => {
    let parkers: string;
    let brokerage: string;
    let roth: string;
    let ira: string;

    beforeAll(async () => {
      parkers = await household(owner, { name: 'The Parkers (views)' });
      brokerage = await givenPortfolio(t, owner, { name: 'Brokerage', householdId: parkers });
      roth = await givenPortfolio(t, owner, { name: 'Roth IRA', householdId: parkers, accountType: 'TAX_EXEMPT' });
      ira = await givenPortfolio(t, owner, { name: 'IRA', householdId: parkers, accountType: 'TAX_DEFERRED' });
      await record(t, owner, brokerage, { type: 'DEPOSIT', amount: '10000', executedAt: '2026-02-02T15:00:00Z' });
      await record(t, owner, brokerage, { type: 'BUY', assetId: vti.id, quantity: '10', price: '200', executedAt: '2026-02-03T15:00:00Z' });
      await record(t, owner, roth, { type: 'DEPOSIT', amount: '5000', executedAt: '2026-02-02T15:00:00Z' });
      await record(t, owner, roth, { type: 'BUY', assetId: vti.id, quantity: '20', price: '210', executedAt: '2026-02-04T15:00:00Z' });
      await record(t, owner, ira, { type: 'DEPOSIT', amount: '3000', executedAt: '2026-02-02T15:00:00Z' });
      await record(t, owner, ira, { type: 'BUY', assetId: bnd.id, quantity: '30', price: '70', executedAt: '2026-02-04T15:00:00Z' });
    });

    it('totals each account and each account type', async () => {
      const response = await t.http().get(`/api/v1/households/${parkers}`).set(owner.auth).expect(200);
      expect(response.body).toMatchObject({
        id: parkers,
        accounts: [
          { portfolioId: brokerage, name: 'Brokerage', accountType: 'TAXABLE', externalId: null, cash: '8000', marketValue: '2250.00', totalValue: '10250.00' },
          { portfolioId: roth, name: 'Roth IRA', accountType: 'TAX_EXEMPT', externalId: null, cash: '800', marketValue: '4500.00', totalValue: '5300.00' },
          { portfolioId: ira, name: 'IRA', accountType: 'TAX_DEFERRED', externalId: null, cash: '900', marketValue: '2160.00', totalValue: '3060.00' },
        ],
        byAccountType: [
          { accountType: 'TAXABLE', accounts: 1, cash: '8000', marketValue: '2250.00', totalValue: '10250.00' },
          { accountType: 'TAX_DEFERRED', accounts: 1, cash: '900', marketValue: '2160.00', totalValue: '3060.00' },
          { accountType: 'TAX_EXEMPT', accounts: 1, cash: '800', marketValue: '4500.00', totalValue: '5300.00' },
        ],
        total: { cash: '9700', marketValue: '8910.00', totalValue: '18610.00' },
        warnings: [],
      });
    });

    it("aggregates positions across accounts with each account's part", async () => {
      const response = await t.http().get(`/api/v1/households/${parkers}/positions`).set(owner.auth).expect(200);
      expect(response.body).toEqual({
        items: [
          expect.objectContaining({
            symbol: 'HHBND',
            quantity: '30',
            costBasis: '2100',
            price: '72',
            marketValue: '2160.00',
            weightPercentage: '11.6067',
            accounts: [{ portfolioId: ira, name: 'IRA', accountType: 'TAX_DEFERRED', quantity: '30', costBasis: '2100', marketValue: '2160.00' }],
          }),
          expect.objectContaining({
            symbol: 'HHVTI',
            quantity: '30',
            costBasis: '6200',
            marketValue: '6750.00',
            weightPercentage: '36.2708',
            accounts: [
              { portfolioId: brokerage, name: 'Brokerage', accountType: 'TAXABLE', quantity: '10', costBasis: '2000', marketValue: '2250.00' },
              { portfolioId: roth, name: 'Roth IRA', accountType: 'TAX_EXEMPT', quantity: '20', costBasis: '4200', marketValue: '4500.00' },
            ],
          }),
        ],
        cash: {
          total: '9700',
          accounts: [
            { portfolioId: brokerage, name: 'Brokerage', accountType: 'TAXABLE', cash: '8000' },
            { portfolioId: roth, name: 'Roth IRA', accountType: 'TAX_EXEMPT', cash: '800' },
            { portfolioId: ira, name: 'IRA', accountType: 'TAX_DEFERRED', cash: '900' },
          ],
        },
        totalValue: '18610.00',
        warnings: [],
        nextCursor: null,
      });
      const firstPage = await t.http().get(`/api/v1/households/${parkers}/positions?limit=1`).set(owner.auth).expect(200);
      const secondPage = await t.http().get(`/api/v1/households/${parkers}/positions?limit=1&cursor=${firstPage.body.nextCursor}`).set(owner.auth).expect(200);
      expect([...firstPage.body.items, ...secondPage.body.items].map((line: { symbol: string }) => line.symbol)).toEqual(['HHBND', 'HHVTI']);
      expect(secondPage.body.nextCursor).toBeNull();
    });
  });

  it('API keys with portfolios:read read households, and only portfolios:write writes them', async () => {
    const reader = await givenApiKey(t, owner, ['portfolios:read']);
    const writer = await givenApiKey(t, owner, ['portfolios:write']);
    const other = await givenApiKey(t, owner, ['rebalancing:read']);
    await t.http().get('/api/v1/households').set('X-API-Key', reader.secret).expect(200);
    const denied = await t.http().post('/api/v1/households').set('X-API-Key', reader.secret).send({ name: 'Nope' }).expect(403);
    expect(denied.body).toMatchObject({ code: 'INSUFFICIENT_SCOPE', missingScopes: ['portfolios:write'] });
    const created = await t.http().post('/api/v1/households').set('X-API-Key', writer.secret).send({ name: 'By key' }).expect(201);
    await t.http().get(`/api/v1/households/${created.body.id}`).set('X-API-Key', reader.secret).expect(200);
    await t.http().get(`/api/v1/households/${created.body.id}/positions`).set('X-API-Key', reader.secret).expect(200);
    await t.http().patch(`/api/v1/households/${created.body.id}`).set('X-API-Key', reader.secret).send({ name: 'Nope' }).expect(403);
    await t.http().delete(`/api/v1/households/${created.body.id}`).set('X-API-Key', reader.secret).expect(403);
    await t.http().get('/api/v1/households').set('X-API-Key', other.secret).expect(403);
    await t.http().delete(`/api/v1/households/${created.body.id}`).set('X-API-Key', writer.secret).expect(204);
  });

  it('replays a POST with the same Idempotency-Key once', async () => {
    const send = () =>
      t.http().post('/api/v1/households').set(owner.auth).set('Idempotency-Key', 'household-once-1').send({ name: 'Once', externalId: 'once-1' });
    const first = await send().expect(201);
    const again = await send().expect(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body.id).toBe(first.body.id);
  });
});
