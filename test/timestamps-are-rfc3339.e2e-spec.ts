import { givenAdmin, givenUser, type TestUser } from './support/auth';
import { givenAsset } from './support/catalogue';
import { givenPortfolio, snapshotDatabase } from './support/portfolios';
import { createTestApp, type TestApp } from './support/test-app';

describe('timestamps in requests are RFC 3339 date-times, as the document says', () => {
  let t: TestApp;
  let owner: TestUser;
  let portfolioId: string;

  beforeAll(async () => {
    t = await createTestApp();
    await givenAsset(t, await givenAdmin(t), { symbol: 'TSTK', assetType: 'stock', price: '10' });
    owner = await givenUser(t, 'owner');
    portfolioId = await givenPortfolio(t, owner);
  });
  afterAll(() => t.close());

  const deposit = (executedAt: unknown) =>
    t.http().post(`/api/v1/portfolios/${portfolioId}/transactions`).set(owner.auth).send({ type: 'DEPOSIT', amount: '100', executedAt });

  // JavaScript's Date reads all of these, and 2026-02-30 as March 2: each was stored as some instant the client never wrote.
  it.each([
    ['a year before year 1', '-000001-01-01T00:00:00Z'],
    ['RFC 2822 text', 'Tue, 24 Nov 2026 16:00:00 GMT'],
    ['a bare date', '2026-11-24'],
    ['no offset', '2026-11-24T16:00:00'],
    ['a day February lacks', '2026-02-30T00:00:00Z'],
    ['a number', 1732464000000],
  ])('refuses %s as executedAt with 400, recording nothing', async (_kind, executedAt) => {
    const before = await snapshotDatabase(t);
    const response = await deposit(executedAt).expect(400);
    expect(response.body.errors).toEqual([{ field: 'executedAt', rule: 'isDate', message: 'must be an RFC 3339 timestamp such as 2026-11-24T16:00:00Z' }]);
    expect(await snapshotDatabase(t)).toEqual(before);
  });

  it('reads an offset, storing the instant it names', async () => {
    const response = await deposit('2026-01-02T10:00:00+01:30').expect(201);
    expect(response.body.executedAt).toBe('2026-01-02T08:30:00.000Z');
  });

  it('refuses an API key expiring in year +275760, which it used to grant and echo in a form no date-time allows', async () => {
    const response = await t
      .http()
      .post('/api/v1/auth/api-keys')
      .set(owner.auth)
      .send({ name: 'far', scopes: ['portfolios:read'], expiresAt: '+275760-09-13T00:00:00Z' })
      .expect(400);
    expect(response.body.errors).toEqual([{ field: 'expiresAt', rule: 'isDate', message: 'must be an RFC 3339 timestamp such as 2026-11-24T16:00:00Z' }]);
    expect((await t.http().get('/api/v1/auth/api-keys').set(owner.auth).expect(200)).body.items).toEqual([]);
  });

  it('refuses a bare date in a query', async () => {
    const response = await t.http().get(`/api/v1/portfolios/${portfolioId}/realized-gains?from=2026-01-01`).set(owner.auth).expect(400);
    expect(response.body.errors).toEqual([{ field: 'from', rule: 'isDate', message: 'must be an RFC 3339 timestamp such as 2026-11-24T16:00:00Z' }]);
  });
});
