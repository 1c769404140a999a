import { randomUUID } from 'node:crypto';
import { IdempotencyKeyRepository, type IdempotentRequest } from '../../src/common/idempotency/idempotency-key.repository';
import { createRepositoryContext, type RepositoryContext } from '../support/repository-context';

describe('IdempotencyKeyRepository (real PostgreSQL)', () => {
  let ctx: RepositoryContext;
  let keys: IdempotencyKeyRepository;

  beforeAll(async () => {
    ctx = await createRepositoryContext();
    keys = new IdempotencyKeyRepository(ctx.dataSource);
  });
  afterAll(() => ctx.close());

  // request_hash is a SHA-256 in hex: a fixed 64 characters.
  const HASH = 'a'.repeat(64);

  async function request(key: string, overrides: Partial<IdempotentRequest> = {}): Promise<IdempotentRequest> {
    const user = await ctx.newUser();
    return { scope: `user:${user.id}`, key, userId: user.id, method: 'POST', path: '/api/v1/portfolios', requestHash: HASH, ...overrides };
  }

  it('claims a new key once; a second claim sees it in flight, then the stored response', async () => {
    const first = await request('k-1');
    const claim = await keys.claim(first);
    expect(claim.kind).toBe('claimed');
    expect(await keys.claim(first)).toEqual({ kind: 'inFlight' });
    if (claim.kind !== 'claimed') throw new Error('not claimed');
    await keys.complete(first, claim.token, 201, '{"id":"x"}');
    expect(await keys.claim(first)).toEqual({ kind: 'completed', status: 201, body: '{"id":"x"}' });
  });

  it('tells a different body or route apart from a replay', async () => {
    const first = await request('k-2');
    await keys.claim(first);
    expect(await keys.claim({ ...first, requestHash: 'b'.repeat(64) })).toEqual({ kind: 'mismatch', sameRoute: true });
    expect(await keys.claim({ ...first, path: '/api/v1/assets' })).toEqual({ kind: 'mismatch', sameRoute: false });
  });

  it('keeps each caller’s keys apart: the same key under another scope is a new claim', async () => {
    const mine = await request('shared-key');
    const theirs = await request('shared-key');
    expect((await keys.claim(mine)).kind).toBe('claimed');
    expect((await keys.claim(theirs)).kind).toBe('claimed');
  });

  it('forgets a released claim, and only with the holder’s token', async () => {
    const first = await request('k-3');
    const claim = await keys.claim(first);
    if (claim.kind !== 'claimed') throw new Error('not claimed');
    await keys.release(first, randomUUID());
    expect(await keys.claim(first)).toEqual({ kind: 'inFlight' });
    await keys.release(first, claim.token);
    expect((await keys.claim(first)).kind).toBe('claimed');
  });

  it('takes over an expired key', async () => {
    const first = await request('k-4');
    const claim = await keys.claim(first);
    if (claim.kind !== 'claimed') throw new Error('not claimed');
    await keys.complete(first, claim.token, 200, null);
    await ctx.dataSource.query("UPDATE idempotency_keys SET expires_at = now() - interval '1 second' WHERE key = 'k-4'");
    expect((await keys.claim({ ...first, requestHash: 'c'.repeat(64) })).kind).toBe('claimed');
  });
});
