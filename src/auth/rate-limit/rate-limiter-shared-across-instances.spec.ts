import { loadConfig } from '../../config/app-config';
import { AppProblem } from '../../common/problem/problem';
import type { Principal } from '../principal';
import type { AddedCounts, CountsToAdd, RateLimitCounterRepository } from './rate-limit-counter.repository';
import { RateLimiter } from './rate-limiter';

/** The counters table as RateLimitCounterRepository.add treats it (its SQL has its own spec on PostgreSQL). */
class CountersTable {
  readonly rows = new Map<string, { windowStart: number; count: number }>();
  writes = 0;

  add(counts: readonly CountsToAdd[]): Promise<AddedCounts> {
    this.writes += 1;
    const totals = new Map<string, number>();
    for (const { subject, windowStart, count } of counts) {
      const row = this.rows.get(subject);
      const start = windowStart.getTime();
      if (row && row.windowStart > start) continue;
      const total = row?.windowStart === start ? row.count + count : count;
      this.rows.set(subject, { windowStart: start, count: total });
      totals.set(subject, total);
    }
    return Promise.resolve({ totals, databaseNow: Date.now() });
  }
}

const ada: Principal = { userId: 'ada', email: 'ada@example.com', role: 'user', scopes: [], authMethod: 'jwt', apiKeyId: null };

function headers() {
  const set = new Map<string, string>();
  return { set, setHeader: (name: string, value: string) => set.set(name, value) };
}

describe('rate limiter: counted in memory, shared through PostgreSQL', () => {
  const limiters: RateLimiter[] = [];
  // Long enough that only the flushes a story asks for happen.
  const config = loadConfig({ RATE_LIMIT_PER_MINUTE: '6', RATE_LIMIT_FLUSH_MS: '10000' });
  const instance = (table: CountersTable) => {
    const limiter = new RateLimiter(table as unknown as RateLimitCounterRepository, config);
    limiters.push(limiter);
    return limiter;
  };
  afterEach(async () => {
    await Promise.all(limiters.splice(0).map((limiter) => limiter.onModuleDestroy()));
  });
  beforeAll(() => {
    // Two minutes into a window, so no story straddles two.
    jest.useFakeTimers({ now: new Date('2030-01-01T10:00:02Z'), doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
  });
  afterAll(() => jest.useRealTimers());

  it('counts exactly within one instance and writes nothing per request until the budget is spent', async () => {
    const table = new CountersTable();
    const one = instance(table);
    const remaining = [];
    for (let i = 0; i < 5; i += 1) remaining.push((await one.consume(ada, headers())).remaining);
    expect(remaining).toEqual([5, 4, 3, 2, 1]);
    expect(table.writes).toBe(0);

    // The sixth request spends the budget: its count is written before it is answered.
    const last = headers();
    await one.consume(ada, last);
    expect(last.set.get('RateLimit-Remaining')).toBe('0');
    expect(table.rows.get('user:ada')?.count).toBe(6);

    const refused = headers();
    await expect(one.consume(ada, refused)).rejects.toBeInstanceOf(AppProblem);
    expect(refused.set.get('RateLimit-Remaining')).toBe('0');
    expect(table.writes).toBe(1);
  });

  it("learns the other instances' requests at each flush, and refuses once the shared total is spent", async () => {
    const table = new CountersTable();
    const [a, b] = [instance(table), instance(table)];
    for (let i = 0; i < 3; i += 1) await a.consume(ada, headers());
    for (let i = 0; i < 2; i += 1) await b.consume(ada, headers());
    await a.flush();
    await b.flush();
    expect(table.rows.get('user:ada')?.count).toBe(5);

    // a wrote 3 and read back 3; b wrote 2 and read back 5: b knows of a, a learns of b at its next flush.
    expect((await b.consume(ada, headers())).remaining).toBe(0);
    await expect(b.consume(ada, headers())).rejects.toBeInstanceOf(AppProblem);
    // a has not heard of b's last three yet: it admits one more, the overshoot one flush interval
    // allows, and refuses from its next flush on.
    expect((await a.consume(ada, headers())).remaining).toBe(2);
    await a.flush();
    await expect(a.consume(ada, headers())).rejects.toBeInstanceOf(AppProblem);
    expect(table.rows.get('user:ada')?.count).toBe(7);
  });

  it('starts a fresh count when the window turns, whatever the last one held', async () => {
    const table = new CountersTable();
    const one = instance(table);
    for (let i = 0; i < 6; i += 1) await one.consume(ada, headers());
    await expect(one.consume(ada, headers())).rejects.toBeInstanceOf(AppProblem);
    jest.setSystemTime(new Date('2030-01-01T10:01:01Z'));
    expect((await one.consume(ada, headers())).remaining).toBe(5);
  });
});
