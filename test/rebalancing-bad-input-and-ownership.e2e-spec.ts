import { randomUUID } from 'node:crypto';
import { givenAdmin, givenUser, type TestUser } from './support/auth';
import { givenAsset, type TestAsset } from './support/catalogue';
import { givenPortfolio, record } from './support/portfolios';
import { createTestApp, type TestApp } from './support/test-app';

const target = (assetType: string, targetPercentage: unknown, extra: Record<string, unknown> = {}) => ({ assetType, targetPercentage, ...extra });

describe('targets and what-if: bad input, and ownership', () => {
  let t: TestApp;
  let owner: TestUser;
  let stranger: TestUser;
  let stock: TestAsset;
  let bond: TestAsset;
  let portfolioId: string;

  beforeAll(async () => {
    t = await createTestApp();
    const admin = await givenAdmin(t);
    owner = await givenUser(t, 'owner');
    stranger = await givenUser(t, 'stranger');
    stock = await givenAsset(t, admin, { symbol: 'VSTK', assetType: 'stock', price: '10' });
    bond = await givenAsset(t, admin, { symbol: 'VBND', assetType: 'bond', price: '10' });
    portfolioId = await givenPortfolio(t, owner);
    await record(t, owner, portfolioId, { type: 'DEPOSIT', amount: '1000', executedAt: '2026-01-02T00:00:00Z' });
    await record(t, owner, portfolioId, { type: 'BUY', assetId: stock.id, quantity: '50', price: '10', executedAt: '2026-01-03T00:00:00Z' });
    await t
      .http()
      .put(`/api/v1/portfolios/${portfolioId}/targets`)
      .set(owner.auth)
      .send({ targets: [target('stock', '70'), target('cash', '30')] })
      .expect(200);
  });
  afterAll(() => t.close());

  const putTargets = (targets: unknown[]) => t.http().put(`/api/v1/portfolios/${portfolioId}/targets`).set(owner.auth).send({ targets });

  it.each([
    ['99.99', [target('stock', '59.99'), target('bond', '40')]],
    ['100.01', [target('stock', '60.01'), target('bond', '40')]],
  ])('refuses targets summing to %s with 422, keeping the old set', async (sum, targets) => {
    const response = await putTargets(targets).expect(422);
    expect(response.body).toMatchObject({
      code: 'TARGETS_DO_NOT_SUM_TO_100',
      errors: [{ field: 'targets', rule: 'sumTo100', message: `sums to ${sum}; must be exactly 100` }],
    });
    const kept = await t.http().get(`/api/v1/portfolios/${portfolioId}/targets`).set(owner.auth).expect(200);
    expect(kept.body.targets.map((row: { assetType: string }) => row.assetType)).toEqual(['cash', 'stock']);
  });

  it.each([
    [[target('stock', '-10'), target('bond', '110')], 'targets[0].targetPercentage'],
    [[target('stock', '100.5')], 'targets[0].targetPercentage'],
    [[target('stock', '33.333'), target('bond', '66.667')], 'targets[0].targetPercentage'],
    [[target('stock', '100', { tolerancePercentage: '-1' })], 'targets[0].tolerancePercentage'],
    [[target('stock', '100', { tolerancePercentage: '100.01' })], 'targets[0].tolerancePercentage'],
    [[target('Stocks!', '100')], 'targets[0].assetType'],
  ])('refuses %j with 400 naming the field', async (targets, field) => {
    const response = await putTargets(targets).expect(400);
    expect(response.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
  });

  it('refuses a class twice, and a preferred asset of another class or unknown, with 422', async () => {
    const response = await putTargets([
      target('stock', '50', { preferredAssetId: bond.id }),
      target('stock', '25'),
      target('bond', '25', { preferredAssetId: randomUUID() }),
    ]).expect(422);
    expect(response.body.errors).toEqual([
      { field: 'targets[1].assetType', rule: 'uniqueAssetType', message: 'repeats targets[0] (stock)' },
      { field: 'targets[0].preferredAssetId', rule: 'sameAssetType', message: 'is a bond asset, not stock' },
      { field: 'targets[2].preferredAssetId', rule: 'knownAsset', message: 'is not an asset of the catalogue' },
    ]);
  });

  it('removes the targets with an empty set', async () => {
    const id = await givenPortfolio(t, owner);
    await t
      .http()
      .put(`/api/v1/portfolios/${id}/targets`)
      .set(owner.auth)
      .send({ targets: [target('stock', '100', { preferredAssetId: stock.id })] })
      .expect(200);
    const emptied = await t.http().put(`/api/v1/portfolios/${id}/targets`).set(owner.auth).send({ targets: [] }).expect(200);
    expect(emptied.body.targets).toEqual([]);
    await t.http().get(`/api/v1/portfolios/${id}/drift`).set(owner.auth).expect(409);
  });

  const whatIf = (body: unknown) =>
    t
      .http()
      .post(`/api/v1/portfolios/${portfolioId}/rebalance/what-if`)
      .set(owner.auth)
      .send(body as object);

  it.each([
    [{ assetType: 'stock', action: 'SELL', value: '1', quantity: '1' }, 'trades[0].value', 'exactlyOneOf'],
    [{ assetType: 'stock', action: 'SELL' }, 'trades[0].value', 'exactlyOneOf'],
    [{ action: 'SELL', value: '1' }, 'trades[0].assetType', 'exactlyOneOf'],
    [{ assetType: 'stock', action: 'SELL', value: '0' }, 'trades[0].value', 'isDecimal'],
    [{ assetType: 'stock', action: 'SELL', value: '-5' }, 'trades[0].value', 'isDecimal'],
    [{ assetType: 'stock', action: 'HOLD', value: '5' }, 'trades[0].action', 'isIn'],
  ])('refuses the trade %j with 400', async (trade, field, rule) => {
    const response = await whatIf({ trades: [trade] }).expect(400);
    expect(response.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field, rule })]));
  });

  it('refuses 10,000 trades with a clear 413, not a timeout', async () => {
    const trades = Array.from({ length: 10_000 }, () => ({ assetType: 'stock', action: 'BUY', value: '1' }));
    const response = await whatIf({ trades }).expect(413);
    expect(response.body.code).toMatch(/PAYLOAD_TOO_LARGE|TOO_MANY_ITEMS/);
  });

  describe("another user's portfolio is a 404 on every rebalancing route", () => {
    const routes: Array<[string, string, Record<string, unknown> | null]> = [
      ['GET', 'targets', null],
      ['PUT', 'targets', { targets: [target('stock', '100')] }],
      ['GET', 'drift', null],
      ['GET', 'drift/history', null],
      ['POST', 'rebalance/what-if', { trades: [] }],
      ['GET', 'drift-alerts', null],
    ];

    it.each(routes)('%s %s', async (method, path, body) => {
      const send = (id: string) => {
        const request = t.http()[method.toLowerCase() as 'get' | 'put' | 'post'](`/api/v1/portfolios/${id}/${path}`).set(stranger.auth);
        return body ? request.send(body) : request;
      };
      const foreign = await send(portfolioId).expect(404);
      const unknown = await send(randomUUID()).expect(404);
      expect({ ...foreign.body, instance: undefined, requestId: undefined }).toEqual({ ...unknown.body, instance: undefined, requestId: undefined });
      const mine = await t.http().get(`/api/v1/portfolios/${portfolioId}/targets`).set(owner.auth).expect(200);
      expect(mine.body.targets.map((row: { targetPercentage: string }) => row.targetPercentage)).toEqual(['30', '70']);
    });
  });
});
