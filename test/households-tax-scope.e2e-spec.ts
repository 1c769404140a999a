import { givenAdmin, givenUser, type TestUser } from './support/auth';
import { givenAsset, type TestAsset } from './support/catalogue';
import { givenPortfolio, record } from './support/portfolios';
import { createTestApp, type TestApp } from './support/test-app';

const on = (day: string) => `2026-${day}T15:00:00.000Z`;

/**
 * The household is the taxpayer (issue 17): wash sales match purchases across its accounts and no
 * further. Every story has the same trades: $5,000 deposited on 03-02, 10 X bought at $100 on
 * 03-03 (basis $1,000), all 10 sold at $80 on 04-01, a $200 short-term loss; then 10 X bought at
 * $81 ($810) on 04-10, nine days after the sale, in another account. Only where that account is
 * decides what happens to the loss:
 *   another household of the same user (Bob, Alice's fellow client) → allowed, Bob's basis $810;
 *   a TAX_DEFERRED account of the same household (Alice's IRA)      → disallowed for good, IRA basis $810;
 *   a TAXABLE account of the same household (Alice's spouse)         → disallowed, spouse's basis $1,010,
 *     holding period tacked by the 29 days the sold lot was held (03-03 to 04-01): from 04-10 back to 03-12.
 * X is priced $70 now, so every lot bought at $81 is at a loss of $110.
 */
describe('households: the tax scope of wash sales', () => {
  let t: TestApp;
  let partner: TestUser;
  let x: TestAsset;

  beforeAll(async () => {
    t = await createTestApp();
    const admin = await givenAdmin(t);
    partner = await givenUser(t);
    x = await givenAsset(t, admin, { symbol: 'HHX', assetType: 'stock', price: '70' });
  });
  afterAll(() => t.close());

  const households = new Map<string, string>();

  /** An empty account of the given type in the partner's household of that name (the households routes have tests of their own). */
  async function givenAccount(household: string, accountType: 'TAXABLE' | 'TAX_DEFERRED' | 'TAX_EXEMPT' = 'TAXABLE'): Promise<string> {
    const portfolio = await givenPortfolio(t, partner, { name: `${household} ${accountType}` });
    if (!households.has(household)) {
      const [{ id }] = await t.dataSource.query<Array<{ id: string }>>('INSERT INTO households (user_id, name) VALUES ($1, $2) RETURNING id', [
        partner.id,
        household,
      ]);
      households.set(household, id);
    }
    await t.dataSource.query('UPDATE portfolios SET household_id = $1, account_type = $2 WHERE id = $3', [households.get(household), accountType, portfolio]);
    return portfolio;
  }

  /** 10 X bought at $100 and sold at $80: the $200 loss. Returns the lot's id. */
  async function lossSale(portfolio: string): Promise<string> {
    await record(t, partner, portfolio, { type: 'DEPOSIT', amount: '5000', executedAt: on('03-02') });
    const lot = await record(t, partner, portfolio, { type: 'BUY', assetId: x.id, quantity: '10', price: '100', executedAt: on('03-03') });
    await record(t, partner, portfolio, { type: 'SELL', assetId: x.id, quantity: '10', price: '80', executedAt: on('04-01') });
    return lot;
  }

  /** 10 X bought at $81, nine days after the loss sale. Returns the lot's id. */
  async function repurchase(portfolio: string): Promise<string> {
    await record(t, partner, portfolio, { type: 'DEPOSIT', amount: '5000', executedAt: on('03-02') });
    return record(t, partner, portfolio, { type: 'BUY', assetId: x.id, quantity: '10', price: '81', executedAt: on('04-10') });
  }

  async function gains(portfolio: string) {
    return (await t.http().get(`/api/v1/portfolios/${portfolio}/realized-gains`).set(partner.auth).expect(200)).body;
  }

  async function lots(portfolio: string) {
    const body = (await t.http().get(`/api/v1/portfolios/${portfolio}/lots`).set(partner.auth).expect(200)).body;
    return body.items.map((lot: Record<string, string>) => [lot.id, lot.costBasis, lot.washSaleAdjustment, lot.holdingPeriodStart]);
  }

  const gainRow = (row: Record<string, unknown>) => [row.gain, row.washSaleDisallowed, row.washSaleLostForGood, row.reportableGain, row.taxable];

  it('Alice’s $200 loss stays allowed when Bob, another client of the same partner, buys X nine days later', async () => {
    const alice = await givenAccount('Alice');
    const bob = await givenAccount('Bob');
    await lossSale(alice);
    const bobLot = await repurchase(bob);

    const alices = await gains(alice);
    expect(alices.items.map(gainRow)).toEqual([['-200', '0', '0', '-200', true]]);
    expect(alices.totals.total.reportableGain).toBe('-200');
    expect(await lots(bob)).toEqual([[bobLot, '810', '0', on('04-10')]]);
  });

  it('moving Bob’s account into Alice’s household re-derives both: the loss is disallowed, and allowed again once it moves back', async () => {
    const alice = await givenAccount('Hana');
    const bob = await givenAccount('Ivan');
    await lossSale(alice);
    const bobLot = await repurchase(bob);
    const move = (to: string) =>
      t
        .http()
        .patch(`/api/v1/portfolios/${bob}`)
        .set(partner.auth)
        .send({ householdId: households.get(to) })
        .expect(200);

    await move('Hana');
    expect((await gains(alice)).items.map(gainRow)).toEqual([['-200', '200', '0', '0', true]]);
    expect(await lots(bob)).toEqual([[bobLot, '1010', '200', on('03-12')]]);

    await move('Ivan');
    expect((await gains(alice)).items.map(gainRow)).toEqual([['-200', '0', '0', '-200', true]]);
    expect(await lots(bob)).toEqual([[bobLot, '810', '0', on('04-10')]]);
  });

  it('an IRA repurchase in the same household disallows the loss for good and adds nothing to the IRA lot', async () => {
    const brokerage = await givenAccount('Carol');
    const ira = await givenAccount('Carol', 'TAX_DEFERRED');
    await lossSale(brokerage);
    const iraLot = await repurchase(ira);

    const rows = await gains(brokerage);
    expect(rows.items.map(gainRow)).toEqual([['-200', '200', '200', '0', true]]);
    expect(rows.totals.shortTerm.reportableGain).toBe('0');
    // No basis added, no holding period tacked (Rev. Rul. 2008-5).
    expect(await lots(ira)).toEqual([[iraLot, '810', '0', on('04-10')]]);
  });

  it('a spouse’s taxable account in the same household is a normal wash sale: the loss moves onto the spouse’s lot', async () => {
    const his = await givenAccount('Dan and Erin');
    const hers = await givenAccount('Dan and Erin');
    await lossSale(his);
    const herLot = await repurchase(hers);

    expect((await gains(his)).items.map(gainRow)).toEqual([['-200', '200', '0', '0', true]]);
    expect(await lots(hers)).toEqual([[herLot, '1010', '200', on('03-12')]]);
  });

  it('a sale inside a tax-advantaged account is kept, marked not taxable and left out of the totals', async () => {
    const roth = await givenAccount('Frank', 'TAX_EXEMPT');
    await repurchase(roth);
    // 10 X bought at $81 sold at $90 on 05-01: $90 of gain, reported nowhere.
    await record(t, partner, roth, { type: 'SELL', assetId: x.id, quantity: '10', price: '90', executedAt: on('05-01') });

    const rows = await gains(roth);
    expect(rows.items.map(gainRow)).toEqual([['90', '0', '0', '90', false]]);
    expect([rows.totals.shortTerm.reportableGain, rows.totals.longTerm.reportableGain, rows.totals.total.reportableGain]).toEqual(['0', '0', '0']);
  });

  it('serializes concurrent writes to one household without a deadlock: 8 DEPOSITs of $1 at once into two of its accounts all land', async () => {
    const first = await givenAccount('Jo');
    const second = await givenAccount('Jo');
    const responses = await Promise.all(
      [...Array(8).keys()].map((i) =>
        t
          .http()
          .post(`/api/v1/portfolios/${i % 2 === 0 ? first : second}/transactions`)
          .set(partner.auth)
          .send({ type: 'DEPOSIT', amount: '1', executedAt: on('06-01') }),
      ),
    );
    expect(responses.map((response) => response.status)).toEqual(Array(8).fill(201));
    const cash = async (portfolio: string) => (await t.http().get(`/api/v1/portfolios/${portfolio}`).set(partner.auth).expect(200)).body.cash;
    expect([await cash(first), await cash(second)]).toEqual(['4', '4']);
  });

  it('harvesting lists the $110 loss in a taxable account and nothing in an IRA', async () => {
    const taxable = await givenAccount('Gina');
    const ira = await givenAccount('Gina', 'TAX_DEFERRED');
    await repurchase(taxable);
    await repurchase(ira);

    const harvest = async (portfolio: string) =>
      (await t.http().get(`/api/v1/portfolios/${portfolio}/tax-loss-harvesting`).set(partner.auth).expect(200)).body.opportunities;
    expect((await harvest(taxable)).map((o: Record<string, string>) => o.unrealizedLoss)).toEqual(['110.00']);
    expect(await harvest(ira)).toEqual([]);
  });
});
