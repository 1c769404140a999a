import { givenAdmin, givenUser, type TestUser } from './support/auth';
import { givenAsset } from './support/catalogue';
import { givenPortfolio, record, snapshotDatabase } from './support/portfolios';
import { createTestApp, type TestApp } from './support/test-app';

const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();

/**
 * A transaction's quantity is NUMERIC(20,8): at most 12 digits before the point, the rule every
 * request's quantity is checked against. Eleven valid TRANSFER_INs of 999,999,999,999 units make a
 * position of 10,999,999,999,989 units (14 digits). Selling it all cannot be recorded, so a plan that
 * would is refused when it is made, naming the item, and nothing is stored; execute never gets the
 * chance to answer 500 "numeric field overflow".
 */
describe('plans: a trade past the range of a transaction is refused when the plan is made', () => {
  let t: TestApp;
  let owner: TestUser;
  let portfolioId: string;
  let hugeId: string;

  beforeAll(async () => {
    t = await createTestApp();
    const admin = await givenAdmin(t);
    owner = await givenUser(t);
    const huge = await givenAsset(t, admin, { symbol: 'HUGE', assetType: 'stock', price: '1' });
    hugeId = huge.id;
    portfolioId = await givenPortfolio(t, owner);
    for (let i = 0; i < 11; i++) {
      await record(t, owner, portfolioId, {
        type: 'TRANSFER_IN',
        assetId: huge.id,
        quantity: '999999999999',
        costPerUnit: '1',
        executedAt: daysAgo(30),
        acquiredAt: daysAgo(400),
      });
    }
    await t
      .http()
      .put(`/api/v1/portfolios/${portfolioId}/targets`)
      .set(owner.auth)
      .send({
        targets: [
          { assetType: 'stock', targetPercentage: '0' },
          { assetType: 'cash', targetPercentage: '100' },
        ],
      })
      .expect(200);
  });
  afterAll(() => t.close());

  it('suggests selling all 10,999,999,999,989 units', async () => {
    const response = await t.http().get(`/api/v1/portfolios/${portfolioId}/rebalance/suggestions`).set(owner.auth).expect(200);
    expect(response.body.suggestions.map((s: Record<string, string>) => [s.action, s.symbol, s.quantity])).toEqual([['SELL', 'HUGE', '10999999999989']]);
  });

  it('refuses the plan with 422 naming items[0].quantity, and stores nothing', async () => {
    const before = await snapshotDatabase(t);

    const response = await t.http().post(`/api/v1/portfolios/${portfolioId}/rebalance/plans`).set(owner.auth).send({}).expect(422);

    expect(response.body).toMatchObject({ code: 'PLAN_NOT_RECORDABLE', status: 422 });
    expect(response.body.errors).toEqual([
      {
        field: 'items[0].quantity',
        rule: 'recordable',
        message: 'The SELL of 10999999999989 HUGE cannot be recorded as a transaction: its quantity must have at most 12 digits before the decimal point.',
      },
    ]);
    expect(await snapshotDatabase(t)).toEqual(before);
  });

  it('refuses to execute, with 422 and nothing recorded, a stored plan whose item is past the range', async () => {
    // A plan stored before plans were checked when made: a recordable one, its item then grown past the range.
    const id = await givenPortfolio(t, owner);
    await record(t, owner, id, { type: 'TRANSFER_IN', assetId: hugeId, quantity: '100', costPerUnit: '1', executedAt: daysAgo(30), acquiredAt: daysAgo(400) });
    await t
      .http()
      .put(`/api/v1/portfolios/${id}/targets`)
      .set(owner.auth)
      .send({
        targets: [
          { assetType: 'stock', targetPercentage: '0' },
          { assetType: 'cash', targetPercentage: '100' },
        ],
      })
      .expect(200);
    const plan = await t.http().post(`/api/v1/portfolios/${id}/rebalance/plans`).set(owner.auth).send({}).expect(201);
    await t.dataSource.query(`UPDATE rebalancing_plan_items SET quantity = '10999999999989' WHERE plan_id = $1`, [plan.body.id]);
    const before = await snapshotDatabase(t);

    const response = await t.http().post(`/api/v1/portfolios/${id}/rebalance/plans/${plan.body.id}/execute`).set(owner.auth).send({}).expect(422);

    expect(response.body).toMatchObject({ code: 'PLAN_NOT_RECORDABLE', errors: [expect.objectContaining({ field: 'items[0].quantity', rule: 'recordable' })] });
    expect(await snapshotDatabase(t)).toEqual(before);
  });
});
