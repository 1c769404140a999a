import { Big } from '../../common/decimal/decimal';
import { replayLedger } from './ledger';
import { at, d, LedgerWorld } from './ledger.fixtures';

function fundedWithLot(method: 'FIFO' | 'SPECIFIC_ID' = 'SPECIFIC_ID') {
  const world = new LedgerWorld({ main: method, other: 'SPECIFIC_ID' });
  world.deposit('main', '2025-01-02', '1000');
  world.deposit('other', '2025-01-02', '1000');
  const lot = world.buy('main', '2025-01-03', 'ACME', '10', '10');
  const otherLot = world.buy('other', '2025-01-03', 'ACME', '10', '10');
  return { world, lot, otherLot };
}

describe('ledger violations', () => {
  describe('holdings', () => {
    it('refuses a SELL of more than is held', () => {
      const { world } = fundedWithLot('FIFO');
      const sale = world.sell('main', '2025-02-03', 'ACME', '15', '12');
      expect(world.violation()).toEqual({
        transactionId: sale,
        code: 'INSUFFICIENT_QUANTITY',
        message: 'Selling 15 ACME on 2025-02-03 needs that many held in portfolio main, but only 10 are held then.',
      });
    });

    it('refuses a backdated SELL that comes before the BUY it would need', () => {
      const world = new LedgerWorld({ main: 'FIFO' });
      world.deposit('main', '2025-01-02', '1000');
      world.buy('main', '2025-01-10', 'ACME', '10', '10');
      const backdated = world.sell('main', '2025-01-05', 'ACME', '5', '12');
      expect(world.violation()).toMatchObject({ transactionId: backdated, code: 'INSUFFICIENT_QUANTITY' });
    });

    it('does not let one portfolio sell what another holds', () => {
      const world = new LedgerWorld({ main: 'FIFO', other: 'FIFO' });
      world.deposit('other', '2025-01-02', '1000');
      world.buy('other', '2025-01-03', 'ACME', '10', '10');
      const sale = world.sell('main', '2025-02-03', 'ACME', '1', '12');
      expect(world.violation()).toMatchObject({ transactionId: sale, code: 'INSUFFICIENT_QUANTITY' });
    });
  });

  describe('cash', () => {
    it('refuses a WITHDRAWAL of more than the cash held', () => {
      const world = new LedgerWorld({ main: 'FIFO' });
      world.deposit('main', '2025-01-02', '100.00');
      const withdrawal = world.withdraw('main', '2025-01-03', '100.01');
      expect(world.violation()).toEqual({
        transactionId: withdrawal,
        code: 'INSUFFICIENT_CASH',
        message: 'A WITHDRAWAL of 100.01 needs more cash than portfolio main holds on 2025-01-03, which is 100.',
      });
    });

    it('refuses a FEE of more than the cash held', () => {
      const world = new LedgerWorld({ main: 'FIFO' });
      world.deposit('main', '2025-01-02', '5');
      const fee = world.fee('main', '2025-01-03', '5.50');
      expect(world.violation()).toMatchObject({ transactionId: fee, code: 'INSUFFICIENT_CASH' });
    });

    it('refuses a BUY whose fee takes it past the cash held', () => {
      const world = new LedgerWorld({ main: 'FIFO' });
      world.deposit('main', '2025-01-02', '100');
      const buy = world.buy('main', '2025-01-03', 'ACME', '10', '10', '0.01');
      expect(world.violation()).toEqual({
        transactionId: buy,
        code: 'INSUFFICIENT_CASH',
        message: 'Buying 10 ACME at 10 (100.01 with the fee) needs more cash than portfolio main holds on 2025-01-03, which is 100.',
      });
    });

    it('lets a BUY spend the cash to the last cent', () => {
      const world = new LedgerWorld({ main: 'FIFO' });
      world.deposit('main', '2025-01-02', '100.01');
      world.buy('main', '2025-01-03', 'ACME', '10', '10', '0.01');
      expect(world.portfolio('main').cash.toFixed()).toBe('0');
    });

    it('refuses a WITHDRAWAL dated before the DEPOSIT that would fund it', () => {
      const world = new LedgerWorld({ main: 'FIFO' });
      const withdrawal = world.withdraw('main', '2025-01-01', '10');
      world.deposit('main', '2025-01-02', '100');
      expect(world.violation()).toMatchObject({ transactionId: withdrawal, code: 'INSUFFICIENT_CASH' });
    });
  });

  describe('specific identification', () => {
    it('refuses a lot that does not exist', () => {
      const { world } = fundedWithLot();
      const sale = world.sell('main', '2025-02-03', 'ACME', '5', '12', { lots: [['00000000-0000-4000-8000-0000000000ff', '5']] });
      expect(world.violation()).toEqual({
        transactionId: sale,
        code: 'UNKNOWN_LOT',
        message: 'Lot 00000000-0000-4000-8000-0000000000ff is not an open ACME lot of portfolio main on 2025-02-03.',
      });
    });

    it('refuses another portfolio’s lot', () => {
      const { world, otherLot } = fundedWithLot();
      const sale = world.sell('main', '2025-02-03', 'ACME', '5', '12', { lots: [[otherLot, '5']] });
      expect(world.violation()).toMatchObject({ transactionId: sale, code: 'UNKNOWN_LOT' });
    });

    it('refuses a lot of another asset', () => {
      const { world, lot } = fundedWithLot();
      world.buy('main', '2025-01-04', 'BETA', '10', '10');
      const sale = world.sell('main', '2025-02-03', 'BETA', '5', '12', { lots: [[lot, '5']] });
      expect(world.violation()).toMatchObject({ transactionId: sale, code: 'UNKNOWN_LOT' });
    });

    it('refuses a lot that was already sold out', () => {
      const { world, lot } = fundedWithLot();
      world.buy('main', '2025-01-04', 'ACME', '10', '10');
      world.sell('main', '2025-02-03', 'ACME', '10', '12', { lots: [[lot, '10']] });
      const again = world.sell('main', '2025-02-04', 'ACME', '1', '12', { lots: [[lot, '1']] });
      expect(world.violation()).toMatchObject({ transactionId: again, code: 'UNKNOWN_LOT' });
    });

    it('refuses to take more from a lot than it holds', () => {
      const { world, lot } = fundedWithLot();
      const second = world.buy('main', '2025-01-04', 'ACME', '10', '10');
      const sale = world.sell('main', '2025-02-03', 'ACME', '12', '12', {
        lots: [
          [lot, '11'],
          [second, '1'],
        ],
      });
      expect(world.violation()).toEqual({
        transactionId: sale,
        code: 'LOT_OVERDRAWN',
        message: `Lot ${lot} holds only 10 ACME, so 11 cannot be sold from it.`,
      });
    });

    it('refuses lots that do not add up to the SELL quantity', () => {
      const { world, lot } = fundedWithLot();
      const sale = world.sell('main', '2025-02-03', 'ACME', '5', '12', { lots: [[lot, '4']] });
      expect(world.violation()).toEqual({
        transactionId: sale,
        code: 'LOT_OVERDRAWN',
        message: 'The lots named add up to 4 ACME, but the SELL is for 5.',
      });
    });

    it('refuses a lot named twice', () => {
      const { world, lot } = fundedWithLot();
      const sale = world.sell('main', '2025-02-03', 'ACME', '4', '12', {
        lots: [
          [lot, '2'],
          [lot, '2'],
        ],
      });
      expect(world.violation()).toMatchObject({ transactionId: sale, code: 'INVALID_TRANSACTION', message: `The SELL names lot ${lot} twice.` });
    });

    it('requires lots for a SELL in a SPECIFIC_ID portfolio', () => {
      const { world } = fundedWithLot();
      const sale = world.sell('main', '2025-02-03', 'ACME', '5', '12');
      expect(world.violation()).toMatchObject({ transactionId: sale, code: 'LOTS_REQUIRED' });
    });

    it('honours lots named by a SELL in a FIFO portfolio over the FIFO order, and still checks them', () => {
      const { world } = fundedWithLot('FIFO');
      const newer = world.buy('main', '2025-01-10', 'ACME', '5', '11');
      world.sell('main', '2025-02-03', 'ACME', '5', '12', { lots: [[newer, '5']] });
      expect(world.portfolio('main').realizedGains.map((gain) => [gain.lotId, gain.quantity.toFixed()])).toEqual([[newer, '5']]);
      const { world: other, lot } = fundedWithLot('FIFO');
      const sale = other.sell('main', '2025-02-03', 'ACME', '5', '12', { lots: [[lot, '4']] });
      expect(other.violation()).toMatchObject({ transactionId: sale, code: 'LOT_OVERDRAWN' });
    });
  });

  describe('malformed transactions', () => {
    it.each([
      ['an unknown portfolio', { type: 'DEPOSIT', portfolioId: 'elsewhere', amount: d('1') }],
      ['a DEPOSIT without an amount', { type: 'DEPOSIT', portfolioId: 'main' }],
      ['a negative DIVIDEND', { type: 'DIVIDEND', portfolioId: 'main', amount: d('-1') }],
      ['a BUY without a price', { type: 'BUY', portfolioId: 'main', assetId: 'ACME', quantity: d('1') }],
      ['a BUY of zero shares', { type: 'BUY', portfolioId: 'main', assetId: 'ACME', quantity: d('0'), price: d('1') }],
      ['a BUY with a negative fee', { type: 'BUY', portfolioId: 'main', assetId: 'ACME', quantity: d('1'), price: d('1'), fee: d('-0.01') }],
      ['a SELL without an asset', { type: 'SELL', portfolioId: 'main', quantity: d('1'), price: d('1') }],
      [
        'a TRANSFER_IN acquired after it arrived',
        { type: 'TRANSFER_IN', portfolioId: 'main', assetId: 'ACME', quantity: d('1'), costPerUnit: d('1'), acquiredAt: at('2025-06-01') },
      ],
      ['a TRANSFER_IN without a cost', { type: 'TRANSFER_IN', portfolioId: 'main', assetId: 'ACME', quantity: d('1'), acquiredAt: at('2024-06-01') }],
      ['lots on a BUY', { type: 'BUY', portfolioId: 'main', assetId: 'ACME', quantity: d('1'), price: d('1'), lots: [{ lotId: 'x', quantity: d('1') }] }],
      ['an unknown type', { type: 'SPLIT', portfolioId: 'main' }],
    ])('refuses %s', (_what, fields) => {
      const world = new LedgerWorld({ main: 'FIFO' });
      world.deposit('main', '2025-01-02', '100');
      const bad = world.add({ executedAt: at('2025-01-03'), ...(fields as object) } as Parameters<LedgerWorld['add']>[0]);
      expect(world.violation()).toMatchObject({ transactionId: bad, code: 'INVALID_TRANSACTION' });
    });

    it('refuses a SELL whose fee is more than it brings in', () => {
      const { world } = fundedWithLot('FIFO');
      const sale = world.sell('main', '2025-02-03', 'ACME', '1', '2', { fee: '2.01' });
      expect(world.violation()).toEqual({
        transactionId: sale,
        code: 'INVALID_TRANSACTION',
        message: 'Selling 1 ACME at 2 brings in 2, less than its fee of 2.01.',
      });
    });

    it('refuses a second transaction with the same id', () => {
      const world = new LedgerWorld({ main: 'FIFO' });
      const id = world.deposit('main', '2025-01-02', '100');
      world.add({ id, type: 'DEPOSIT', portfolioId: 'main', executedAt: at('2025-01-03'), amount: d('1') });
      expect(world.violation()).toMatchObject({ transactionId: id, code: 'INVALID_TRANSACTION' });
    });

    it('refuses a transaction without a valid time before judging anything else', () => {
      const world = new LedgerWorld({ main: 'FIFO' });
      world.withdraw('main', '2025-01-02', '100');
      const timeless = world.add({ type: 'DEPOSIT', portfolioId: 'main', executedAt: new Date('not a date'), amount: d('1') });
      expect(world.violation()).toMatchObject({ transactionId: timeless, code: 'INVALID_TRANSACTION' });
    });
  });

  it('reports the earliest violation in time, not the first in the input', () => {
    const world = new LedgerWorld({ main: 'FIFO' });
    world.withdraw('main', '2025-03-01', '50');
    const earlier = world.sell('main', '2025-02-01', 'ACME', '1', '1');
    const result = replayLedger([{ id: 'main', lotMethod: 'FIFO' }], world.transactions);
    expect(result).toMatchObject({ ok: false, violation: { transactionId: earlier, code: 'INSUFFICIENT_QUANTITY' } });
  });

  it('returns every portfolio passed in, even one without transactions', () => {
    const result = replayLedger([{ id: 'empty', lotMethod: 'HIFO' }], []);
    expect(result).toEqual({
      ok: true,
      portfolios: new Map([['empty', { portfolioId: 'empty', cash: new Big(0), lots: [], realizedGains: [] }]]),
      washSaleLots: [],
      unreplacedLosses: [],
    });
  });
});
