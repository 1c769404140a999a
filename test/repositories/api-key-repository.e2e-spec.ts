import { ApiKey } from '../../src/auth/entities/api-key.entity';
import { ApiKeyRepository } from '../../src/auth/api-key.repository';
import { createRepositoryContext, type RepositoryContext } from '../support/repository-context';

describe('ApiKeyRepository (real PostgreSQL)', () => {
  let ctx: RepositoryContext;
  let apiKeys: ApiKeyRepository;

  beforeAll(async () => {
    ctx = await createRepositoryContext();
    apiKeys = new ApiKeyRepository(ctx.dataSource);
  });
  afterAll(() => ctx.close());

  it('inserts a key unused and unrevoked, and finds it for its owner only', async () => {
    const owner = await ctx.newUser();
    const stranger = await ctx.newUser();
    const key = await apiKeys.insert({
      userId: owner.id,
      name: 'CI',
      prefix: 'rb_ci',
      secretHash: 'a'.repeat(64),
      scopes: ['portfolios:read'],
      expiresAt: null,
    });
    expect([key.lastUsedAt, key.revokedAt]).toEqual([null, null]);
    expect((await apiKeys.findOwned(owner.id, key.id))?.name).toBe('CI');
    expect(await apiKeys.findOwned(stranger.id, key.id)).toBeNull();
  });

  it('pages the owner’s unrevoked keys, newest first', async () => {
    const owner = await ctx.newUser();
    const stranger = await ctx.newUser();
    const older = await ctx.newApiKey(owner.id);
    const revoked = await ctx.newApiKey(owner.id);
    await apiKeys.revoke(revoked.id);
    const newer = await ctx.newApiKey(owner.id);
    await ctx.newApiKey(stranger.id);
    expect((await apiKeys.pageOwnedUnrevoked(owner.id, {})).rows.map((key) => key.id)).toEqual([newer.id, older.id]);
  });

  it('finds a usable key by its secret hash, with its owner; never a revoked or expired one', async () => {
    const owner = await ctx.newUser();
    const usable = await ctx.newApiKey(owner.id, { expiresAt: new Date(Date.now() + 60_000) });
    const expired = await ctx.newApiKey(owner.id, { expiresAt: new Date(Date.now() - 60_000) });
    const revoked = await ctx.newApiKey(owner.id, { revokedAt: new Date() });
    const found = await apiKeys.findUsableBySecretHash(usable.secretHash);
    expect([found?.id, found?.user?.email]).toEqual([usable.id, owner.email]);
    expect(await apiKeys.findUsableBySecretHash(expired.secretHash)).toBeNull();
    expect(await apiKeys.findUsableBySecretHash(revoked.secretHash)).toBeNull();
  });

  it('records the last use at most once a minute', async () => {
    const key = await ctx.newApiKey((await ctx.newUser()).id);
    await apiKeys.touchLastUsed(key.id);
    const first = (await ctx.dataSource.manager.findOneByOrFail(ApiKey, { id: key.id })).lastUsedAt;
    expect(first).toBeInstanceOf(Date);
    await apiKeys.touchLastUsed(key.id);
    expect((await ctx.dataSource.manager.findOneByOrFail(ApiKey, { id: key.id })).lastUsedAt).toEqual(first);
  });
});
