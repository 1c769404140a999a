import { givenWhatIf, holding, readableFills, readableHoldings, succeeded, trade } from './rebalancing.fixtures';
import { simulateWhatIf } from './what-if';

describe('what-if: units for a value are cut down to 8 places, and selling everything leaves no dust', () => {
  it('buys 100 at 3 as 33.33333333 units for 99.99999999, never more than asked', () => {
    const world = { holdings: [holding('x', 'stock', '1', '3')], cash: '100' };

    const result = succeeded(simulateWhatIf(givenWhatIf(world, [trade('BUY', { assetId: 'x' }, { value: '100' })])));

    expect(readableFills(result.fills)).toEqual([
      { tradeIndex: 0, assetId: 'x', assetType: 'stock', action: 'BUY', quantity: '33.33333333', value: '99.99999999' },
    ]);
    expect(result.cashAfter.toFixed()).toBe('0.00000001');
  });

  it('sells 10 at 3 as 3.33333333 units, then the 20.00000001 left as every unit', () => {
    const world = { holdings: [holding('x', 'stock', '10', '3')], cash: '0' };
    const trades = [trade('SELL', { assetId: 'x' }, { value: '10' }), trade('SELL', { assetId: 'x' }, { value: '20.00000001' })];

    const result = succeeded(simulateWhatIf(givenWhatIf(world, trades)));

    expect(readableFills(result.fills).map((fill) => [fill.quantity, fill.value])).toEqual([
      ['3.33333333', '9.99999999'],
      ['6.66666667', '20.00000001'],
    ]);
    expect(result.holdingsAfter).toEqual([]);
    expect(result.cashAfter.toFixed()).toBe('30');
  });

  it('rounds a quotient that big.js would round up at 20 places down all the same', () => {
    // 0.99999999999999999999999 / 1 has 23 nines; rounded at 20 places it would be 1, but the cut is 0.99999999.
    const world = { holdings: [holding('x', 'stock', '0', '1')], cash: '1' };

    const result = succeeded(simulateWhatIf(givenWhatIf(world, [trade('BUY', { assetId: 'x' }, { value: '0.99999999999999999999999' })])));

    expect(result.fills[0].quantity?.toFixed()).toBe('0.99999999');
  });

  it('sells a whole class without dust where a 10-place share falls short of a holding’s value', () => {
    // A is worth 0.1234567812345678; its 10-place share, 0.1234567812, would buy back only 0.12345677 units.
    const world = { holdings: [holding('a', 'stock', '0.12345678', '1.00000001'), holding('b', 'stock', '1', '1')], cash: '0' };

    const result = succeeded(simulateWhatIf(givenWhatIf(world, [trade('SELL', { assetType: 'stock' }, { value: '1.1234567812345678' })])));

    expect(readableFills(result.fills).map((fill) => [fill.assetId, fill.quantity, fill.value])).toEqual([
      ['a', '0.12345678', '0.1234567812345678'],
      ['b', '1', '1'],
    ]);
    expect(readableHoldings(result.holdingsAfter)).toEqual([]);
    expect(result.cashAfter.toFixed()).toBe('1.1234567812345678');
  });
});
