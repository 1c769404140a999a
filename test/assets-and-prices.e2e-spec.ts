import { randomUUID } from 'node:crypto';
import { givenAdmin, givenApiKey, givenUser, type TestUser } from './support/auth';
import { givenAsset } from './support/catalogue';
import { createTestApp, type TestApp } from './support/test-app';

describe('asset catalogue and prices', () => {
  let t: TestApp;
  let admin: TestUser;
  let user: TestUser;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await givenAdmin(t);
    user = await givenUser(t);
  });
  afterAll(() => t.close());

  it('creates an asset with a first price, normalizing symbol, class and currency', async () => {
    const created = await t
      .http()
      .post('/api/v1/assets')
      .set(admin.auth)
      .send({ symbol: ' vti ', name: 'Vanguard Total Stock Market ETF', assetType: 'Stock', currency: 'usd', price: 245.17, priceAsOf: '2026-11-20T16:00:00Z' })
      .expect(201);
    expect(created.body).toEqual({
      id: expect.any(String),
      symbol: 'VTI',
      name: 'Vanguard Total Stock Market ETF',
      assetType: 'stock',
      currency: 'USD',
      classWeights: [],
      price: '245.17',
      priceAsOf: '2026-11-20T16:00:00.000Z',
      priceStale: expect.any(Boolean),
      createdAt: expect.any(String),
    });
    const fetched = await t.http().get(`/api/v1/assets/${created.body.id}`).set(user.auth).expect(200);
    expect(fetched.body).toEqual(created.body);
  });

  it('refuses a duplicate symbol with 409', async () => {
    await givenAsset(t, admin, { symbol: 'DUP', assetType: 'stock' });
    const response = await t
      .http()
      .post('/api/v1/assets')
      .set(admin.auth)
      .send({ symbol: 'dup', name: 'again', assetType: 'stock', currency: 'USD' })
      .expect(409);
    expect(response.body.code).toBe('SYMBOL_TAKEN');
  });

  it.each([
    [{ assetType: 'Real Estate!' }, 'assetType', 'matches'],
    [{ assetType: 'x'.repeat(51) }, 'assetType', 'matches'],
    [{ currency: 'DOLLARS' }, 'currency', 'isISO4217CurrencyCode'],
    [{ price: '-1' }, 'price', 'isDecimal'],
    [{ price: '1.123456789' }, 'price', 'isDecimal'],
    [{ price: 'abc' }, 'price', 'isDecimal'],
    [{ price: '1', priceAsOf: '2999-01-01T00:00:00Z' }, 'priceAsOf', 'isNotFuture'],
  ])('validates %j', async (override, field, rule) => {
    const response = await t
      .http()
      .post('/api/v1/assets')
      .set(admin.auth)
      .send({ symbol: 'BADX', name: 'x', assetType: 'stock', currency: 'USD', ...override })
      .expect(400);
    expect(response.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field, rule })]));
  });

  it('lets only admins or assets:write keys write the catalogue, and everyone read it', async () => {
    const body = { symbol: 'NOPE', name: 'x', assetType: 'stock', currency: 'USD' };
    const denied = await t.http().post('/api/v1/assets').set(user.auth).send(body).expect(403);
    expect(denied.body).toMatchObject({ code: 'INSUFFICIENT_SCOPE', missingScopes: ['assets:write'] });

    const feedKey = await givenApiKey(t, admin, ['assets:write']);
    await t
      .http()
      .post('/api/v1/assets')
      .set('X-API-Key', feedKey.secret)
      .send({ ...body, symbol: 'VIAKEY' })
      .expect(201);
    const readerKey = await givenApiKey(t, user, ['rebalancing:read']);
    await t.http().get('/api/v1/assets').set('X-API-Key', readerKey.secret).expect(200);
  });

  it('keeps a price history; the newest asOf is current, and old prices are flagged stale', async () => {
    const asset = await givenAsset(t, admin, { symbol: 'HIST', assetType: 'bond', price: '100.10', priceAsOf: '2026-01-02T00:00:00Z' });
    let current = await t.http().get(`/api/v1/assets/${asset.id}`).set(user.auth).expect(200);
    expect(current.body).toMatchObject({ price: '100.1', priceAsOf: '2026-01-02T00:00:00.000Z', priceStale: true });

    const now = new Date().toISOString();
    await t.http().put(`/api/v1/assets/${asset.id}/price`).set(admin.auth).send({ price: '100.20', asOf: now }).expect(200);
    // An older observation arriving late does not replace the current price.
    const late = await t.http().put(`/api/v1/assets/${asset.id}/price`).set(admin.auth).send({ price: '99.99', asOf: '2026-06-01T00:00:00Z' }).expect(200);
    expect(late.body).toMatchObject({ price: '100.2', priceAsOf: now, priceStale: false });

    const history = await t.http().get(`/api/v1/assets/${asset.id}/prices?limit=2`).set(user.auth).expect(200);
    expect(history.body.items.map((p: { price: string }) => p.price)).toEqual(['100.2', '99.99']);
    const rest = await t.http().get(`/api/v1/assets/${asset.id}/prices?limit=2&cursor=${history.body.nextCursor}`).set(user.auth).expect(200);
    expect(rest.body).toEqual({ items: [expect.objectContaining({ price: '100.1' })], nextCursor: null });
    current = await t.http().get(`/api/v1/assets/${asset.id}`).set(user.auth).expect(200);
    expect(current.body.price).toBe('100.2');
  });

  it('refuses a price for an unknown asset with 404', async () => {
    await t.http().put(`/api/v1/assets/${randomUUID()}/price`).set(admin.auth).send({ price: '1', asOf: new Date().toISOString() }).expect(404);
  });

  it('lists by symbol with class and prefix filters, page by page', async () => {
    for (const symbol of ['LSTA', 'LSTB', 'LSTC']) await givenAsset(t, admin, { symbol, assetType: 'commodity' });
    await givenAsset(t, admin, { symbol: 'LSTD', assetType: 'crypto' });
    const first = await t.http().get('/api/v1/assets?assetType=commodity&symbolPrefix=lst&limit=2').set(user.auth).expect(200);
    expect(first.body.items.map((a: { symbol: string }) => a.symbol)).toEqual(['LSTA', 'LSTB']);
    const second = await t.http().get(`/api/v1/assets?assetType=commodity&symbolPrefix=lst&limit=2&cursor=${first.body.nextCursor}`).set(user.auth).expect(200);
    expect(second.body).toEqual({ items: [expect.objectContaining({ symbol: 'LSTC' })], nextCursor: null });
    await t.http().get('/api/v1/assets?cursor=garbage').set(user.auth).expect(400);
    await t.http().get('/api/v1/assets?limit=201').set(user.auth).expect(400);
  });

  describe('bulk price feed', () => {
    it('writes every row', async () => {
      const a = await givenAsset(t, admin, { symbol: 'FEEDA', assetType: 'stock' });
      const response = await t
        .http()
        .post('/api/v1/prices')
        .set(admin.auth)
        .send([
          { symbol: 'feeda', price: '0.1', asOf: '2026-11-20T00:00:00Z' },
          { symbol: 'FEEDA', price: 0.3, asOf: '2026-11-21T00:00:00Z' },
        ])
        .expect(201);
      expect(response.body.items.map((p: { price: string }) => p.price)).toEqual(['0.1', '0.3']);
      const asset = await t.http().get(`/api/v1/assets/${a.id}`).set(user.auth).expect(200);
      expect(asset.body.price).toBe('0.3');
    });

    it('writes nothing when one row is bad, and names each bad row', async () => {
      const a = await givenAsset(t, admin, { symbol: 'FEEDB', assetType: 'stock' });
      const before = await t.dataSource.query('SELECT count(*)::int AS n FROM asset_prices');
      const invalid = await t
        .http()
        .post('/api/v1/prices')
        .set(admin.auth)
        .send([
          { symbol: 'FEEDB', price: '10', asOf: '2026-11-20T00:00:00Z' },
          { symbol: 'FEEDB', price: '-10', asOf: '2026-11-21T00:00:00Z' },
          { symbol: 'FEEDB', price: '10', asOf: 'yesterday' },
        ])
        .expect(400);
      expect(invalid.body.errors).toEqual([
        expect.objectContaining({ field: '[1].price', rule: 'isDecimal' }),
        expect.objectContaining({ field: '[2].asOf', rule: 'isDate' }),
      ]);
      const unknown = await t
        .http()
        .post('/api/v1/prices')
        .set(admin.auth)
        .send([
          { symbol: 'FEEDB', price: '10', asOf: '2026-11-20T00:00:00Z' },
          { symbol: 'NOSUCH', price: '10', asOf: '2026-11-20T00:00:00Z' },
        ])
        .expect(422);
      expect(unknown.body.errors).toEqual([{ field: '[1].symbol', rule: 'knownSymbol', message: 'no asset has symbol NOSUCH' }]);
      expect(await t.dataSource.query('SELECT count(*)::int AS n FROM asset_prices')).toEqual(before);
      const asset = await t.http().get(`/api/v1/assets/${a.id}`).set(user.auth).expect(200);
      expect(asset.body.price).toBeNull();
    });

    it('refuses a row whose field is an object with a constructor key with 400 naming it, as any other body would be', async () => {
      const before = await t.dataSource.query('SELECT count(*)::int AS n FROM asset_prices');
      const response = await t
        .http()
        .post('/api/v1/prices')
        .set(admin.auth)
        .send([
          { symbol: 'FEEDB', price: '10', asOf: { constructor: { prototype: { polluted: true } } } },
          { symbol: 'FEEDB', price: { constructor: 'x' }, asOf: '2026-11-21T00:00:00Z' },
        ])
        .expect(400);
      expect(response.body.errors).toEqual([
        expect.objectContaining({ field: '[0].asOf', rule: 'isDate' }),
        expect.objectContaining({ field: '[1].price', rule: 'isDecimal' }),
      ]);
      expect(await t.dataSource.query('SELECT count(*)::int AS n FROM asset_prices')).toEqual(before);
      expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
    });

    it('refuses an empty feed and caps its size', async () => {
      await t.http().post('/api/v1/prices').set(admin.auth).send([]).expect(400);
      const rows = Array.from({ length: 1001 }, () => ({ symbol: 'X', price: '1', asOf: '2026-11-20T00:00:00Z' }));
      const response = await t.http().post('/api/v1/prices').set(admin.auth).send(rows).expect(413);
      expect(response.body.code).toBe('TOO_MANY_ITEMS');
    });
  });
});
