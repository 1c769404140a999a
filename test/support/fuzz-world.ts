import { randomUUID } from 'node:crypto';
import { DriftMonitorService } from '../../src/rebalancing/drift-monitor.service';
import { givenAdmin, givenApiKey, givenUser, type TestUser } from './auth';
import { givenAsset, type TestAsset } from './catalogue';
import type { FuzzIds } from './fuzz-requests';
import { givenPortfolio, record } from './portfolios';
import type { TestApp } from './test-app';

/** One user's belongings, each kind a path parameter can name. */
interface Holdings {
  households: string;
  portfolios: string;
  transactions: string;
  plans: string;
  planItem: string;
  lot: string;
  'drift-alerts': string;
  webhooks: string;
  'api-keys': string;
}

export interface FuzzWorld {
  admin: TestUser;
  owner: TestUser;
  stranger: TestUser;
  stock: TestAsset;
  bond: TestAsset;
  ids: FuzzIds;
  /** A valid body per operationId, made of the owner's real ids. */
  bodies: Record<string, unknown>;
  /** Operations only the admin may call: the fuzzer calls them as the admin, or they would stop at 403 before validation. */
  adminOperations: Set<string>;
}

/** A household holding a portfolio 90% stock against 50/50 targets, so it has lots, an open alert, a pending plan; plus a webhook and an API key. */
async function givenHoldings(t: TestApp, user: TestUser, stock: TestAsset): Promise<Holdings> {
  const household = (await t.http().post('/api/v1/households').set(user.auth).send({ name: 'Fuzz household' }).expect(201)).body.id as string;
  const portfolio = await givenPortfolio(t, user, { householdId: household });
  await record(t, user, portfolio, { type: 'DEPOSIT', amount: '1000', executedAt: '2026-01-02T00:00:00Z' });
  const transaction = await record(t, user, portfolio, { type: 'BUY', assetId: stock.id, quantity: '90', price: '10', executedAt: '2026-01-03T00:00:00Z' });
  await t
    .http()
    .put(`/api/v1/portfolios/${portfolio}/targets`)
    .set(user.auth)
    .send({
      targets: [
        { assetType: 'stock', targetPercentage: '50' },
        { assetType: 'cash', targetPercentage: '50' },
      ],
    })
    .expect(200);
  // Workers are off: the monitor's evaluation is run directly, as its job would.
  const outcome = await t.dataSource.transaction((manager) => t.app.get(DriftMonitorService).evaluate(manager, { ids: [portfolio] }));
  if (outcome.opened !== 1) throw new Error(`expected the world's portfolio to open an alert, got ${JSON.stringify(outcome)}`);
  const alert = (await t.http().get(`/api/v1/portfolios/${portfolio}/drift-alerts`).set(user.auth).expect(200)).body.items[0].id as string;
  const plan = (await t.http().post(`/api/v1/portfolios/${portfolio}/rebalance/plans`).set(user.auth).send({}).expect(201)).body as {
    id: string;
    items: Array<{ id: string }>;
  };
  const lot = (await t.http().get(`/api/v1/portfolios/${portfolio}/lots`).set(user.auth).expect(200)).body.items[0].id as string;
  const webhook = (
    await t
      .http()
      .post('/api/v1/webhooks')
      .set(user.auth)
      .send({ url: 'https://8.8.8.8/hook', events: ['drift.alert.opened'] })
      .expect(201)
  ).body.id as string;
  const apiKey = await givenApiKey(t, user, ['portfolios:read']);
  return {
    households: household,
    portfolios: portfolio,
    transactions: transaction,
    plans: plan.id,
    planItem: plan.items[0].id,
    lot,
    'drift-alerts': alert,
    webhooks: webhook,
    'api-keys': apiKey.id,
  };
}

const pick = (holdings: Holdings): Record<string, string> => ({
  households: holdings.households,
  portfolios: holdings.portfolios,
  transactions: holdings.transactions,
  plans: holdings.plans,
  'drift-alerts': holdings['drift-alerts'],
  webhooks: holdings.webhooks,
  'api-keys': holdings['api-keys'],
});

/** The data the fuzzer aims at: the owner's real resources, another user's, and the shared catalogue. */
export async function givenFuzzWorld(t: TestApp): Promise<FuzzWorld> {
  const admin = await givenAdmin(t);
  const owner = await givenUser(t, 'fuzz-owner');
  const stranger = await givenUser(t, 'fuzz-stranger');
  const stock = await givenAsset(t, admin, { symbol: 'FSTK', assetType: 'stock', price: '10', priceAsOf: '2026-01-01T00:00:00Z' });
  const bond = await givenAsset(t, admin, { symbol: 'FBND', assetType: 'bond', price: '10', priceAsOf: '2026-01-01T00:00:00Z' });
  // Only the substitutes body names it: another stock to buy in FSTK's place.
  const twin = await givenAsset(t, admin, { symbol: 'FTWN', assetType: 'stock', price: '10', priceAsOf: '2026-01-01T00:00:00Z' });
  const mine = await givenHoldings(t, owner, stock);
  const theirs = await givenHoldings(t, stranger, stock);
  const scan = (await t.http().post('/api/v1/rebalancing/scan').set(admin.auth).expect(202)).body.id as string;
  return {
    admin,
    owner,
    stranger,
    stock,
    bond,
    ids: {
      own: { ...pick(mine), assets: stock.id, scans: scan },
      // Assets are a shared catalogue and scans belong to no user: their "other" is another row, or none.
      others: { ...pick(theirs), assets: bond.id, scans: randomUUID() },
    },
    bodies: {
      createAsset: { symbol: 'FNEW', name: 'Fuzz fund', assetType: 'stock', currency: 'USD', price: '10', priceAsOf: '2026-01-01T00:00:00Z' },
      setAssetPrice: { price: '10.5', asOf: '2026-01-04T00:00:00Z' },
      setAssetClassWeights: {
        classWeights: [
          { assetType: 'stock', percentage: '60' },
          { assetType: 'bond', percentage: '40' },
        ],
      },
      createApiKey: { name: 'fuzz key', scopes: ['portfolios:read'], expiresAt: '2099-01-01T00:00:00Z' },
      login: { email: owner.email, password: owner.password },
      register: { email: 'fuzz-new@example.com', password: 'a long enough password' },
      createHousehold: { name: 'Fuzzed household', externalId: 'fuzz-1', shortTermRate: '35', longTermRate: '15' },
      updateHousehold: { name: 'Renamed household', externalId: 'fuzz-2', shortTermRate: '30.5', longTermRate: '0' },
      createPortfolio: {
        name: 'Fuzzed',
        householdId: mine.households,
        accountType: 'TAX_DEFERRED',
        baseCurrency: 'USD',
        lotMethod: 'FIFO',
        autoRebalance: 'OFF',
        rebalanceOptions: { strategy: 'TO_TARGET', minTradeValue: '0', allowSells: true },
      },
      updatePortfolio: {
        name: 'Renamed',
        householdId: mine.households,
        accountType: 'TAXABLE',
        autoRebalance: 'OFF',
        rebalanceOptions: { strategy: 'TO_BAND', minTradeValue: '1', fractional: true, taxAware: true },
      },
      createPlan: { strategy: 'TO_TARGET', allowSells: true, cashFlow: '0', minTradeValue: '0', fractional: true, taxAware: true },
      executePlan: { fills: [{ itemId: mine.planItem, price: '10' }] },
      whatIf: {
        cashFlow: '0',
        trades: [
          { action: 'SELL', assetType: 'stock', value: '100' },
          { action: 'BUY', assetId: bond.id, quantity: '1' },
        ],
      },
      putTargets: {
        targets: [
          { assetType: 'stock', targetPercentage: '50', tolerancePercentage: '5', relativeTolerancePercentage: '25', preferredAssetId: stock.id },
          { assetType: 'cash', targetPercentage: '50' },
        ],
      },
      putHouseholdRestrictions: {
        restrictions: [
          { assetId: stock.id, accountId: mine.portfolios, kind: 'DO_NOT_SELL', reason: 'Fuzzed: low basis' },
          { assetId: bond.id, kind: 'HOLD', reason: 'Fuzzed: ladder' },
        ],
      },
      putHouseholdSubstitutes: { substitutes: [{ assetId: stock.id, replacements: [twin.id] }] },
      putHouseholdAssetLocation: {
        penalties: [
          { assetClass: 'bond', accountType: 'TAXABLE', penaltyPerDollar: '0.004' },
          { assetClass: 'stock', accountType: 'TAX_DEFERRED', penaltyPerDollar: '0.002' },
        ],
      },
      createTransaction: {
        type: 'SELL',
        assetId: stock.id,
        quantity: '1',
        price: '10',
        fee: '0',
        executedAt: '2026-01-05T00:00:00Z',
        lots: [{ lotId: mine.lot, quantity: '1' }],
      },
      importTransactions: [
        { type: 'DEPOSIT', amount: '100', executedAt: '2026-01-05T00:00:00Z' },
        { type: 'BUY', assetId: stock.id, quantity: '1', price: '10', fee: '0', executedAt: '2026-01-05T00:00:00Z' },
      ],
      feedPrices: [{ symbol: 'FSTK', price: '10', asOf: '2026-01-04T00:00:00Z' }],
      createWebhook: { url: 'https://8.8.8.8/hook', events: ['drift.alert.opened', 'drift.alert.resolved'] },
    },
    adminOperations: new Set(['createAsset', 'setAssetPrice', 'setAssetClassWeights', 'feedPrices', 'startDriftScan', 'getDriftScan']),
  };
}
