import { computeDrift } from './drift';
import { givenTargets, givenWhatIf, holding, readableFills, readableHoldings, succeeded, trade } from './rebalancing.fixtures';
import { classValues, simulateWhatIf } from './what-if';

const world = {
  holdings: [holding('vti', 'stock', '240', '250'), holding('bndx', 'bond', '200', '50'), holding('bnd', 'bond', '250', '80')],
  cash: '10000',
  catalogue: { agg: { assetType: 'bond', price: '100' } },
};

describe('what-if: where a class-level BUY goes', () => {
  it('goes to the preferred asset, even one not held yet', () => {
    const input = givenWhatIf({ ...world, preferred: { bond: 'agg' } }, [trade('BUY', { assetType: 'bond' }, { value: '5000' })]);

    const result = succeeded(simulateWhatIf(input));

    expect(readableFills(result.fills)).toEqual([{ tradeIndex: 0, assetId: 'agg', assetType: 'bond', action: 'BUY', quantity: '50', value: '5000' }]);
    expect(readableHoldings(result.holdingsAfter).at(-1)).toEqual({ assetId: 'agg', assetType: 'bond', quantity: '50', price: '100' });
  });

  it('goes to the largest holding of the class by value without a preferred asset', () => {
    // BND is worth 20,000, BNDX 10,000, though BNDX comes first and has fewer units.
    const result = succeeded(simulateWhatIf(givenWhatIf(world, [trade('BUY', { assetType: 'bond' }, { value: '4000' })])));

    expect(readableFills(result.fills)).toEqual([{ tradeIndex: 0, assetId: 'bnd', assetType: 'bond', action: 'BUY', quantity: '50', value: '4000' }]);
  });

  it('takes the first of equally large holdings', () => {
    const even = { holdings: [holding('b1', 'bond', '100', '10'), holding('b2', 'bond', '10', '100')], cash: '100' };

    const result = succeeded(simulateWhatIf(givenWhatIf(even, [trade('BUY', { assetType: 'bond' }, { value: '100' })])));

    expect(result.fills[0].assetId).toBe('b1');
  });

  it('stays class-level, with a warning, when no asset of the class is preferred or held, and still counts toward the class', () => {
    const trades = [trade('BUY', { assetType: 'reit' }, { value: '3000' }), trade('BUY', { assetType: 'reit' }, { value: '2000' })];

    const result = succeeded(simulateWhatIf(givenWhatIf(world, trades)));

    expect(readableFills(result.fills)).toEqual([
      { tradeIndex: 0, assetId: null, assetType: 'reit', action: 'BUY', quantity: null, value: '3000' },
      { tradeIndex: 1, assetId: null, assetType: 'reit', action: 'BUY', quantity: null, value: '2000' },
    ]);
    expect(readableHoldings(result.holdingsAfter).at(-1)).toEqual({ assetId: 'class:reit', assetType: 'reit', quantity: '5000', price: '1' });
    expect(result.warnings).toEqual([
      'trades[0]: no reit asset is preferred or held, so 3000 is counted as reit without an asset.',
      'trades[1]: no reit asset is preferred or held, so 2000 is counted as reit without an asset.',
    ]);
    expect(result.cashAfter.toFixed()).toBe('5000');

    const reit = computeDrift(classValues(result.holdingsAfter, result.cashAfter), givenTargets({ stock: '60', bond: '30', reit: '10' })).items.find(
      (item) => item.assetType === 'reit',
    );
    expect(reit?.currentValue.toFixed()).toBe('5000');
  });

  it('sells class-level value back in a class SELL, as a fill without an asset', () => {
    const trades = [trade('BUY', { assetType: 'reit' }, { value: '3000' }), trade('SELL', { assetType: 'reit' }, { value: '3000' })];

    const result = succeeded(simulateWhatIf(givenWhatIf(world, trades)));

    expect(readableFills(result.fills)[1]).toEqual({ tradeIndex: 1, assetId: null, assetType: 'reit', action: 'SELL', quantity: null, value: '3000' });
    expect(readableHoldings(result.holdingsAfter).map((h) => h.assetId)).toEqual(['vti', 'bndx', 'bnd']);
  });

  it('buys an asset named by id that is not held yet, in its catalogue class', () => {
    const result = succeeded(simulateWhatIf(givenWhatIf(world, [trade('BUY', { assetId: 'agg' }, { quantity: '2.5' })])));

    expect(readableFills(result.fills)).toEqual([{ tradeIndex: 0, assetId: 'agg', assetType: 'bond', action: 'BUY', quantity: '2.5', value: '250' }]);
    expect(result.cashAfter.toFixed()).toBe('9750');
  });
});
