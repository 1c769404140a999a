import { longTermAt, termOf } from './ledger';
import { at, figures, LedgerWorld } from './ledger.fixtures';

function saleHeldFrom(acquired: string, sold: string) {
  const world = new LedgerWorld({ main: 'FIFO' });
  world.deposit('main', acquired, '100');
  world.buy('main', acquired, 'ACME', '1', '100');
  world.sell('main', sold, 'ACME', '1', '110');
  return world.portfolio('main').realizedGains[0];
}

describe('short and long term', () => {
  it('is short-term on the first anniversary and long-term the day after', () => {
    expect(longTermAt(at('2025-03-15')).toISOString()).toBe('2026-03-16T00:00:00.000Z');
    expect(termOf(at('2025-03-15'), at('2026-03-15'))).toBe('SHORT');
    expect(termOf(at('2025-03-15'), at('2026-03-16'))).toBe('LONG');
  });

  it('labels realized gains the same way', () => {
    expect(figures(saleHeldFrom('2025-03-15', '2026-03-15'), ['acquiredAt', 'disposedAt', 'term'])).toEqual({
      acquiredAt: '2025-03-15',
      disposedAt: '2026-03-15',
      term: 'SHORT',
    });
    expect(saleHeldFrom('2025-03-15', '2026-03-16').term).toBe('LONG');
  });

  it('treats Feb 28 as the anniversary of a Feb 29 purchase, so it is long-term from Mar 1', () => {
    expect(longTermAt(at('2024-02-29')).toISOString()).toBe('2025-03-01T00:00:00.000Z');
    expect(termOf(at('2024-02-29'), at('2025-02-28'))).toBe('SHORT');
    expect(termOf(at('2024-02-29'), at('2025-03-01'))).toBe('LONG');
    expect(saleHeldFrom('2024-02-29', '2025-03-01').term).toBe('LONG');
  });

  it('counts a Feb 28 purchase in a leap year to the next Feb 28', () => {
    expect(longTermAt(at('2023-02-28')).toISOString()).toBe('2024-02-29T00:00:00.000Z');
    expect(termOf(at('2023-02-28'), at('2024-02-28'))).toBe('SHORT');
    expect(termOf(at('2023-02-28'), at('2024-02-29'))).toBe('LONG');
  });

  it('rolls over a year end', () => {
    expect(longTermAt(at('2024-12-31')).toISOString()).toBe('2026-01-01T00:00:00.000Z');
  });

  it('counts calendar dates in UTC, whatever the time of day', () => {
    expect(termOf(new Date('2025-03-15T23:59:59Z'), new Date('2026-03-16T00:00:00Z'))).toBe('LONG');
    expect(termOf(new Date('2025-03-15T00:00:00Z'), new Date('2026-03-15T23:59:59Z'))).toBe('SHORT');
    // 2025-03-15 at 20:00 in New York is already the 16th in UTC, so the 2026-03-16 sale is not long-term yet.
    expect(termOf(new Date('2025-03-15T20:00:00-04:00'), new Date('2026-03-16T12:00:00Z'))).toBe('SHORT');
  });

  it('counts a transferred holding from its original acquisition date', () => {
    const world = new LedgerWorld({ main: 'FIFO' });
    world.transferIn('main', '2025-06-01', 'ACME', '1', '80', '2024-06-01');
    world.sell('main', '2025-06-10', 'ACME', '1', '90');
    expect(world.portfolio('main').realizedGains[0].term).toBe('LONG');
  });
});
