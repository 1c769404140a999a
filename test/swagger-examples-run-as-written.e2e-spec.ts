import dns from 'node:dns/promises';
import { LedgerService } from '../src/portfolio/ledger.service';
import { DriftMonitorService } from '../src/rebalancing/drift-monitor.service';
import { givenAdmin, givenApiKey, givenUser, type TestUser } from './support/auth';
import { givenAsset } from './support/catalogue';
import { givenPortfolio, record } from './support/portfolios';
import { createTestApp, type TestApp } from './support/test-app';

/*
 * Swagger UI's "Try it out", pressed on every operation of the served document
 * as it stands: the body is the media example (each of them, when there are
 * several) or, without one, the body Swagger UI builds from the schema's
 * property examples; query and header parameters carry the examples Swagger UI
 * fills in. Only path ids are the world's own, as a reader would paste theirs.
 * Every answer must be a documented 2xx: an example that fails as written is a
 * bug in the example.
 */

type Json = Record<string, unknown>;
interface SchemaNode {
  $ref?: string;
  allOf?: SchemaNode[];
  oneOf?: SchemaNode[];
  type?: string;
  format?: string;
  example?: unknown;
  default?: unknown;
  enum?: unknown[];
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
  readOnly?: boolean;
}
interface ParameterNode {
  name: string;
  in: 'path' | 'query' | 'header';
  example?: unknown;
  schema?: SchemaNode;
}
interface OperationNode {
  operationId: string;
  parameters?: ParameterNode[];
  requestBody?: { content: Record<string, { schema: SchemaNode; example?: unknown; examples?: Record<string, { value: unknown }> }> };
  responses: Record<string, unknown>;
  security?: unknown[];
}
interface Operation extends OperationNode {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  template: string;
}

/** The ids the documented examples name in bodies: the world holds an asset and a lot under them. */
const EXAMPLE_ASSET = '3f1c2b9a-8d7e-4c6b-a5f4-e3d2c1b0a987';
const EXAMPLE_LOT = '6c1f0a52-3b7d-4e7a-9c55-2f1d8e9a0b11';
/** The stock the substitutes example buys in EXAMPLE_ASSET's place. */
const EXAMPLE_REPLACEMENT = '5b8e2d71-0c4a-4f3e-9d6b-7a1c2e3f4d5a';
/** The household the portfolio examples name (householdId): the world holds it under that id. */
const EXAMPLE_HOUSEHOLD = '9d4f3a2e-7c1b-4e8a-b5d6-2f0e1a3c4b5d';
/** What example.com resolves to; this sandbox has no DNS, a reader's network does. */
const EXAMPLE_COM_ADDRESS = '93.184.215.14';

/** The order a reader would try them in: what an operation needs exists by then, and what it uses up comes last. */
const ORDER = [
  'getLiveness',
  'getHealth',
  'register',
  'login',
  'getMe',
  'createApiKey',
  'listApiKeys',
  'revokeApiKey',
  'createAsset',
  'listAssets',
  'getAsset',
  'setAssetPrice',
  'setAssetClassWeights',
  'listAssetPrices',
  'feedPrices',
  'createHousehold',
  'listHouseholds',
  'getHousehold',
  'updateHousehold',
  'listHouseholdPositions',
  'createPortfolio',
  'listPortfolios',
  'getPortfolio',
  'updatePortfolio',
  'createTransaction',
  'importTransactions',
  'listTransactions',
  'deleteTransaction',
  'listPositions',
  'listLots',
  'listRealizedGains',
  'getHouseholdTaxYearReport',
  'putTargets',
  'getTargets',
  'getDrift',
  'getDriftHistory',
  'putHouseholdTargets',
  'getHouseholdTargets',
  'getHouseholdDrift',
  'getHouseholdDriftHistory',
  'getSuggestions',
  'getTaxLossHarvesting',
  'whatIf',
  'createPlan',
  'listPlans',
  'getPlan',
  'executePlan',
  'cancelPlan',
  'getHouseholdSuggestions',
  'createHouseholdPlan',
  'getHouseholdPlan',
  'executeHouseholdPlan',
  'listDriftAlerts',
  'listPortfolioDriftAlerts',
  'listHouseholdDriftAlerts',
  'acknowledgeDriftAlert',
  'startDriftScan',
  'getDriftScan',
  'createWebhook',
  'listWebhooks',
  'listWebhookDeliveries',
  'deleteWebhook',
  'getHouseholdRestrictions',
  'putHouseholdRestrictions',
  'getHouseholdSubstitutes',
  'putHouseholdSubstitutes',
  'getHouseholdAssetLocation',
  'putHouseholdAssetLocation',
  'deletePortfolio',
  'deleteHousehold',
];
const ADMIN_OPERATIONS = new Set(['createAsset', 'setAssetPrice', 'setAssetClassWeights', 'feedPrices', 'startDriftScan', 'getDriftScan']);

describe('every Swagger UI example, run as written', () => {
  let t: TestApp;
  let document: { paths: Record<string, Record<string, OperationNode>>; components: { schemas: Record<string, SchemaNode> } };
  let admin: TestUser;
  let owner: TestUser;
  let portfolio: string;

  function resolve(schema: SchemaNode): SchemaNode {
    if (schema.$ref) return resolve({ ...document.components.schemas[schema.$ref.split('/').pop() as string], ...schema, $ref: undefined });
    if (schema.allOf?.length === 1) return resolve({ ...resolve(schema.allOf[0]), ...schema, allOf: undefined });
    return schema;
  }

  /** The value Swagger UI's sample generator gives a schema: its example, else its default or first enum value, else one by type. */
  function sample(input: SchemaNode): unknown {
    const schema = resolve(input);
    if (schema.example !== undefined) return schema.example;
    if (schema.default !== undefined) return schema.default;
    if (schema.enum) return schema.enum[0];
    if (schema.oneOf?.length) return sample(schema.oneOf[0]);
    if (schema.type === 'object' || schema.properties) {
      return Object.fromEntries(
        Object.entries(schema.properties ?? {})
          .filter(([, property]) => !resolve(property).readOnly)
          .map(([name, property]) => [name, sample(property)]),
      );
    }
    if (schema.type === 'array') return schema.items ? [sample(schema.items)] : [];
    if (schema.type === 'boolean') return true;
    if (schema.type === 'number' || schema.type === 'integer') return 0;
    if (schema.format === 'uuid') return '3fa85f64-5717-4562-b3fc-2c963f66afa6';
    if (schema.format === 'date-time') return new Date().toISOString();
    if (schema.format === 'email') return 'user@example.com';
    return 'string';
  }

  /**
   * Each body Swagger UI offers the operation: its named examples, its example, or the one it builds; none without a body.
   * A text/csv body (the import's) is offered by its examples, sent as that media type.
   */
  function bodiesOf(operation: Operation): Array<{ name: string; body: unknown; contentType?: string }> {
    const csv = Object.entries(operation.requestBody?.content['text/csv']?.examples ?? {}).map(([name, example]) => ({
      name: `${name} (text/csv)`,
      body: example.value,
      contentType: 'text/csv',
    }));
    const media = operation.requestBody?.content['application/json'];
    if (!media) return [{ name: 'no body', body: undefined }];
    if (media.examples) return [...Object.entries(media.examples).map(([name, example]) => ({ name, body: example.value })), ...csv];
    if (media.example !== undefined) return [{ name: 'example', body: media.example }, ...csv];
    return [{ name: 'built from the schema', body: sample(media.schema) }, ...csv];
  }

  /** The query and header values Swagger UI fills in: each parameter's example, or its schema's. */
  function filledIn(operation: Operation, where: 'query' | 'header'): Record<string, string> {
    return Object.fromEntries(
      (operation.parameters ?? [])
        .filter((parameter) => parameter.in === where)
        .map((parameter) => [parameter.name, parameter.example ?? (parameter.schema ? resolve(parameter.schema).example : undefined)] as const)
        .filter(([, value]) => value !== undefined)
        .map(([name, value]) => [name, String(value)]),
    );
  }

  async function newHouseholdPlan(): Promise<string> {
    return (await t.http().post(`/api/v1/households/${EXAMPLE_HOUSEHOLD}/rebalance/plans`).set(owner.auth).send({}).expect(201)).body.id as string;
  }

  async function newPlan(): Promise<string> {
    return (await t.http().post(`/api/v1/portfolios/${portfolio}/rebalance/plans`).set(owner.auth).send({}).expect(201)).body.id as string;
  }

  /** A portfolio far from its targets, evaluated by the monitor (workers are off) so it has an open alert. */
  async function openAlert(): Promise<string> {
    const drifting = await givenPortfolio(t, owner, { name: 'Drifting' });
    await record(t, owner, drifting, { type: 'DEPOSIT', amount: '1000', executedAt: '2026-10-01T00:00:00Z' });
    await record(t, owner, drifting, { type: 'BUY', assetId: EXAMPLE_ASSET, quantity: '3', price: '245.17', executedAt: '2026-10-02T00:00:00Z' });
    const targets = [
      { assetType: 'stock', targetPercentage: '50' },
      { assetType: 'cash', targetPercentage: '50' },
    ];
    await t.http().put(`/api/v1/portfolios/${drifting}/targets`).set(owner.auth).send({ targets }).expect(200);
    await t.dataSource.transaction((manager) => t.app.get(DriftMonitorService).evaluate(manager, { ids: [drifting] }));
    return (await t.http().get(`/api/v1/portfolios/${drifting}/drift-alerts`).set(owner.auth).expect(200)).body.items[0].id as string;
  }

  async function newWebhook(): Promise<string> {
    return (
      await t
        .http()
        .post('/api/v1/webhooks')
        .set(owner.auth)
        .send({ url: 'https://example.com/hook', events: ['drift.alert.opened'] })
        .expect(201)
    ).body.id as string;
  }

  /** The world's ids for the operation's path, made fresh where the operation uses one up. */
  async function pathIds(operationId: string): Promise<Record<string, string>> {
    switch (operationId) {
      case 'revokeApiKey':
        return { id: (await givenApiKey(t, owner, ['portfolios:read'])).id };
      case 'getAsset':
      case 'setAssetPrice':
      case 'setAssetClassWeights':
      case 'listAssetPrices':
        return { id: EXAMPLE_ASSET };
      case 'deleteTransaction':
        return { id: portfolio, transactionId: await record(t, owner, portfolio, { type: 'DEPOSIT', amount: '1', executedAt: '2026-11-21T00:00:00Z' }) };
      case 'getPlan':
      case 'executePlan':
      case 'cancelPlan':
        return { id: portfolio, planId: await newPlan() };
      case 'acknowledgeDriftAlert':
        return { id: await openAlert() };
      case 'getDriftScan':
        return { id: (await t.http().post('/api/v1/rebalancing/scan').set(admin.auth).expect(202)).body.id as string };
      case 'listWebhookDeliveries':
      case 'deleteWebhook':
        return { id: await newWebhook() };
      case 'deletePortfolio':
        return { id: await givenPortfolio(t, owner, { name: 'To delete' }) };
      case 'getHousehold':
      case 'updateHousehold':
      case 'listHouseholdPositions':
      case 'getHouseholdTaxYearReport':
      case 'putHouseholdTargets':
      case 'getHouseholdTargets':
      case 'getHouseholdDrift':
      case 'getHouseholdRestrictions':
      case 'putHouseholdRestrictions':
      case 'getHouseholdSubstitutes':
      case 'putHouseholdSubstitutes':
      case 'getHouseholdAssetLocation':
      case 'putHouseholdAssetLocation':
      case 'getHouseholdSuggestions':
      case 'createHouseholdPlan':
      case 'getHouseholdDriftHistory':
      case 'listHouseholdDriftAlerts':
        return { id: EXAMPLE_HOUSEHOLD };
      case 'getHouseholdPlan':
      case 'executeHouseholdPlan':
        return { id: EXAMPLE_HOUSEHOLD, planId: await newHouseholdPlan() };
      case 'deleteHousehold':
        return { id: (await t.http().post('/api/v1/households').set(owner.auth).send({ name: 'To delete' }).expect(201)).body.id as string };
      default:
        return { id: portfolio };
    }
  }

  beforeAll(async () => {
    t = await createTestApp();
    // Partners' webhook hosts resolve through the network's DNS, which this sandbox lacks; example.com answers as it does there.
    const lookup = dns.lookup.bind(dns);
    jest
      .spyOn(dns, 'lookup')
      .mockImplementation(((host: string, options: unknown) =>
        host === 'example.com' ? Promise.resolve([{ address: EXAMPLE_COM_ADDRESS, family: 4 }]) : lookup(host, options as never)) as typeof dns.lookup);
    document = (await t.http().get('/docs-json').expect(200)).body;
    admin = await givenAdmin(t);
    owner = await givenUser(t, 'examples');

    // The asset the transaction examples name, under their id: made through the API, then given that id before it has a price.
    const asset = await givenAsset(t, admin, { symbol: 'VXUS', assetType: 'stock' });
    await t.dataSource.query('UPDATE assets SET id = $1 WHERE id = $2', [EXAMPLE_ASSET, asset.id]);
    await t.http().put(`/api/v1/assets/${EXAMPLE_ASSET}/price`).set(admin.auth).send({ price: '245.17', asOf: '2026-10-01T00:00:00Z' }).expect(200);
    const bond = await givenAsset(t, admin, { symbol: 'BND', assetType: 'bond', price: '72', priceAsOf: '2026-10-01T00:00:00Z' });
    const replacement = await givenAsset(t, admin, { symbol: 'ITOT', assetType: 'stock' });
    await t.dataSource.query('UPDATE assets SET id = $1 WHERE id = $2', [EXAMPLE_REPLACEMENT, replacement.id]);

    const household = (await t.http().post('/api/v1/households').set(owner.auth).send({ name: 'Examples' }).expect(201)).body.id as string;
    await t.dataSource.query('UPDATE households SET id = $1 WHERE id = $2', [EXAMPLE_HOUSEHOLD, household]);
    portfolio = await givenPortfolio(t, owner, { name: 'Examples', householdId: EXAMPLE_HOUSEHOLD });
    await record(t, owner, portfolio, { type: 'DEPOSIT', amount: '50000', executedAt: '2026-10-01T00:00:00Z' });
    await record(t, owner, portfolio, { type: 'BUY', assetId: bond.id, quantity: '100', price: '72', executedAt: '2026-10-02T00:00:00Z' });
    // The lot the specific-lot SELL example names: a holding brought in, whose lot id is its transaction's.
    const transferIn = await record(t, owner, portfolio, {
      type: 'TRANSFER_IN',
      assetId: EXAMPLE_ASSET,
      quantity: '20',
      costPerUnit: '180',
      acquiredAt: '2025-01-02T00:00:00Z',
      executedAt: '2026-10-02T00:00:00Z',
    });
    await t.dataSource.transaction(async (manager) => {
      const ledger = t.app.get(LedgerService);
      const householdId = await ledger.lockScopeOf(manager, owner.id, portfolio);
      await manager.query('UPDATE transactions SET id = $1 WHERE id = $2', [EXAMPLE_LOT, transferIn]);
      await ledger.rederive(manager, householdId as string);
    });
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await t.close();
  });

  it('tries every operation of the document', () => {
    const documented = Object.values(document.paths).flatMap((methods) => Object.values(methods).map((operation) => operation.operationId));
    expect([...documented].sort()).toEqual([...ORDER].sort());
  });

  it('answers each example with a documented 2xx', async () => {
    const operations = Object.entries(document.paths).flatMap(([template, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({ ...operation, method, template }) as Operation),
    );
    const failures: string[] = [];
    let tried = 0;
    for (const operationId of ORDER) {
      const operation = operations.find((candidate) => candidate.operationId === operationId) as Operation;
      for (const { name, body, contentType } of bodiesOf(operation)) {
        const ids = await pathIds(operationId);
        const path = operation.template.replace(/\{(\w+)\}/g, (_match, parameter: string) => ids[parameter]);
        const query = new URLSearchParams(filledIn(operation, 'query')).toString();
        let call = t.http()[operation.method](query === '' ? path : `${path}?${query}`);
        if (operation.security?.length) call = call.set((ADMIN_OPERATIONS.has(operationId) ? admin : owner).auth);
        for (const [header, value] of Object.entries(filledIn(operation, 'header'))) call = call.set(header, value);
        if (contentType) call = call.set('Content-Type', contentType);
        const response = await (body === undefined ? call : call.send(body as Json));
        tried += 1;
        if (response.status < 200 || response.status >= 300 || !(String(response.status) in operation.responses)) {
          failures.push(
            `${operationId} (${name}): ${operation.method.toUpperCase()} ${path}?${query} ${JSON.stringify(body)} → ${response.status} ${response.text}`,
          );
        }
      }
    }
    expect(failures).toEqual([]);
    expect(tried).toBeGreaterThan(ORDER.length);
  });

  it('executes a plan sent with no body at all, as the document allows', async () => {
    const execute = document.paths['/api/v1/portfolios/{id}/rebalance/plans/{planId}/execute'].post;
    expect(execute.requestBody).toMatchObject({ required: false });
    const plan = await newPlan();
    const response = await t.http().post(`/api/v1/portfolios/${portfolio}/rebalance/plans/${plan}/execute`).set(owner.auth).expect(200);
    expect(response.body.status).toMatch(/EXECUTED/);
  });
});
