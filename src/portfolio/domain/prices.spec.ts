import { isPriceStale } from './prices';

describe('isPriceStale', () => {
  const now = new Date('2026-11-24T12:00:00Z');

  it('is fresh up to exactly staleDays old, stale one millisecond later', () => {
    expect(isPriceStale(new Date('2026-11-21T12:00:00Z'), now, 3)).toBe(false);
    expect(isPriceStale(new Date('2026-11-21T11:59:59.999Z'), now, 3)).toBe(true);
  });

  it('treats a price from the future (clock skew) as fresh', () => {
    expect(isPriceStale(new Date('2026-11-24T12:00:30Z'), now, 3)).toBe(false);
  });
});
