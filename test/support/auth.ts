import { randomBytes } from 'node:crypto';
import type { Scope } from '../../src/auth/auth.constants';
import type { TestApp } from './test-app';

export const TEST_ADMIN = { email: 'admin@rebalance.test', password: 'admin password for tests' };
export const TEST_PASSWORD = 'a long enough test password';

export interface TestUser {
  id: string;
  email: string;
  password: string;
  token: string;
  /** Headers that authenticate as this user. */
  auth: { Authorization: string };
}

export async function login(t: TestApp, email: string, password: string): Promise<string> {
  const response = await t.http().post('/api/v1/auth/login').send({ email, password }).expect(200);
  return response.body.accessToken as string;
}

/** A new user with a unique email, signed in. */
export async function givenUser(t: TestApp, name = 'user'): Promise<TestUser> {
  const email = `${name}-${randomBytes(4).toString('hex')}@example.com`;
  const registered = await t.http().post('/api/v1/auth/register').send({ email, password: TEST_PASSWORD }).expect(201);
  const token = await login(t, email, TEST_PASSWORD);
  return { id: registered.body.id, email, password: TEST_PASSWORD, token, auth: { Authorization: `Bearer ${token}` } };
}

/** The admin that createTestApp configures through ADMIN_EMAIL/ADMIN_PASSWORD, signed in. */
export async function givenAdmin(t: TestApp): Promise<TestUser> {
  const token = await login(t, TEST_ADMIN.email, TEST_ADMIN.password);
  const me = await t.http().get('/api/v1/auth/me').set('Authorization', `Bearer ${token}`).expect(200);
  return { id: me.body.id, email: TEST_ADMIN.email, password: TEST_ADMIN.password, token, auth: { Authorization: `Bearer ${token}` } };
}

/** An API key of the user's with the given scopes; returns its secret and id. */
export async function givenApiKey(t: TestApp, owner: TestUser, scopes: Scope[], extra: Record<string, unknown> = {}): Promise<{ id: string; secret: string }> {
  const response = await t
    .http()
    .post('/api/v1/auth/api-keys')
    .set(owner.auth)
    .send({ name: 'test key', scopes, ...extra })
    .expect(201);
  return { id: response.body.id, secret: response.body.secret };
}
