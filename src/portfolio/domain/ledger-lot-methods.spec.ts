import { Big, toDecimalString } from '../../common/decimal/decimal';
import { deriveId, type LotMethod, type RealizedGain } from './ledger';
import { figures, LedgerWorld } from './ledger.fixtures';

const ROW = ['lotId', 'quantity', 'proceeds', 'costBasis', 'gain', 'washSaleDisallowed', 'term'] as const satisfies (keyof RealizedGain)[];

/**
 * One history for every method: three lots of 10 ACME at prices binary floats cannot hold
 * (10.10 + 30.30 + 20.20 is 60.599999999999994 in doubles), each with a 1.00 fee, then one
 * SELL of 15 at 25.25 with a 1.00 fee that has to reach into two lots.
 *
 *   lot A 2025-01-03  10 × 10.10 + 1.00 = 102.00  (10.20 a share)
 *   lot B 2025-01-06  10 × 30.30 + 1.00 = 304.00  (30.40 a share)
 *   lot C 2025-01-08  10 × 20.20 + 1.00 = 203.00  (20.30 a share)
 *   SELL  2025-06-02  15 × 25.25 = 378.75, less 1.00 = 377.75
 *
 * The fee splits by quantity: a 10-share row carries 1.00 × 10/15 = 0.6666666667 (10 places,
 * half-even) and the 5-share row the exact rest, 0.3333333333. So a 10-share row has proceeds
 * 252.50 − 0.6666666667 = 251.8333333333 and a 5-share row 126.25 − 0.3333333333 = 125.9166666667.
 * No purchase lies within 30 days of the sale, so no loss is a wash sale.
 */
function spanningSale(method: LotMethod) {
  const world = new LedgerWorld({ main: method });
  world.deposit('main', '2025-01-02', '1000.00');
  const a = world.buy('main', '2025-01-03', 'ACME', '10', '10.10', '1.00');
  const b = world.buy('main', '2025-01-06', 'ACME', '10', '30.30', '1.00');
  const c = world.buy('main', '2025-01-08', 'ACME', '10', '20.20', '1.00');
  const lots =
    method === 'SPECIFIC_ID'
      ? ([
          [c, '5'],
          [a, '10'],
        ] as [string, string][])
      : undefined;
  const sale = world.sell('main', '2025-06-02', 'ACME', '15', '25.25', { fee: '1.00', lots });
  return { state: world.portfolio('main'), a, b, c, sale };
}

function total(values: Big[]): string {
  return toDecimalString(values.reduce((sum, value) => sum.plus(value), new Big(0)));
}

describe('lot relief methods on the same history', () => {
  it('FIFO sells the oldest lots first: all of A, then 5 of B', () => {
    const { state, a, b, c } = spanningSale('FIFO');
    // A: 251.8333333333 − 102.00 = 149.8333333333; B: half its basis, 152.00, so 125.9166666667 − 152.00 = −26.0833333333.
    expect(state.realizedGains.map((row) => figures(row, ROW))).toEqual([
      { lotId: a, quantity: '10', proceeds: '251.8333333333', costBasis: '102', gain: '149.8333333333', washSaleDisallowed: '0', term: 'SHORT' },
      { lotId: b, quantity: '5', proceeds: '125.9166666667', costBasis: '152', gain: '-26.0833333333', washSaleDisallowed: '0', term: 'SHORT' },
    ]);
    // 377.75 − (102.00 + 152.00)
    expect(total(state.realizedGains.map((row) => row.gain))).toBe('123.75');
    expect(state.lots.map((lot) => figures(lot, ['id', 'quantity', 'costBasis']))).toEqual([
      { id: b, quantity: '5', costBasis: '152' },
      { id: c, quantity: '10', costBasis: '203' },
    ]);
    // 1000.00 − 102.00 − 304.00 − 203.00 + 377.75
    expect(toDecimalString(state.cash)).toBe('768.75');
  });

  it('LIFO sells the newest lots first: all of C, then 5 of B', () => {
    const { state, a, b, c } = spanningSale('LIFO');
    // C: 251.8333333333 − 203.00 = 48.8333333333; B as under FIFO.
    expect(state.realizedGains.map((row) => figures(row, ROW))).toEqual([
      { lotId: c, quantity: '10', proceeds: '251.8333333333', costBasis: '203', gain: '48.8333333333', washSaleDisallowed: '0', term: 'SHORT' },
      { lotId: b, quantity: '5', proceeds: '125.9166666667', costBasis: '152', gain: '-26.0833333333', washSaleDisallowed: '0', term: 'SHORT' },
    ]);
    // 377.75 − (203.00 + 152.00)
    expect(total(state.realizedGains.map((row) => row.gain))).toBe('22.75');
    expect(state.lots.map((lot) => figures(lot, ['id', 'quantity', 'costBasis']))).toEqual([
      { id: a, quantity: '10', costBasis: '102' },
      { id: b, quantity: '5', costBasis: '152' },
    ]);
  });

  it('HIFO sells the dearest shares first: all of B (30.40), then 5 of C (20.30)', () => {
    const { state, a, b, c } = spanningSale('HIFO');
    // B: 251.8333333333 − 304.00 = −52.1666666667; C: 125.9166666667 − 101.50 = 24.4166666667.
    expect(state.realizedGains.map((row) => figures(row, ROW))).toEqual([
      { lotId: b, quantity: '10', proceeds: '251.8333333333', costBasis: '304', gain: '-52.1666666667', washSaleDisallowed: '0', term: 'SHORT' },
      { lotId: c, quantity: '5', proceeds: '125.9166666667', costBasis: '101.5', gain: '24.4166666667', washSaleDisallowed: '0', term: 'SHORT' },
    ]);
    // 377.75 − (304.00 + 101.50)
    expect(total(state.realizedGains.map((row) => row.gain))).toBe('-27.75');
    expect(state.lots.map((lot) => figures(lot, ['id', 'quantity', 'costBasis']))).toEqual([
      { id: a, quantity: '10', costBasis: '102' },
      { id: c, quantity: '5', costBasis: '101.5' },
    ]);
  });

  it('SPECIFIC_ID sells exactly the named lots, in the order named: 5 of C, then all of A', () => {
    const { state, a, b, c } = spanningSale('SPECIFIC_ID');
    // The first-named row now has 5 shares, so it carries 0.3333333333 of the fee and A the rest, 0.6666666667.
    expect(state.realizedGains.map((row) => figures(row, ROW))).toEqual([
      { lotId: c, quantity: '5', proceeds: '125.9166666667', costBasis: '101.5', gain: '24.4166666667', washSaleDisallowed: '0', term: 'SHORT' },
      { lotId: a, quantity: '10', proceeds: '251.8333333333', costBasis: '102', gain: '149.8333333333', washSaleDisallowed: '0', term: 'SHORT' },
    ]);
    // 377.75 − (101.50 + 102.00)
    expect(total(state.realizedGains.map((row) => row.gain))).toBe('174.25');
    expect(state.lots.map((lot) => figures(lot, ['id', 'quantity', 'costBasis']))).toEqual([
      { id: b, quantity: '10', costBasis: '304' },
      { id: c, quantity: '5', costBasis: '101.5' },
    ]);
  });

  it.each<LotMethod>(['FIFO', 'LIFO', 'HIFO', 'SPECIFIC_ID'])(
    '%s rows add up to exactly 15 × 25.25 − 1.00 of proceeds, each row id derived from sale and lot',
    (method) => {
      const { state, sale } = spanningSale(method);
      expect(total(state.realizedGains.map((row) => row.proceeds))).toBe('377.75');
      expect(state.realizedGains.map((row) => row.id)).toEqual(state.realizedGains.map((row) => deriveId(sale, row.lotId)));
    },
  );
});

describe('exact basis over partial sales', () => {
  it('relieves 100.00 of basis from 3 shares as 33.3333333333, 33.3333333334 and the exact rest', () => {
    const world = new LedgerWorld({ main: 'FIFO' });
    world.deposit('main', '2025-01-02', '100.00');
    const lot = world.buy('main', '2025-01-03', 'ACME', '3', '33', '1.00');
    world.sell('main', '2025-02-03', 'ACME', '1', '40');
    const afterOne = world.portfolio('main').lots[0];
    world.sell('main', '2025-03-03', 'ACME', '1', '40');
    const afterTwo = world.portfolio('main').lots[0];
    world.sell('main', '2025-04-03', 'ACME', '1', '40');
    const state = world.portfolio('main');

    // 100.00 × 1/3 rounds to 33.3333333333, leaving 66.6666666667 on 2 shares; half of that is
    // 33.33333333335, a tie that half-even rounds to 33.3333333334; the last share takes the exact rest.
    expect(state.realizedGains.map((row) => toDecimalString(row.costBasis))).toEqual(['33.3333333333', '33.3333333334', '33.3333333333']);
    expect(figures(afterOne, ['id', 'quantity', 'costBasis'])).toEqual({ id: lot, quantity: '2', costBasis: '66.6666666667' });
    expect(figures(afterTwo, ['quantity', 'costBasis'])).toEqual({ quantity: '1', costBasis: '33.3333333333' });
    expect(state.lots).toEqual([]);
    expect(total(state.realizedGains.map((row) => row.costBasis))).toBe('100');
  });
});

describe('lot order ties', () => {
  it('breaks equal execution times by sequence, whatever order the transactions arrive in', () => {
    const world = new LedgerWorld({ main: 'FIFO' });
    world.deposit('main', '2025-01-02', '1000');
    const first = world.buy('main', '2025-01-03T10:00:00Z', 'ACME', '1', '100');
    const second = world.buy('main', '2025-01-03T10:00:00Z', 'ACME', '1', '200');
    world.sell('main', '2025-02-03', 'ACME', '1', '300');

    const state = world.replay([...world.transactions].reverse()).get('main');
    expect(state?.realizedGains.map((row) => row.lotId)).toEqual([first]);
    expect(state?.lots.map((lot) => lot.id)).toEqual([second]);
  });

  it('places a TRANSFER_IN by its original acquisition date, so FIFO sells it before later purchases', () => {
    const world = new LedgerWorld({ main: 'FIFO' });
    world.deposit('main', '2025-01-02', '1000');
    world.buy('main', '2025-01-03', 'ACME', '5', '100');
    const inherited = world.transferIn('main', '2025-03-01', 'ACME', '5', '20', '2019-06-30');
    world.sell('main', '2025-04-01', 'ACME', '5', '120');

    const [row] = world.portfolio('main').realizedGains;
    // 5 × 120 − 5 × 20, held since 2019.
    expect(figures(row, ['lotId', 'gain', 'acquiredAt', 'term'])).toEqual({ lotId: inherited, gain: '500', acquiredAt: '2019-06-30', term: 'LONG' });
  });

  it('breaks HIFO ties of cost per unit by acquisition order', () => {
    const world = new LedgerWorld({ main: 'HIFO' });
    world.deposit('main', '2025-01-02', '1000');
    const older = world.buy('main', '2025-01-03', 'ACME', '2', '50');
    world.buy('main', '2025-01-04', 'ACME', '4', '50');
    world.sell('main', '2025-03-01', 'ACME', '2', '60');
    expect(world.portfolio('main').realizedGains.map((row) => row.lotId)).toEqual([older]);
  });
});
