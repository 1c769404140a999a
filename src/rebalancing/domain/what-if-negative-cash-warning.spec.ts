import { computeDrift } from './drift';
import { givenTargets, givenWhatIf, holding, readableDrift, succeeded, trade } from './rebalancing.fixtures';
import { classValues, simulateWhatIf } from './what-if';

const world = {
  holdings: [holding('vti', 'stock', '240', '250'), holding('bnd', 'bond', '375', '80')],
  cash: '10000',
};

describe('what-if: cash below zero is a warning, not an error', () => {
  it('warns about a BUY that spends more cash than there is, and still shows the drift after', () => {
    const result = succeeded(simulateWhatIf(givenWhatIf(world, [trade('BUY', { assetId: 'bnd' }, { value: '15000' })])));

    expect(result.cashAfter.toFixed()).toBe('-5000');
    expect(result.warnings).toEqual(['trades[0]: buying 15000 of bnd leaves cash at -5000.']);

    const after = readableDrift(computeDrift(classValues(result.holdingsAfter, result.cashAfter), givenTargets({ stock: '50', bond: '40', cash: '10' })));
    expect(after.totalValue).toBe('100000');
    expect(after.items.map((item) => [item.assetType, item.currentPercentage, item.driftLevel])).toEqual([
      ['bond', '45', 'WITHIN_TOLERANCE'],
      ['cash', '-5', 'CRITICAL'],
      ['stock', '60', 'WARNING'],
    ]);
  });

  it('warns about each BUY while cash is below zero, and not about a BUY a SELL before it has funded', () => {
    const trades = [
      trade('BUY', { assetId: 'bnd' }, { value: '12000' }),
      trade('SELL', { assetId: 'vti' }, { value: '20000' }),
      trade('BUY', { assetId: 'bnd' }, { value: '8000' }),
      trade('BUY', { assetId: 'bnd' }, { value: '16000' }),
    ];

    const result = succeeded(simulateWhatIf(givenWhatIf(world, trades)));

    expect(result.cashAfter.toFixed()).toBe('-6000');
    expect(result.warnings).toEqual(['trades[0]: buying 12000 of bnd leaves cash at -2000.', 'trades[3]: buying 16000 of bnd leaves cash at -6000.']);
  });

  it('warns about a withdrawal beyond cash only when the trades do not fund it', () => {
    const unfunded = succeeded(simulateWhatIf(givenWhatIf({ ...world, cashFlow: '-15000' }, [])));
    expect(unfunded.cashAfter.toFixed()).toBe('-5000');
    expect(unfunded.warnings).toEqual(['cashFlow: withdrawing 15000 leaves cash at -5000 after the trades.']);

    const funded = succeeded(simulateWhatIf(givenWhatIf({ ...world, cashFlow: '-15000' }, [trade('SELL', { assetType: 'stock' }, { value: '5000' })])));
    expect(funded.cashAfter.toFixed()).toBe('0');
    expect(funded.warnings).toEqual([]);
  });
});
