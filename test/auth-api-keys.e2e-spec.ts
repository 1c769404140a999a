import { randomUUID } from 'node:crypto';
import { Controller, Get } from '@nestjs/common';
import { CurrentPrincipal, RequireScopes } from '../src/auth/auth.decorators';
import { hashApiKey } from '../src/auth/credentials';
import type { Principal } from '../src/auth/principal';
import { givenAdmin, givenApiKey, givenUser, type TestUser } from './support/auth';
import { createTestApp, type TestApp } from './support/test-app';

// A route guarded by a scope, standing in for the portfolio routes to come.
@Controller('scope-probe')
class ScopeProbeController {
  @Get()
  @RequireScopes('portfolios:write')
  read(@CurrentPrincipal() principal: Principal): { userId: string } {
    return { userId: principal.userId };
  }
}

describe('API keys', () => {
  let t: TestApp;
  let owner: TestUser;

  beforeAll(async () => {
    t = await createTestApp({ extra: { controllers: [ScopeProbeController] } });
    owner = await givenUser(t, 'owner');
  });
  afterAll(() => t.close());

  it('shows the secret once and stores only its SHA-256', async () => {
    const created = await t
      .http()
      .post('/api/v1/auth/api-keys')
      .set(owner.auth)
      .send({ name: 'Acme sync', scopes: ['portfolios:read'] })
      .expect(201);
    expect(created.body).toEqual({
      id: expect.any(String),
      name: 'Acme sync',
      prefix: created.body.secret.slice(0, 16),
      scopes: ['portfolios:read'],
      createdAt: expect.any(String),
      lastUsedAt: null,
      expiresAt: null,
      secret: expect.stringMatching(/^rb_live_[A-Za-z0-9_-]{43}$/),
    });
    const [row] = await t.dataSource.query('SELECT * FROM api_keys WHERE id = $1', [created.body.id]);
    expect(row.secret_hash).toBe(hashApiKey(created.body.secret));
    expect(JSON.stringify(row)).not.toContain(created.body.secret.slice(16));

    const list = await t.http().get('/api/v1/auth/api-keys').set(owner.auth).expect(200);
    const listed = list.body.items.find((key: { id: string }) => key.id === created.body.id);
    const { secret: _secret, ...withoutSecret } = created.body;
    expect(listed).toEqual(withoutSecret);
    expect(JSON.stringify(list.body)).not.toContain(created.body.secret.slice(16));
  });

  it('acts as its owner, limited to its scopes, and records when it was last used', async () => {
    const key = await givenApiKey(t, owner, ['portfolios:read', 'rebalancing:read']);
    const me = await t.http().get('/api/v1/auth/me').set('X-API-Key', key.secret).expect(200);
    expect(me.body).toMatchObject({ id: owner.id, authMethod: 'apiKey', scopes: ['portfolios:read', 'rebalancing:read'], apiKeyId: key.id });
    const list = await t.http().get('/api/v1/auth/api-keys').set(owner.auth).expect(200);
    expect(list.body.items.find((k: { id: string }) => k.id === key.id).lastUsedAt).toEqual(expect.any(String));
  });

  it('answers 403 naming the missing scope, and lets a key with it through', async () => {
    const readOnly = await givenApiKey(t, owner, ['portfolios:read']);
    const denied = await t.http().get('/api/v1/scope-probe').set('X-API-Key', readOnly.secret).expect(403);
    expect(denied.body).toMatchObject({ code: 'INSUFFICIENT_SCOPE', missingScopes: ['portfolios:write'] });

    const writer = await givenApiKey(t, owner, ['portfolios:write']);
    const allowed = await t.http().get('/api/v1/scope-probe').set('X-API-Key', writer.secret).expect(200);
    expect(allowed.body).toEqual({ userId: owner.id });
    await t.http().get('/api/v1/scope-probe').set(owner.auth).expect(200);
  });

  it('refuses a revoked key at once', async () => {
    const key = await givenApiKey(t, owner, ['portfolios:read']);
    await t.http().get('/api/v1/auth/me').set('X-API-Key', key.secret).expect(200);
    await t.http().delete(`/api/v1/auth/api-keys/${key.id}`).set(owner.auth).expect(204);
    const response = await t.http().get('/api/v1/auth/me').set('X-API-Key', key.secret).expect(401);
    expect(response.body).toMatchObject({ code: 'UNAUTHORIZED', detail: 'The API key is invalid, revoked or expired' });
    const list = await t.http().get('/api/v1/auth/api-keys').set(owner.auth).expect(200);
    expect(list.body.items.map((k: { id: string }) => k.id)).not.toContain(key.id);
  });

  it('refuses an expired key', async () => {
    const key = await givenApiKey(t, owner, ['portfolios:read'], { expiresAt: new Date(Date.now() + 3_600_000).toISOString() });
    await t.http().get('/api/v1/auth/me').set('X-API-Key', key.secret).expect(200);
    await t.dataSource.query("UPDATE api_keys SET expires_at = now() - interval '1 second' WHERE id = $1", [key.id]);
    await t.http().get('/api/v1/auth/me').set('X-API-Key', key.secret).expect(401);
  });

  it('refuses an unknown key', async () => {
    await t.http().get('/api/v1/auth/me').set('X-API-Key', 'rb_live_made-up').expect(401);
  });

  it('lets only admins grant assets:write', async () => {
    const refused = await t
      .http()
      .post('/api/v1/auth/api-keys')
      .set(owner.auth)
      .send({ name: 'x', scopes: ['assets:write'] })
      .expect(403);
    expect(refused.body).toMatchObject({ code: 'SCOPE_NOT_GRANTABLE', refusedScopes: ['assets:write'] });
    const admin = await givenAdmin(t);
    const granted = await t
      .http()
      .post('/api/v1/auth/api-keys')
      .set(admin.auth)
      .send({ name: 'price feed', scopes: ['assets:write'] })
      .expect(201);
    expect(granted.body.scopes).toEqual(['assets:write']);
  });

  it('does not let an API key manage API keys', async () => {
    const key = await givenApiKey(t, owner, ['portfolios:read', 'portfolios:write', 'rebalancing:read', 'rebalancing:write']);
    const response = await t
      .http()
      .post('/api/v1/auth/api-keys')
      .set('X-API-Key', key.secret)
      .send({ name: 'y', scopes: ['portfolios:read'] })
      .expect(403);
    expect(response.body.code).toBe('JWT_REQUIRED');
  });

  it.each([
    [{ name: 'x', scopes: ['portfolios:delete'] }, 'scopes', 'isIn'],
    [{ name: 'x', scopes: [] }, 'scopes', 'arrayMinSize'],
    [{ name: '', scopes: ['portfolios:read'] }, 'name', 'minLength'],
    [{ name: 'x', scopes: ['portfolios:read'], expiresAt: 'soon' }, 'expiresAt', 'isDate'],
  ])('validates %j', async (body, field, rule) => {
    const response = await t.http().post('/api/v1/auth/api-keys').set(owner.auth).send(body).expect(400);
    expect(response.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field, rule })]));
  });

  it('refuses an expiry in the past with 422', async () => {
    const response = await t
      .http()
      .post('/api/v1/auth/api-keys')
      .set(owner.auth)
      .send({ name: 'x', scopes: ['portfolios:read'], expiresAt: '2020-01-01T00:00:00Z' })
      .expect(422);
    expect(response.body.errors).toEqual([{ field: 'expiresAt', rule: 'isFuture', message: 'must be in the future' }]);
  });

  describe('ownership', () => {
    it("answers another user's key and a random id with the same 404, and leaves the key working", async () => {
      const victim = await givenUser(t, 'victim');
      const victimKey = await givenApiKey(t, victim, ['portfolios:read']);
      const foreign = await t.http().delete(`/api/v1/auth/api-keys/${victimKey.id}`).set(owner.auth).expect(404);
      const missing = await t.http().delete(`/api/v1/auth/api-keys/${randomUUID()}`).set(owner.auth).expect(404);
      const comparable = (body: Record<string, unknown>) => ({ ...body, instance: undefined, requestId: undefined });
      expect(comparable(foreign.body)).toEqual(comparable(missing.body));
      expect(foreign.body).toMatchObject({ code: 'NOT_FOUND', detail: 'API key not found' });
      await t.http().get('/api/v1/auth/me').set('X-API-Key', victimKey.secret).expect(200);

      const victimList = await t.http().get('/api/v1/auth/api-keys').set(victim.auth).expect(200);
      expect(victimList.body.items.map((k: { id: string }) => k.id)).toEqual([victimKey.id]);
    });

    it("does not let an admin revoke another user's key either", async () => {
      const admin = await givenAdmin(t);
      const key = await givenApiKey(t, owner, ['portfolios:read']);
      await t.http().delete(`/api/v1/auth/api-keys/${key.id}`).set(admin.auth).expect(404);
    });
  });
});
