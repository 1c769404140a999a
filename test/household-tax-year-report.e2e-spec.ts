import { givenAdmin, givenUser, type TestUser } from './support/auth';
import { givenAsset } from './support/catalogue';
import { givenPortfolio, record } from './support/portfolios';
import { createTestApp, type TestApp } from './support/test-app';

/**
 * The tax-year report (issue 17): Form 8949 lines for the sales in a household's taxable accounts.
 * Alice's taxable account: $10,000 deposited; 10 X bought at $100 on 2025-01-10; 1 X sold at $90 on
 * 2025-06-01 (short-term, −$10, a 2025 line); 4 X sold at $130.125 on 2026-02-10 (long-term:
 * proceeds $520.50, basis $400, +$120.50); 10 Y bought at $50 on 2026-03-01, sold at $40 on
 * 2026-04-01 (−$100 short-term) and 10 Y bought again at $41 on 2026-04-15, so the loss is a wash
 * sale: code W, $100 added back, gain $0.00. Her IRA sells 1 X at $120 in 2026 and her fellow client
 * Bob sells in 2026 too: neither is on her form.
 */
describe('households: the tax-year report (Form 8949)', () => {
  let t: TestApp;
  let partner: TestUser;
  let alice: string;
  let bob: string;

  beforeAll(async () => {
    t = await createTestApp();
    const admin = await givenAdmin(t);
    partner = await givenUser(t, 'partner');
    const x = await givenAsset(t, admin, { symbol: 'TRX', assetType: 'stock', price: '100' });
    const y = await givenAsset(t, admin, { symbol: 'TRY', assetType: 'stock', price: '41' });
    alice = await household('Alice');
    bob = await household('Bob');

    const taxable = await account(alice, 'TAXABLE');
    await record(t, partner, taxable, { type: 'DEPOSIT', amount: '10000', executedAt: '2025-01-02T15:00:00Z' });
    await record(t, partner, taxable, { type: 'BUY', assetId: x.id, quantity: '10', price: '100', executedAt: '2025-01-10T15:00:00Z' });
    await record(t, partner, taxable, { type: 'SELL', assetId: x.id, quantity: '1', price: '90', executedAt: '2025-06-01T15:00:00Z' });
    await record(t, partner, taxable, { type: 'SELL', assetId: x.id, quantity: '4', price: '130.125', executedAt: '2026-02-10T15:00:00Z' });
    await record(t, partner, taxable, { type: 'BUY', assetId: y.id, quantity: '10', price: '50', executedAt: '2026-03-01T15:00:00Z' });
    await record(t, partner, taxable, { type: 'SELL', assetId: y.id, quantity: '10', price: '40', executedAt: '2026-04-01T15:00:00Z' });
    await record(t, partner, taxable, { type: 'BUY', assetId: y.id, quantity: '10', price: '41', executedAt: '2026-04-15T15:00:00Z' });

    const ira = await account(alice, 'TAX_DEFERRED');
    await record(t, partner, ira, { type: 'DEPOSIT', amount: '1000', executedAt: '2026-01-05T15:00:00Z' });
    await record(t, partner, ira, { type: 'BUY', assetId: x.id, quantity: '1', price: '100', executedAt: '2026-01-06T15:00:00Z' });
    await record(t, partner, ira, { type: 'SELL', assetId: x.id, quantity: '1', price: '120', executedAt: '2026-05-06T15:00:00Z' });

    const bobs = await account(bob, 'TAXABLE');
    await record(t, partner, bobs, { type: 'DEPOSIT', amount: '1000', executedAt: '2026-01-05T15:00:00Z' });
    await record(t, partner, bobs, { type: 'BUY', assetId: x.id, quantity: '1', price: '100', executedAt: '2026-01-06T15:00:00Z' });
    await record(t, partner, bobs, { type: 'SELL', assetId: x.id, quantity: '1', price: '80', executedAt: '2026-05-06T15:00:00Z' });
  });
  afterAll(() => t.close());

  async function household(name: string): Promise<string> {
    const [{ id }] = await t.dataSource.query<Array<{ id: string }>>('INSERT INTO households (user_id, name) VALUES ($1, $2) RETURNING id', [partner.id, name]);
    return id;
  }

  /** An account of the given type in the household (the households routes have tests of their own). */
  async function account(householdId: string, accountType: 'TAXABLE' | 'TAX_DEFERRED'): Promise<string> {
    const portfolio = await givenPortfolio(t, partner, { name: accountType });
    await t.dataSource.query('UPDATE portfolios SET household_id = $1, account_type = $2 WHERE id = $3', [householdId, accountType, portfolio]);
    return portfolio;
  }

  const columns = (line: Record<string, string>) => [
    line.description,
    line.dateAcquired,
    line.dateSold,
    line.proceeds,
    line.costBasis,
    line.adjustmentCode,
    line.adjustmentAmount,
    line.gain,
  ];

  it('lists 2026’s lines by term, the wash sale with code W and its $100 added back, and totals of the lines as shown', async () => {
    const { body } = await t.http().get(`/api/v1/households/${alice}/realized-gains?year=2026`).set(partner.auth).expect(200);
    expect(body.householdId).toBe(alice);
    expect(body.year).toBe(2026);
    expect(body.shortTerm.lines.map(columns)).toEqual([['10 sh. TRY', '2026-03-01', '2026-04-01', '400.00', '500.00', 'W', '100.00', '0.00']]);
    expect(body.shortTerm.totals).toEqual({ proceeds: '400.00', costBasis: '500.00', adjustmentAmount: '100.00', gain: '0.00' });
    expect(body.longTerm.lines.map(columns)).toEqual([['4 sh. TRX', '2025-01-10', '2026-02-10', '520.50', '400.00', '', '0.00', '120.50']]);
    expect(body.longTerm.totals).toEqual({ proceeds: '520.50', costBasis: '400.00', adjustmentAmount: '0.00', gain: '120.50' });
  });

  it('reports another year on its own: 2025 has the one short-term $10 loss', async () => {
    const { body } = await t.http().get(`/api/v1/households/${alice}/realized-gains?year=2025`).set(partner.auth).expect(200);
    expect(body.shortTerm.lines.map(columns)).toEqual([['1 sh. TRX', '2025-01-10', '2025-06-01', '90.00', '100.00', '', '0.00', '-10.00']]);
    expect(body.longTerm.lines).toEqual([]);
    expect(body.longTerm.totals).toEqual({ proceeds: '0.00', costBasis: '0.00', adjustmentAmount: '0.00', gain: '0.00' });
  });

  it('answers the same report as CSV when asked with Accept: text/csv', async () => {
    const response = await t.http().get(`/api/v1/households/${alice}/realized-gains?year=2026`).set(partner.auth).set('Accept', 'text/csv').expect(200);
    expect(response.headers['content-type']).toMatch(/^text\/csv/);
    expect(response.headers['content-disposition']).toBe('attachment; filename="form-8949-2026.csv"');
    const rows = response.text.trim().split('\n');
    expect(rows[0]).toBe('term,description,dateAcquired,dateSold,proceeds,costBasis,adjustmentCode,adjustmentAmount,gain,portfolioId,sellTransactionId,lotId');
    expect(rows.slice(1).map((row) => row.split(',').slice(0, 9).join(','))).toEqual([
      'SHORT,10 sh. TRY,2026-03-01,2026-04-01,400.00,500.00,W,100.00,0.00',
      'SHORT_TOTAL,Totals,,,400.00,500.00,,100.00,0.00',
      'LONG,4 sh. TRX,2025-01-10,2026-02-10,520.50,400.00,,0.00,120.50',
      'LONG_TOTAL,Totals,,,520.50,400.00,,0.00,120.50',
    ]);
  });

  it('keeps each household to itself: Bob’s 2026 loss is on his form only', async () => {
    const { body } = await t.http().get(`/api/v1/households/${bob}/realized-gains?year=2026`).set(partner.auth).expect(200);
    expect(body.shortTerm.lines.map(columns)).toEqual([['1 sh. TRX', '2026-01-06', '2026-05-06', '80.00', '100.00', '', '0.00', '-20.00']]);
  });

  it('is a 404 for another user’s household and for an unknown one, and refuses a year out of range', async () => {
    const stranger = await givenUser(t, 'stranger');
    const notFound = await t.http().get(`/api/v1/households/${alice}/realized-gains?year=2026`).set(stranger.auth).expect(404);
    expect(notFound.body.code).toBe('NOT_FOUND');
    await t.http().get('/api/v1/households/00000000-0000-4000-8000-000000000000/realized-gains?year=2026').set(partner.auth).expect(404);
    const refused = await t.http().get(`/api/v1/households/${alice}/realized-gains?year=1800`).set(partner.auth).expect(400);
    expect(refused.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'year' })]));
  });

  it('reports the current year when none is asked for', async () => {
    const { body } = await t.http().get(`/api/v1/households/${alice}/realized-gains`).set(partner.auth).expect(200);
    expect(body.year).toBe(new Date().getUTCFullYear());
  });
});
