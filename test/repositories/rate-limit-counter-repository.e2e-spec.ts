import { RateLimitCounterRepository } from '../../src/auth/rate-limit/rate-limit-counter.repository';
import { createRepositoryContext, type RepositoryContext } from '../support/repository-context';

describe('RateLimitCounterRepository (real PostgreSQL)', () => {
  let ctx: RepositoryContext;
  let counters: RateLimitCounterRepository;

  beforeAll(async () => {
    ctx = await createRepositoryContext();
    counters = new RateLimitCounterRepository(ctx.dataSource);
  });
  afterAll(() => ctx.close());

  const minute = (iso: string) => new Date(iso);

  async function stored(subject: string): Promise<{ count: number; windowStart: string } | undefined> {
    const [row]: Array<{ count: number; windowStart: string }> = await ctx.dataSource.query(
      `SELECT count, to_char(window_start AT TIME ZONE 'UTC', 'HH24:MI') AS "windowStart" FROM rate_limit_counters WHERE subject = $1`,
      [subject],
    );
    return row;
  }

  it("adds each subject's counts to its own row and reads back the totals, with the database's clock", async () => {
    const before = Date.now();
    const first = await counters.add([
      { subject: 'user:a', windowStart: minute('2030-01-01T10:00:00Z'), count: 3 },
      { subject: 'key:b', windowStart: minute('2030-01-01T10:00:00Z'), count: 1 },
    ]);
    expect(first.totals).toEqual(
      new Map([
        ['user:a', 3],
        ['key:b', 1],
      ]),
    );
    // The same machine's clock, so the database's reading falls within the call.
    expect(first.databaseNow).toBeGreaterThanOrEqual(before - 1000);
    expect(first.databaseNow).toBeLessThanOrEqual(Date.now() + 1000);

    // Another instance's 2 and this one's 4 in the same window: each reads back the total of both.
    expect((await counters.add([{ subject: 'user:a', windowStart: minute('2030-01-01T10:00:00Z'), count: 2 }])).totals.get('user:a')).toBe(5);
    expect((await counters.add([{ subject: 'user:a', windowStart: minute('2030-01-01T10:00:00Z'), count: 4 }])).totals.get('user:a')).toBe(9);
    expect(await stored('user:a')).toEqual({ count: 9, windowStart: '10:00' });
    expect(await stored('key:b')).toEqual({ count: 1, windowStart: '10:00' });
  });

  it('starts again in a new window, and leaves a row alone that is already in a later one', async () => {
    await counters.add([{ subject: 'user:c', windowStart: minute('2030-01-01T10:00:00Z'), count: 7 }]);
    expect((await counters.add([{ subject: 'user:c', windowStart: minute('2030-01-01T10:01:00Z'), count: 2 }])).totals.get('user:c')).toBe(2);
    expect(await stored('user:c')).toEqual({ count: 2, windowStart: '10:01' });

    // Late counts for the minute that is over: nothing to add to and nothing reported.
    const late = await counters.add([{ subject: 'user:c', windowStart: minute('2030-01-01T10:00:00Z'), count: 5 }]);
    expect(late.totals.has('user:c')).toBe(false);
    expect(await stored('user:c')).toEqual({ count: 2, windowStart: '10:01' });
  });

  it('answers an empty batch with the clock alone', async () => {
    const empty = await counters.add([]);
    expect(empty.totals.size).toBe(0);
    expect(Number.isFinite(empty.databaseNow)).toBe(true);
  });
});
