import { forgeJwt } from './support/jwt';
import { givenAdmin, givenUser, TEST_PASSWORD } from './support/auth';
import { createTestApp, type TestApp } from './support/test-app';

const USER_SCOPES = ['portfolios:read', 'portfolios:write', 'rebalancing:read', 'rebalancing:write'];

const inAnHour = () => Math.floor(Date.now() / 1000) + 3600;

function withoutRequestId(body: Record<string, unknown>): Record<string, unknown> {
  const { requestId: _requestId, ...rest } = body;
  return rest;
}

describe('users: register, login, me', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('registers with a normalized email, signs in and reads itself', async () => {
    const registered = await t.http().post('/api/v1/auth/register').send({ email: '  Grace.Hopper@Example.COM ', password: TEST_PASSWORD }).expect(201);
    expect(registered.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      email: 'grace.hopper@example.com',
      role: 'user',
      createdAt: expect.any(String),
    });

    const login = await t.http().post('/api/v1/auth/login').send({ email: 'GRACE.HOPPER@example.com', password: TEST_PASSWORD }).expect(200);
    expect(login.body).toEqual({ accessToken: expect.any(String), tokenType: 'Bearer', expiresIn: 3600 });

    const me = await t.http().get('/api/v1/auth/me').set('Authorization', `Bearer ${login.body.accessToken}`).expect(200);
    expect(me.body).toEqual({ ...registered.body, authMethod: 'jwt', scopes: USER_SCOPES, apiKeyId: null });
  });

  it('stores an argon2id hash, never the password', async () => {
    const user = await givenUser(t);
    const [row] = await t.dataSource.query('SELECT password_hash FROM users WHERE id = $1', [user.id]);
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    expect(row.password_hash).not.toContain(TEST_PASSWORD);
  });

  it('answers 409 for an email already taken, whatever its case', async () => {
    const user = await givenUser(t);
    const response = await t.http().post('/api/v1/auth/register').send({ email: user.email.toUpperCase(), password: TEST_PASSWORD }).expect(409);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({ code: 'EMAIL_TAKEN', detail: 'An account with this email already exists' });
  });

  it('lets exactly one of two concurrent identical registrations through', async () => {
    const body = { email: 'race@example.com', password: TEST_PASSWORD };
    const responses = await Promise.all([t.http().post('/api/v1/auth/register').send(body), t.http().post('/api/v1/auth/register').send(body)]);
    expect(responses.map((r) => r.status).sort()).toEqual([201, 409]);
    const [{ count }] = await t.dataSource.query("SELECT count(*)::int AS count FROM users WHERE email = 'race@example.com'");
    expect(count).toBe(1);
  });

  it.each([
    ['too short', 'short pass', 'must be at least 12 characters'],
    ['the email itself', 'policy-check@example.com', 'must not be the email address'],
  ])('refuses a weak password: %s', async (_case, password, message) => {
    const response = await t.http().post('/api/v1/auth/register').send({ email: 'policy-check@example.com', password }).expect(400);
    expect(response.body.errors).toEqual([{ field: 'password', rule: 'passwordPolicy', message }]);
  });

  it('cannot self-register as admin', async () => {
    const response = await t.http().post('/api/v1/auth/register').send({ email: 'sneaky@example.com', password: TEST_PASSWORD, role: 'admin' }).expect(400);
    expect(response.body.errors).toEqual([{ field: 'role', rule: 'whitelistValidation', message: 'should not exist' }]);
  });

  it('answers an unknown email and a wrong password identically', async () => {
    const user = await givenUser(t);
    const unknown = await t.http().post('/api/v1/auth/login').send({ email: 'nobody@example.com', password: TEST_PASSWORD }).expect(401);
    const wrong = await t.http().post('/api/v1/auth/login').send({ email: user.email, password: 'not the right password' }).expect(401);
    expect(withoutRequestId(unknown.body)).toEqual(withoutRequestId(wrong.body));
    expect(unknown.body).toMatchObject({ code: 'INVALID_CREDENTIALS', status: 401 });
  });

  it('creates the first admin from ADMIN_EMAIL/ADMIN_PASSWORD, with every scope', async () => {
    const admin = await givenAdmin(t);
    const me = await t.http().get('/api/v1/auth/me').set(admin.auth).expect(200);
    expect(me.body).toMatchObject({ email: 'admin@rebalance.test', role: 'admin', scopes: [...USER_SCOPES, 'assets:write'] });
  });

  describe('rejects bad tokens with 401', () => {
    let userId: string;
    let validToken: string;
    beforeAll(async () => {
      const user = await givenUser(t);
      userId = user.id;
      validToken = user.token;
    });

    const cases: Array<[string, () => string]> = [
      ['no credentials', () => ''],
      ['an expired token', () => forgeJwt({ sub: userId, iat: 1_700_000_000, exp: 1_700_000_060 }, t.config.auth.jwtSecret)],
      ['a token signed with another secret', () => forgeJwt({ sub: userId }, 'another secret that is long enough!!')],
      ['alg none', () => forgeJwt({ sub: userId }, null, 'none')],
      [
        'a tampered payload',
        () => {
          const [header, , signature] = validToken.split('.');
          return `${header}.${Buffer.from(JSON.stringify({ sub: userId, role: 'admin' })).toString('base64url')}.${signature}`;
        },
      ],
      ['a token for a user that does not exist', () => forgeJwt({ sub: '00000000-0000-4000-8000-000000000000', exp: inAnHour() }, t.config.auth.jwtSecret)],
      ['a well-signed token whose sub is not a UUID', () => forgeJwt({ sub: 'admin', exp: inAnHour() }, t.config.auth.jwtSecret)],
      ['a well-signed token whose sub is not a string', () => forgeJwt({ sub: 42, exp: inAnHour() }, t.config.auth.jwtSecret)],
      ['a well-signed token without an expiry', () => forgeJwt({ sub: userId }, t.config.auth.jwtSecret)],
      ['garbage', () => 'not-a-jwt'],
    ];

    it.each(cases)('%s', async (_name, token) => {
      const value = token();
      const request = t.http().get('/api/v1/auth/me');
      const response = await (value ? request.set('Authorization', `Bearer ${value}`) : request).expect(401);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.headers['www-authenticate']).toContain('Bearer');
      expect(response.body.code).toBe('UNAUTHORIZED');
    });

    it('while the valid token works', async () => {
      await t.http().get('/api/v1/auth/me').set('Authorization', `Bearer ${validToken}`).expect(200);
    });
  });
});
