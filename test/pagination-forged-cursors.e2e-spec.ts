import { randomUUID } from 'node:crypto';
import { DriftMonitorService } from '../src/rebalancing/drift-monitor.service';
import { givenAdmin, givenApiKey, givenUser, type TestUser } from './support/auth';
import { givenAsset, type TestAsset } from './support/catalogue';
import { givenPortfolio, record } from './support/portfolios';
import { createTestApp, type TestApp } from './support/test-app';

type KeyType = 'uuid' | 'timestamptz' | 'bigint' | 'text';
type Row = Record<string, unknown>;

interface World {
  user: TestUser;
  householdId: string;
  portfolioId: string;
  webhookId: string;
}

/** Every list route, with the types its cursor carries and, where its items are the caller's own, the item fields that make the key. */
const LISTS: Array<{ name: string; path: (w: World, asset: TestAsset) => string; keys: KeyType[]; own?: [string, string] }> = [
  { name: 'households', path: () => '/api/v1/households', keys: ['timestamptz', 'uuid'], own: ['createdAt', 'id'] },
  { name: "a household's positions", path: (w) => `/api/v1/households/${w.householdId}/positions`, keys: ['text'] },
  { name: 'portfolios', path: () => '/api/v1/portfolios', keys: ['timestamptz', 'uuid'], own: ['createdAt', 'id'] },
  { name: 'API keys', path: () => '/api/v1/auth/api-keys', keys: ['timestamptz', 'uuid'], own: ['createdAt', 'id'] },
  { name: 'transactions', path: (w) => `/api/v1/portfolios/${w.portfolioId}/transactions`, keys: ['timestamptz', 'bigint'] },
  { name: 'positions', path: (w) => `/api/v1/portfolios/${w.portfolioId}/positions`, keys: ['text'] },
  { name: 'lots', path: (w) => `/api/v1/portfolios/${w.portfolioId}/lots`, keys: ['timestamptz', 'uuid'], own: ['acquiredAt', 'id'] },
  { name: 'realized gains', path: (w) => `/api/v1/portfolios/${w.portfolioId}/realized-gains`, keys: ['timestamptz', 'uuid', 'timestamptz', 'uuid'] },
  { name: 'drift history', path: (w) => `/api/v1/portfolios/${w.portfolioId}/drift/history`, keys: ['timestamptz', 'text', 'uuid'] },
  {
    name: "a portfolio's drift alerts",
    path: (w) => `/api/v1/portfolios/${w.portfolioId}/drift-alerts`,
    keys: ['timestamptz', 'uuid'],
    own: ['openedAt', 'id'],
  },
  { name: "a household's drift history", path: (w) => `/api/v1/households/${w.householdId}/drift/history`, keys: ['timestamptz', 'text', 'uuid'] },
  {
    name: "a household's drift alerts",
    path: (w) => `/api/v1/households/${w.householdId}/drift-alerts`,
    keys: ['timestamptz', 'uuid'],
    own: ['openedAt', 'id'],
  },
  { name: 'all drift alerts', path: () => '/api/v1/drift-alerts', keys: ['timestamptz', 'uuid'], own: ['openedAt', 'id'] },
  { name: 'plans', path: (w) => `/api/v1/portfolios/${w.portfolioId}/rebalance/plans`, keys: ['timestamptz', 'uuid'], own: ['createdAt', 'id'] },
  { name: 'webhooks', path: () => '/api/v1/webhooks', keys: ['timestamptz', 'uuid'], own: ['createdAt', 'id'] },
  { name: 'webhook deliveries', path: (w) => `/api/v1/webhooks/${w.webhookId}/deliveries`, keys: ['timestamptz', 'uuid'], own: ['createdAt', 'id'] },
  { name: 'assets', path: () => '/api/v1/assets', keys: ['text'] },
  { name: 'prices', path: (_, asset) => `/api/v1/assets/${asset.id}/prices`, keys: ['timestamptz'] },
];

const GOOD: Record<KeyType, string> = { uuid: '3f2c6a0e-8a41-4c1e-9a55-2b7d0c9e4f10', timestamptz: '2026-01-02T03:04:05.123456Z', bigint: '7', text: 'OSTK' };
const WRONG: Record<KeyType, unknown[]> = {
  uuid: ['x', '3f2c6a0e8a414c1e9a552b7d0c9e4f10', 7, null],
  timestamptz: ['2026-02-30T00:00:00Z', 'yesterday', 1767322800000, '2026-01-02 03:04:05'],
  bigint: ['1.5', 'seven', '99999999999999999999', 7],
  text: ['a\u0000b', 7, ['x'], 'x'.repeat(300)],
};
const b64 = (text: string) => Buffer.from(text).toString('base64url');
const cursorOf = (k: unknown) => b64(JSON.stringify({ k }));

/** Cursors no list returned: none may reach SQL. */
function forgeries(keys: KeyType[]): Array<[string, string]> {
  const good = keys.map((type) => GOOD[type]);
  const wrongTypes = keys.flatMap((type, index) =>
    WRONG[type].map((value): [string, string] => [
      `${type} part ${index} as ${JSON.stringify(value).slice(0, 20)}`,
      cursorOf(good.map((g, i) => (i === index ? value : g))),
    ]),
  );
  return [
    ['not base64url', '!!!'],
    ['base64 with padding', `${cursorOf(good)}=`],
    ['not JSON', b64('not json')],
    ['truncated JSON', b64('{"k":[')],
    ['JSON null', b64('null')],
    ['a bare array', b64(JSON.stringify(good))],
    ['an extra field', b64(JSON.stringify({ k: good, userId: randomUUID() }))],
    ['no parts', cursorOf([])],
    ['one part too many', cursorOf([...good, GOOD.text])],
    ...(keys.length > 1 ? [['one part too few', cursorOf(good.slice(1))] as [string, string]] : []),
    ['["x"] where it is not a key', keys.length === 1 && keys[0] === 'text' ? cursorOf([null]) : cursorOf(['x'])],
    ...wrongTypes,
  ];
}

describe('pagination: a forged cursor is 400 INVALID_CURSOR on every list, and a cursor tells nothing about other users', () => {
  let t: TestApp;
  let asset: TestAsset;
  let owner: World;
  let stranger: World;

  async function givenWorld(name: string): Promise<World> {
    const user = await givenUser(t, name);
    const portfolioId = await givenPortfolio(t, user);
    const webhookId = (
      await t
        .http()
        .post('/api/v1/webhooks')
        .set(user.auth)
        .send({ url: 'https://8.8.8.8/hook', events: ['drift.alert.opened'] })
        .expect(201)
    ).body.id;
    await givenApiKey(t, user, ['portfolios:read']);
    await record(t, user, portfolioId, { type: 'DEPOSIT', amount: '1000', executedAt: '2026-01-02T00:00:00Z' });
    await record(t, user, portfolioId, { type: 'BUY', assetId: asset.id, quantity: '90', price: '10', executedAt: '2026-01-03T00:00:00Z' });
    await record(t, user, portfolioId, { type: 'SELL', assetId: asset.id, quantity: '1', price: '10', executedAt: '2026-01-04T00:00:00Z' });
    await t
      .http()
      .put(`/api/v1/portfolios/${portfolioId}/targets`)
      .set(user.auth)
      .send({
        targets: [
          { assetType: 'stock', targetPercentage: '50' },
          { assetType: 'cash', targetPercentage: '50' },
        ],
      })
      .expect(200);
    await t.http().get(`/api/v1/portfolios/${portfolioId}/drift`).set(user.auth).expect(200);
    // Workers are off in this file: the monitor's evaluation is run directly, as a job would.
    await t.dataSource.transaction((manager) => t.app.get(DriftMonitorService).evaluate(manager, { ids: [portfolioId] }));
    await t.http().post(`/api/v1/portfolios/${portfolioId}/rebalance/plans`).set(user.auth).send({}).expect(201);
    const householdId = (await t.http().get(`/api/v1/portfolios/${portfolioId}`).set(user.auth).expect(200)).body.householdId as string;
    // The household judged on the same 50/50 targets: a history point and an alert of its own.
    await t
      .http()
      .put(`/api/v1/households/${householdId}/targets`)
      .set(user.auth)
      .send({
        targets: [
          { assetType: 'stock', targetPercentage: '50' },
          { assetType: 'cash', targetPercentage: '50' },
        ],
      })
      .expect(200);
    await t.http().get(`/api/v1/households/${householdId}/drift`).set(user.auth).expect(200);
    await t.dataSource.transaction((manager) => t.app.get(DriftMonitorService).evaluateHouseholds(manager, { ids: [householdId] }));
    return { user, householdId, portfolioId, webhookId };
  }

  beforeAll(async () => {
    t = await createTestApp();
    const admin = await givenAdmin(t);
    asset = await givenAsset(t, admin, { symbol: 'OSTK', assetType: 'stock', price: '10' });
    owner = await givenWorld('owner');
    stranger = await givenWorld('stranger');
  });
  afterAll(() => t.close());

  it.each(LISTS.map((list) => [list.name, list] as const))('refuses every forged cursor on %s', async (_, list) => {
    const path = list.path(owner, asset);
    for (const [forgery, cursor] of forgeries(list.keys)) {
      const response = await t.http().get(path).query({ cursor }).set(owner.user.auth);
      expect([forgery, response.status, response.headers['content-type'], response.body.code, response.body.errors]).toEqual([
        forgery,
        400,
        expect.stringMatching(/^application\/problem\+json/),
        'INVALID_CURSOR',
        [expect.objectContaining({ field: 'cursor', rule: 'isCursor' })],
      ]);
    }
    // The list still pages with the cursors it returns itself.
    const first = await t.http().get(path).query({ limit: 1 }).set(owner.user.auth).expect(200);
    expect(first.body.items).toHaveLength(1);
    if (first.body.nextCursor) await t.http().get(path).query({ limit: 1, cursor: first.body.nextCursor }).set(owner.user.auth).expect(200);
  });

  it.each(LISTS.filter((list) => list.own).map((list) => [list.name, list] as const))(
    "answers the same on %s whether a cursor names another user's row or an id that exists nowhere",
    async (_, list) => {
      const [timeField, idField] = list.own!;
      const theirs: Row = (await t.http().get(list.path(stranger, asset)).set(stranger.user.auth).expect(200)).body.items[0];
      const at = theirs[timeField] as string;
      const ask = (k: string[]) =>
        t
          .http()
          .get(list.path(owner, asset))
          .query({ cursor: cursorOf(k) })
          .set(owner.user.auth);

      const theirId = theirs[idField] as string;
      // An id that exists nowhere but sorts against every other id as theirs does (only its last digit differs),
      // so any difference in the answers could only come from their row existing.
      const nowhere = theirId.slice(0, -1) + (theirId.endsWith('0') ? '1' : '0');
      const named = await ask([at, theirId]);
      const unknown = await ask([at, nowhere]);
      expect(named.status).toBe(200);
      expect(named.body).toEqual(unknown.body);
      // The id alone, as cursors once were, is refused rather than looked up.
      const idOnly = await ask([theirId]);
      expect([idOnly.status, idOnly.body.code]).toEqual([400, 'INVALID_CURSOR']);
    },
  );

  it.each([
    ['portfolios, oldest first', 'portfolios', '/api/v1/portfolios', [2, 0, 1]],
    ['API keys, newest first', 'api_keys', '/api/v1/auth/api-keys', [1, 0, 2]],
  ] as const)('walks %s: rows created within one millisecond, one per page, skipping and repeating nothing', async (_, table, path, expected) => {
    const user = await givenUser(t, 'micro');
    const ids: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      ids.push(table === 'portfolios' ? await givenPortfolio(t, user) : (await givenApiKey(t, user, ['portfolios:read'])).id);
    }
    // A JS Date would round these three instants to the same one.
    const micros = ['000200', '000300', '000100'];
    for (const [index, id] of ids.entries())
      await t.dataSource.query(`UPDATE ${table} SET created_at = $1 WHERE id = $2`, [`2026-01-05T10:00:00.${micros[index]}Z`, id]);
    const seen: string[] = [];
    let cursor: string | null | undefined;
    do {
      const page = (
        await t
          .http()
          .get(path)
          .query(cursor ? { limit: 1, cursor } : { limit: 1 })
          .set(user.auth)
          .expect(200)
      ).body;
      seen.push(...page.items.map((item: Row) => item.id as string));
      cursor = page.nextCursor;
    } while (cursor && seen.length < 10);
    expect(seen).toEqual(expected.map((index) => ids[index]));
  });

  it('documents limit as an integer, and no cursor example that Swagger UI would send and get refused', async () => {
    const { body: document } = await t.http().get('/docs-json').expect(200);
    const lists: Array<[string, Array<{ name: string; schema: Row }>]> = Object.entries(
      document.paths as Record<string, { get?: { parameters?: Array<{ name: string; schema: Row }> } }>,
    )
      .filter(([, operations]) => operations.get?.parameters?.some((parameter) => parameter.name === 'cursor'))
      .map(([path, operations]) => [path, operations.get!.parameters!]);
    expect(lists).toHaveLength(LISTS.length);
    for (const [path, parameters] of lists) {
      const limit = parameters.find((parameter) => parameter.name === 'limit')!.schema;
      const cursor = parameters.find((parameter) => parameter.name === 'cursor')!.schema;
      expect([path, limit.type, limit.minimum, limit.maximum, limit.default, cursor.example]).toEqual([path, 'integer', 1, 200, 50, undefined]);
    }
  });
});
