import { RateLimitCounterRepository, WINDOW_SECONDS } from '../../src/auth/rate-limit/rate-limit-counter.repository';
import { createRepositoryContext, type RepositoryContext } from '../support/repository-context';
import { givenUser } from '../support/repository-world';

describe('RateLimitCounterRepository (real PostgreSQL)', () => {
  let ctx: RepositoryContext;
  let counters: RateLimitCounterRepository;

  beforeAll(async () => {
    ctx = await createRepositoryContext();
    counters = new RateLimitCounterRepository(ctx.dataSource);
  });
  afterAll(() => ctx.close());

  async function countedInWindow(subject: string): Promise<number> {
    const [row]: Array<{ count: number }> = await ctx.dataSource.query('SELECT count FROM rate_limit_counters WHERE subject = $1', [subject]);
    return row.count;
  }

  it('counts each subject on its own, refusing past the limit without writing', async () => {
    // Near a window's end the count restarts: wait for a fresh window so three requests share one.
    const seconds = new Date().getUTCSeconds();
    if (seconds > WINDOW_SECONDS - 5) await new Promise((resolve) => setTimeout(resolve, (WINDOW_SECONDS - seconds + 1) * 1000));
    const first = await counters.count('user:a', 2);
    expect([first.count, first.refused]).toEqual([1, false]);
    expect(first.resetSeconds).toBeGreaterThan(0);
    expect(first.resetSeconds).toBeLessThanOrEqual(WINDOW_SECONDS);
    expect((await counters.count('user:a', 2)).count).toBe(2);
    expect((await counters.count('user:a', 2)).refused).toBe(true);
    expect(await countedInWindow('user:a')).toBe(2);
    expect(await counters.count('key:b', 2)).toMatchObject({ count: 1, refused: false });
  });

  it('starts again in a new window', async () => {
    await counters.count('user:c', 1);
    await ctx.dataSource.query("UPDATE rate_limit_counters SET window_start = window_start - interval '1 hour' WHERE subject = 'user:c'");
    expect(await counters.count('user:c', 1)).toMatchObject({ count: 1, refused: false });
  });

  it('reads the user a bearer token names and counts the request in one statement, or neither when there is no such user', async () => {
    const seconds = new Date().getUTCSeconds();
    if (seconds > WINDOW_SECONDS - 5) await new Promise((resolve) => setTimeout(resolve, (WINDOW_SECONDS - seconds + 1) * 1000));
    const userId = await givenUser(ctx.dataSource, 'counted');
    const first = await counters.countForUser(userId, 2);
    expect(first?.user).toMatchObject({ id: userId, role: 'user' });
    expect(first?.user.email).toMatch(/^counted-/);
    expect(first?.window).toMatchObject({ count: 1, refused: false });
    expect((await counters.countForUser(userId, 2))?.window).toMatchObject({ count: 2, refused: false });
    // Past the limit the user is still read, and the refusal writes nothing.
    expect((await counters.countForUser(userId, 2))?.window).toMatchObject({ count: 2, refused: true });
    expect(await countedInWindow(`user:${userId}`)).toBe(2);

    const nobody = '00000000-0000-4000-8000-000000000000';
    expect(await counters.countForUser(nobody, 2)).toBeNull();
    const [{ rows }]: Array<{ rows: number }> = await ctx.dataSource.query('SELECT count(*)::int AS rows FROM rate_limit_counters WHERE subject = $1', [
      `user:${nobody}`,
    ]);
    expect(rows).toBe(0);
  });
});
