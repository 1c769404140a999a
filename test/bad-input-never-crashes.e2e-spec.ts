import { givenAdmin, givenUser, TEST_PASSWORD, type TestUser } from './support/auth';
import { givenAsset, type TestAsset } from './support/catalogue';
import { givenPortfolio, record, snapshotDatabase } from './support/portfolios';
import { createTestApp, type TestApp } from './support/test-app';

type Method = 'post' | 'put' | 'patch' | 'get';

/** A request built once beforeAll has made the ids it names. */
interface Call {
  method: Method;
  path: () => string;
  body?: () => unknown;
  /** Who sends it: the portfolio's owner unless said otherwise; nobody for the public routes. */
  as?: 'admin' | 'nobody';
}

/**
 * Each request here once got past validation and answered 500. Every one is now a 400 or 422
 * problem+json with a code, and a snapshot of every table shows it wrote nothing.
 */
describe('bad input that used to crash is refused and changes nothing', () => {
  let t: TestApp;
  let owner: TestUser;
  let admin: TestUser;
  let stock: TestAsset;
  let portfolioId: string;
  let lotId: string;
  let planId: string;
  let planItemId: string;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await givenAdmin(t);
    owner = await givenUser(t, 'owner');
    // A price high enough that a tiny value is less than one hundred-millionth of a unit.
    stock = await givenAsset(t, admin, { symbol: 'CRSH', assetType: 'stock', price: '250' });
    await givenAsset(t, admin, { symbol: 'CRSB', assetType: 'bond', price: '10' });
    portfolioId = await givenPortfolio(t, owner);
    await record(t, owner, portfolioId, { type: 'DEPOSIT', amount: '10000', executedAt: '2026-01-02T00:00:00Z' });
    lotId = await record(t, owner, portfolioId, { type: 'BUY', assetId: stock.id, quantity: '20', price: '250', executedAt: '2026-01-03T00:00:00Z' });
    await t
      .http()
      .put(`/api/v1/portfolios/${portfolioId}/targets`)
      .set(owner.auth)
      .send({
        targets: [
          { assetType: 'stock', targetPercentage: '40' },
          { assetType: 'bond', targetPercentage: '40' },
          { assetType: 'cash', targetPercentage: '20' },
        ],
      })
      .expect(200);
    const plan = await t.http().post(`/api/v1/portfolios/${portfolioId}/rebalance/plans`).set(owner.auth).send({}).expect(201);
    planId = plan.body.id;
    planItemId = plan.body.items[0].id;
  });
  afterAll(() => t.close());

  async function send(call: Call) {
    const test = t.http()[call.method](call.path());
    const authed = call.as === 'nobody' ? test : test.set((call.as === 'admin' ? admin : owner).auth);
    return call.body === undefined ? authed : authed.send(call.body() as object);
  }

  /** Sends the call and expects the refusal, with every table as it was before. */
  async function expectRefused(call: Call, status: 400 | 401 | 422) {
    const before = await snapshotDatabase(t);
    const response = await send(call);
    expect({ status: response.status, body: response.body }).toEqual({ status, body: expect.objectContaining({ status }) });
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(await snapshotDatabase(t)).toEqual(before);
    return response.body as { code: string; detail: string; errors?: Array<{ field: string; rule: string; message: string }> };
  }

  const transactions = () => `/api/v1/portfolios/${portfolioId}/transactions`;
  const buy = (override: Record<string, unknown>) => ({
    type: 'BUY',
    assetId: stock.id,
    quantity: '1',
    price: '250',
    executedAt: '2026-02-01T00:00:00Z',
    ...override,
  });
  const targets = (override: Record<string, unknown>) => ({
    targets: [
      { assetType: 'stock', targetPercentage: '40', ...override },
      { assetType: 'bond', targetPercentage: '40' },
      { assetType: 'cash', targetPercentage: '20' },
    ],
  });

  describe('a decimal with a leading "+" is not a decimal, on every decimal field', () => {
    const cases: Array<[string, Call]> = [
      ['amount', { method: 'post', path: transactions, body: () => ({ type: 'DEPOSIT', amount: '+1', executedAt: '2026-02-01T00:00:00Z' }) }],
      ['quantity', { method: 'post', path: transactions, body: () => buy({ quantity: '+1' }) }],
      ['price', { method: 'post', path: transactions, body: () => buy({ price: '+250' }) }],
      ['fee', { method: 'post', path: transactions, body: () => buy({ fee: '+1' }) }],
      [
        'costPerUnit',
        {
          method: 'post',
          path: transactions,
          body: () => ({
            type: 'TRANSFER_IN',
            assetId: stock.id,
            quantity: '1',
            costPerUnit: '+200',
            acquiredAt: '2025-01-01T00:00:00Z',
            executedAt: '2026-02-01T00:00:00Z',
          }),
        },
      ],
      ['lots[0].quantity', { method: 'post', path: transactions, body: () => ({ ...buy({ type: 'SELL' }), lots: [{ lotId, quantity: '+1' }] }) }],
      ['price', { method: 'put', path: () => `/api/v1/assets/${stock.id}/price`, body: () => ({ price: '+251', asOf: '2026-02-01T00:00:00Z' }), as: 'admin' }],
      [
        '[0].price',
        { method: 'post', path: () => '/api/v1/prices', body: () => [{ symbol: 'CRSH', price: '+251', asOf: '2026-02-01T00:00:00Z' }], as: 'admin' },
      ],
      [
        'price',
        {
          method: 'post',
          path: () => '/api/v1/assets',
          body: () => ({ symbol: 'PLUS', name: 'Plus fund', assetType: 'stock', currency: 'USD', price: '+1' }),
          as: 'admin',
        },
      ],
      [
        'targets[0].targetPercentage',
        { method: 'put', path: () => `/api/v1/portfolios/${portfolioId}/targets`, body: () => targets({ targetPercentage: '+40' }) },
      ],
      [
        'targets[0].tolerancePercentage',
        { method: 'put', path: () => `/api/v1/portfolios/${portfolioId}/targets`, body: () => targets({ tolerancePercentage: '+5' }) },
      ],
      [
        'targets[0].relativeTolerancePercentage',
        { method: 'put', path: () => `/api/v1/portfolios/${portfolioId}/targets`, body: () => targets({ relativeTolerancePercentage: '+25' }) },
      ],
      [
        'trades[0].value',
        {
          method: 'post',
          path: () => `/api/v1/portfolios/${portfolioId}/rebalance/what-if`,
          body: () => ({ trades: [{ assetType: 'stock', action: 'SELL', value: '+1' }] }),
        },
      ],
      [
        'trades[0].quantity',
        {
          method: 'post',
          path: () => `/api/v1/portfolios/${portfolioId}/rebalance/what-if`,
          body: () => ({ trades: [{ assetId: stock.id, action: 'SELL', quantity: '+1' }] }),
        },
      ],
      ['cashFlow', { method: 'post', path: () => `/api/v1/portfolios/${portfolioId}/rebalance/what-if`, body: () => ({ trades: [], cashFlow: '+1' }) }],
      ['cashFlow', { method: 'post', path: () => `/api/v1/portfolios/${portfolioId}/rebalance/plans`, body: () => ({ cashFlow: '+1' }) }],
      ['minTradeValue', { method: 'post', path: () => `/api/v1/portfolios/${portfolioId}/rebalance/plans`, body: () => ({ minTradeValue: '+1' }) }],
      [
        'fills[0].price',
        {
          method: 'post',
          path: () => `/api/v1/portfolios/${portfolioId}/rebalance/plans/${planId}/execute`,
          body: () => ({ fills: [{ itemId: planItemId, price: '+250' }] }),
        },
      ],
      [
        'rebalanceOptions.minTradeValue',
        { method: 'post', path: () => '/api/v1/portfolios', body: () => ({ name: 'Plus', rebalanceOptions: { minTradeValue: '+1' } }) },
      ],
      [
        'rebalanceOptions.minTradeValue',
        { method: 'patch', path: () => `/api/v1/portfolios/${portfolioId}`, body: () => ({ rebalanceOptions: { minTradeValue: '+1' } }) },
      ],
      ['cashFlow', { method: 'get', path: () => `/api/v1/portfolios/${portfolioId}/rebalance/suggestions?cashFlow=%2B1` }],
      ['minLoss', { method: 'get', path: () => `/api/v1/portfolios/${portfolioId}/tax-loss-harvesting?minLoss=%2B1` }],
    ];

    it.each(cases)('%s', async (field, call) => {
      const problem = await expectRefused(call, 400);
      expect(problem.code).toBe('VALIDATION_FAILED');
      expect(problem.errors).toEqual([{ field, rule: 'isDecimal', message: expect.stringMatching(/^must be a decimal number/) }]);
    });
  });

  describe('null, where it has no meaning, is refused naming the field', () => {
    const portfolio = () => `/api/v1/portfolios/${portfolioId}`;
    const plans = () => `/api/v1/portfolios/${portfolioId}/rebalance/plans`;
    const cases: Array<[string, Call]> = [
      ['name', { method: 'patch', path: portfolio, body: () => ({ name: null }) }],
      ['lotMethod', { method: 'patch', path: portfolio, body: () => ({ lotMethod: null }) }],
      ['autoRebalance', { method: 'patch', path: portfolio, body: () => ({ autoRebalance: null }) }],
      ['rebalanceOptions', { method: 'patch', path: portfolio, body: () => ({ rebalanceOptions: null }) }],
      ['cashFlow', { method: 'post', path: plans, body: () => ({ cashFlow: null }) }],
      ['minTradeValue', { method: 'post', path: plans, body: () => ({ minTradeValue: null }) }],
      [
        'targets[0].relativeTolerancePercentage',
        { method: 'put', path: () => `/api/v1/portfolios/${portfolioId}/targets`, body: () => targets({ relativeTolerancePercentage: null }) },
      ],
      ['cashFlow', { method: 'post', path: () => `/api/v1/portfolios/${portfolioId}/rebalance/what-if`, body: () => ({ trades: [], cashFlow: null }) }],
      [
        'expiresAt',
        { method: 'post', path: () => '/api/v1/auth/api-keys', body: () => ({ name: 'null expiry', scopes: ['portfolios:read'], expiresAt: null }) },
      ],
      ['fee', { method: 'post', path: transactions, body: () => buy({ fee: null }) }],
    ];

    it.each(cases)('%s', async (field, call) => {
      const problem = await expectRefused(call, 400);
      expect(problem).toMatchObject({
        code: 'VALIDATION_FAILED',
        errors: [{ field, rule: 'notNull', message: 'must not be null; leave the field out instead' }],
      });
    });
  });

  describe('strings must be text PostgreSQL can store', () => {
    const cases: Array<[string, Call, string, string]> = [
      [
        'a NUL byte in a login email, without a token',
        { method: 'post', path: () => '/api/v1/auth/login', body: () => ({ email: 'ada\u0000@example.com', password: TEST_PASSWORD }), as: 'nobody' },
        'email',
        'noNulCharacter',
      ],
      [
        'a NUL byte in a password',
        { method: 'post', path: () => '/api/v1/auth/login', body: () => ({ email: 'ada@example.com', password: `${TEST_PASSWORD}\u0000` }), as: 'nobody' },
        'password',
        'noNulCharacter',
      ],
      [
        'a NUL byte in a portfolio name',
        { method: 'post', path: () => '/api/v1/portfolios', body: () => ({ name: 'Null\u0000byte' }) },
        'name',
        'noNulCharacter',
      ],
      [
        'a NUL byte in a nested field',
        { method: 'put', path: () => `/api/v1/portfolios/${portfolioId}/targets`, body: () => targets({ assetType: 'stock\u0000' }) },
        'targets[0].assetType',
        'noNulCharacter',
      ],
      ['a NUL byte in a query string', { method: 'get', path: () => '/api/v1/assets?symbolPrefix=A%00' }, 'symbolPrefix', 'noNulCharacter'],
      [
        'a lone UTF-16 surrogate in a register email',
        { method: 'post', path: () => '/api/v1/auth/register', body: () => ({ email: 'ada\ud800@example.com', password: TEST_PASSWORD }), as: 'nobody' },
        'email',
        'wellFormedUnicode',
      ],
    ];

    it.each(cases)('%s', async (_case, call, field, rule) => {
      const problem = await expectRefused(call, 400);
      expect(problem).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field, rule }] });
    });

    it('answers a NUL byte in a property name too', async () => {
      const problem = await expectRefused({ method: 'post', path: () => '/api/v1/portfolios', body: () => ({ name: 'ok', 'x\u0000': 1 }) }, 400);
      expect(problem.code).toBe('VALIDATION_FAILED');
    });
  });

  describe('an array of DTOs holds objects, nothing else', () => {
    const what = () => `/api/v1/portfolios/${portfolioId}/rebalance/what-if`;
    const cases: Array<[string, Call, string, string]> = [
      [
        'targets: [[]]',
        { method: 'put', path: () => `/api/v1/portfolios/${portfolioId}/targets`, body: () => ({ targets: [[]] }) },
        'targets',
        'item 0 is a list',
      ],
      [
        'targets: [[{...}]]',
        {
          method: 'put',
          path: () => `/api/v1/portfolios/${portfolioId}/targets`,
          body: () => ({ targets: [[{ assetType: 'cash', targetPercentage: '100' }]] }),
        },
        'targets',
        'item 0 is a list',
      ],
      [
        'targets: ["stock"]',
        { method: 'put', path: () => `/api/v1/portfolios/${portfolioId}/targets`, body: () => ({ targets: ['stock'] }) },
        'targets',
        'item 0 is a string',
      ],
      ['trades: [[]]', { method: 'post', path: what, body: () => ({ trades: [[]] }) }, 'trades', 'item 0 is a list'],
      ['trades: [7]', { method: 'post', path: what, body: () => ({ trades: [7] }) }, 'trades', 'item 0 is a number'],
      ['lots: [[]]', { method: 'post', path: transactions, body: () => ({ ...buy({ type: 'SELL' }), lots: [[]] }) }, 'lots', 'item 0 is a list'],
      [
        'fills: [[]]',
        { method: 'post', path: () => `/api/v1/portfolios/${portfolioId}/rebalance/plans/${planId}/execute`, body: () => ({ fills: [[]] }) },
        'fills',
        'item 0 is a list',
      ],
      [
        'rebalanceOptions: []',
        { method: 'patch', path: () => `/api/v1/portfolios/${portfolioId}`, body: () => ({ rebalanceOptions: [] }) },
        'rebalanceOptions',
        'must be an object, not a list',
      ],
      [
        'a price feed of arrays',
        { method: 'post', path: () => '/api/v1/prices', body: () => [[{ symbol: 'CRSH', price: '251', asOf: '2026-02-01T00:00:00Z' }]], as: 'admin' },
        '[0]',
        'must be an object',
      ],
    ];

    it.each(cases)('%s', async (_case, call, field, message) => {
      const problem = await expectRefused(call, 400);
      expect(problem.code).toBe('VALIDATION_FAILED');
      expect(problem.errors).toContainEqual({ field, rule: 'isObject', message: expect.stringContaining(message) });
    });
  });

  describe('JSON nested deeper than 32 levels is refused before validation', () => {
    const nested = (depth: number) => `{"name":${'['.repeat(depth - 1)}${']'.repeat(depth - 1)}}`;

    it('refuses 2,000 levels in a 4 kB body with JSON_TOO_DEEP', async () => {
      const body = nested(2000);
      expect(body.length).toBeLessThan(4100);
      const before = await snapshotDatabase(t);
      const response = await t.http().post('/api/v1/portfolios').set(owner.auth).set('Content-Type', 'application/json').send(body).expect(400);
      expect(response.body).toMatchObject({ code: 'JSON_TOO_DEEP', detail: 'The request body nests deeper than 32 levels' });
      expect(await snapshotDatabase(t)).toEqual(before);
    });

    it('refuses it on a public route as well', async () => {
      const response = await t.http().post('/api/v1/auth/login').set('Content-Type', 'application/json').send(nested(2000)).expect(400);
      expect(response.body.code).toBe('JSON_TOO_DEEP');
    });

    it('reads 32 levels and lets validation answer', async () => {
      const response = await t.http().post('/api/v1/portfolios').set(owner.auth).set('Content-Type', 'application/json').send(nested(32)).expect(400);
      expect(response.body.code).toBe('VALIDATION_FAILED');
      expect(response.body.errors).toContainEqual({ field: 'name', rule: 'isString', message: 'must be a string' });
    });

    it('refuses 33', async () => {
      const response = await t.http().post('/api/v1/portfolios').set(owner.auth).set('Content-Type', 'application/json').send(nested(33)).expect(400);
      expect(response.body.code).toBe('JSON_TOO_DEEP');
    });
  });

  describe('a what-if trade too small to move a unit', () => {
    const sell = (trade: Record<string, unknown>): Call => ({
      method: 'post',
      path: () => `/api/v1/portfolios/${portfolioId}/rebalance/what-if`,
      body: () => ({
        trades: [
          { assetType: 'bond', action: 'BUY', value: '100' },
          { action: 'SELL', value: '0.0000001', ...trade },
        ],
      }),
    });

    it('is a 422 naming the trade, for a class', async () => {
      const problem = await expectRefused(sell({ assetType: 'stock' }), 422);
      expect(problem).toMatchObject({
        code: 'VALIDATION_FAILED',
        errors: [
          {
            field: 'trades[1].value',
            rule: 'feasible',
            message:
              'Selling 0.0000001 of stock would sell no units: its share of every stock holding is worth less than 0.00000001 units of it, the smallest quantity traded.',
          },
        ],
      });
    });

    it('is a 422 naming the trade, for an asset', async () => {
      const problem = await expectRefused(sell({ assetId: stock.id }), 422);
      expect(problem.errors).toEqual([
        {
          field: 'trades[1].value',
          rule: 'feasible',
          message: `Selling 0.0000001 of ${stock.id} would sell no units: the smallest quantity traded, 0.00000001, is worth 0.0000025 at 250.`,
        },
      ]);
    });

    it('is a 422 naming the trade for a BUY as well: it answered 200 with an empty fill', async () => {
      const buy: Call = {
        method: 'post',
        path: () => `/api/v1/portfolios/${portfolioId}/rebalance/what-if`,
        body: () => ({ trades: [{ assetId: stock.id, action: 'BUY', value: '0.000001' }] }),
      };
      const problem = await expectRefused(buy, 422);
      expect(problem.errors).toEqual([
        {
          field: 'trades[0].value',
          rule: 'feasible',
          message: `Buying 0.000001 of ${stock.id} would buy no units: the smallest quantity traded, 0.00000001, is worth 0.0000025 at 250.`,
        },
      ]);
    });
  });
});
