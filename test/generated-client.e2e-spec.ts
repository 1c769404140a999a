import type { AddressInfo } from 'node:net';
import createClient, { type Client, type Middleware } from 'openapi-fetch';
import type { paths } from './client/schema';
import { TEST_ADMIN } from './support/auth';
import { openApiValidator } from './support/openapi-validator';
import { createTestApp, type TestApp } from './support/test-app';

/*
 * The whole product walked through a client generated from openapi.json, as a
 * partner would call it: a wrong type in this file fails the typecheck, and a
 * response that strays from the document fails the validation middleware.
 */

type Api = Client<paths>;
type Result<T> = { data?: T; error?: unknown; response: Response };

const JAN = (day: number) => new Date(Date.UTC(2026, 0, day, 15)).toISOString();
const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();

/** The body of a call that must succeed with the given status. */
async function expectStatus<T>(call: Promise<Result<T>>, status: number): Promise<T> {
  const { data, error, response } = await call;
  if (response.status !== status || data === undefined) {
    throw new Error(`${response.url}: expected ${status}, got ${response.status} ${JSON.stringify(error ?? data)}`);
  }
  return data;
}

const matchesTheDocument: Middleware = {
  async onResponse({ request, response }) {
    const text = await response.clone().text();
    const body: unknown = text === '' ? undefined : JSON.parse(text);
    const problem = openApiValidator().check(
      request.method.toLowerCase(),
      request.url,
      response.status,
      response.headers.get('content-type') ?? undefined,
      body,
      text,
    );
    if (problem) throw new Error(problem);
    return response;
  },
};

describe('a partner walks the product with the generated client', () => {
  let t: TestApp;
  let baseUrl: string;

  function client(token?: string): Api {
    const api = createClient<paths>({ baseUrl, headers: token ? { Authorization: `Bearer ${token}` } : {} });
    api.use(matchesTheDocument);
    return api;
  }

  beforeAll(async () => {
    t = await createTestApp();
    await t.app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
  });
  afterAll(() => t.close());

  it('registers, builds a portfolio, finds its drift, plans, executes, and reports the gain', async () => {
    const anonymous = client();
    const email = `partner-${Date.now()}@example.com`;
    const password = 'a partner password that is long';
    const user = await expectStatus(anonymous.POST('/api/v1/auth/register', { body: { email, password } }), 201);
    expect(user).toMatchObject({ email, role: 'user' });
    const login = await expectStatus(anonymous.POST('/api/v1/auth/login', { body: { email, password } }), 200);
    expect(login.tokenType).toBe('Bearer');
    const api = client(login.accessToken);

    const adminLogin = await expectStatus(anonymous.POST('/api/v1/auth/login', { body: TEST_ADMIN }), 200);
    const admin = client(adminLogin.accessToken);
    const stock = await expectStatus(
      admin.POST('/api/v1/assets', { body: { symbol: 'GCSTK', name: 'Generated client stock fund', assetType: 'stock', currency: 'USD' } }),
      201,
    );
    const bond = await expectStatus(
      admin.POST('/api/v1/assets', { body: { symbol: 'GCBND', name: 'Generated client bond fund', assetType: 'bond', currency: 'USD' } }),
      201,
    );
    expect(stock.price).toBeNull();
    const fed = await expectStatus(
      admin.POST('/api/v1/prices', {
        body: [
          { symbol: 'GCSTK', price: '100', asOf: minutesAgo(60) },
          { symbol: 'GCBND', price: '100', asOf: minutesAgo(60) },
        ],
      }),
      201,
    );
    expect(fed.items.map((row) => [row.symbol, row.price])).toEqual([
      ['GCSTK', '100'],
      ['GCBND', '100'],
    ]);

    const portfolio = await expectStatus(api.POST('/api/v1/portfolios', { body: { name: 'Partner portfolio' } }), 201);
    const path = { id: portfolio.id };
    await expectStatus(
      api.POST('/api/v1/portfolios/{id}/transactions', { params: { path }, body: { type: 'DEPOSIT', amount: '100000', executedAt: JAN(2) } }),
      201,
    );
    await expectStatus(
      api.POST('/api/v1/portfolios/{id}/transactions', {
        params: { path },
        body: { type: 'BUY', assetId: stock.id, quantity: '500', price: '100', executedAt: JAN(5) },
      }),
      201,
    );
    await expectStatus(
      api.POST('/api/v1/portfolios/{id}/transactions', {
        params: { path },
        body: { type: 'BUY', assetId: bond.id, quantity: '400', price: '100', executedAt: JAN(5) },
      }),
      201,
    );
    const targets = await expectStatus(
      api.PUT('/api/v1/portfolios/{id}/targets', {
        params: { path },
        body: {
          targets: [
            { assetType: 'stock', targetPercentage: '50', tolerancePercentage: '5' },
            { assetType: 'bond', targetPercentage: '40', tolerancePercentage: '5' },
            { assetType: 'cash', targetPercentage: '10', tolerancePercentage: '5' },
          ],
        },
      }),
      200,
    );
    expect(targets.targets.map((target) => target.assetType)).toEqual(['bond', 'cash', 'stock']);

    // On target at the purchase prices; the stock doubling moves it to 100,000 / 40,000 / 10,000 of 150,000.
    const onTarget = await expectStatus(api.GET('/api/v1/portfolios/{id}/drift', { params: { path } }), 200);
    expect(onTarget.status).toBe('WITHIN_TOLERANCE');
    await expectStatus(admin.PUT('/api/v1/assets/{id}/price', { params: { path: { id: stock.id } }, body: { price: '200', asOf: minutesAgo(1) } }), 200);
    const drift = await expectStatus(api.GET('/api/v1/portfolios/{id}/drift', { params: { path } }), 200);
    expect(drift.totalValue).toBe('150000.00');
    expect(drift.status).toBe('CRITICAL');
    expect(drift.items.map((item) => [item.assetType, item.currentPercentage, item.driftPercentage, item.driftLevel])).toEqual([
      ['bond', '26.6667', '-13.3333', 'CRITICAL'],
      ['cash', '6.6667', '-3.3333', 'WITHIN_TOLERANCE'],
      ['stock', '66.6667', '16.6667', 'CRITICAL'],
    ]);

    const whatIf = await expectStatus(
      api.POST('/api/v1/portfolios/{id}/rebalance/what-if', {
        params: { path },
        body: {
          trades: [
            { assetId: stock.id, action: 'SELL', value: '25000' },
            { assetId: bond.id, action: 'BUY', value: '20000' },
          ],
        },
      }),
      200,
    );
    expect(whatIf.after.status).toBe('WITHIN_TOLERANCE');
    expect([whatIf.cashBefore, whatIf.cashAfter]).toEqual(['10000', '15000.00']);
    expect(whatIf.estimatedTax.shortTerm.net).toBe('12500.00');

    const suggestions = await expectStatus(
      api.GET('/api/v1/portfolios/{id}/rebalance/suggestions', { params: { path, query: { strategy: 'TO_TARGET' } } }),
      200,
    );
    expect(suggestions.suggestions.map((s) => [s.action, s.symbol, s.quantity, s.estimatedValue, s.taxImplication])).toEqual([
      ['SELL', 'GCSTK', '125', '25000.00', 'GAIN'],
      ['BUY', 'GCBND', '200', '20000.00', 'NEUTRAL'],
    ]);

    const plan = await expectStatus(api.POST('/api/v1/portfolios/{id}/rebalance/plans', { params: { path }, body: { strategy: 'TO_TARGET' } }), 201);
    expect(plan.status).toBe('PENDING');
    const executed = await expectStatus(
      api.POST('/api/v1/portfolios/{id}/rebalance/plans/{planId}/execute', { params: { path: { id: portfolio.id, planId: plan.id } }, body: {} }),
      200,
    );
    expect(executed.status).toBe('EXECUTED');
    expect(executed.items.map((item) => [item.action, item.symbol, item.quantity, item.status])).toEqual([
      ['SELL', 'GCSTK', '125', 'EXECUTED'],
      ['BUY', 'GCBND', '200', 'EXECUTED'],
    ]);

    const after = await expectStatus(api.GET('/api/v1/portfolios/{id}/drift', { params: { path } }), 200);
    expect(after.status).toBe('WITHIN_TOLERANCE');
    expect(after.items.map((item) => [item.assetType, item.currentPercentage])).toEqual([
      ['bond', '40.0000'],
      ['cash', '10.0000'],
      ['stock', '50.0000'],
    ]);

    const gains = await expectStatus(api.GET('/api/v1/portfolios/{id}/realized-gains', { params: { path } }), 200);
    expect(gains.items.map((gain) => [gain.symbol, gain.quantity, gain.proceeds, gain.costBasis, gain.gain, gain.term])).toEqual([
      ['GCSTK', '125', '25000', '12500', '12500', 'SHORT'],
    ]);
    expect(gains.totals.total.reportableGain).toBe('12500');
  });
});
