import { computeDrift } from './drift';
import { givenTargets, givenWhatIf, holding, readableDrift, readableFills, readableHoldings, succeeded, trade } from './rebalancing.fixtures';
import { classValues, simulateWhatIf } from './what-if';

const world = {
  holdings: [holding('vti', 'stock', '240', '250'), holding('bnd', 'bond', '375', '80')],
  cash: '10000',
};
const targets = givenTargets({ stock: '50', bond: '40', cash: '10' });

describe('what-if: selling 10,000 of stock to buy 10,000 of bond', () => {
  it('turns 60/30/10 into 50/40/10, within tolerance, without touching the holdings passed in', () => {
    const input = givenWhatIf(world, [trade('SELL', { assetType: 'stock' }, { value: '10000' }), trade('BUY', { assetType: 'bond' }, { value: '10000' })]);

    const result = succeeded(simulateWhatIf(input));

    expect(readableFills(result.fills)).toEqual([
      { tradeIndex: 0, assetId: 'vti', assetType: 'stock', action: 'SELL', quantity: '40', value: '10000' },
      { tradeIndex: 1, assetId: 'bnd', assetType: 'bond', action: 'BUY', quantity: '125', value: '10000' },
    ]);
    expect(readableHoldings(result.holdingsAfter)).toEqual([
      { assetId: 'vti', assetType: 'stock', quantity: '200', price: '250' },
      { assetId: 'bnd', assetType: 'bond', quantity: '500', price: '80' },
    ]);
    expect(result.cashAfter.toFixed()).toBe('10000');
    expect(result.warnings).toEqual([]);

    expect(readableDrift(computeDrift(classValues(input.holdings, input.cash), targets)).status).toBe('WARNING');
    expect(readableDrift(computeDrift(classValues(result.holdingsAfter, result.cashAfter), targets))).toEqual({
      totalValue: '100000',
      status: 'WITHIN_TOLERANCE',
      totalDrift: '0',
      items: [
        {
          assetType: 'bond',
          currentValue: '40000',
          currentPercentage: '40',
          targetPercentage: '40',
          tolerancePercentage: '5',
          driftPercentage: '0',
          driftLevel: 'WITHIN_TOLERANCE',
        },
        {
          assetType: 'cash',
          currentValue: '10000',
          currentPercentage: '10',
          targetPercentage: '10',
          tolerancePercentage: '5',
          driftPercentage: '0',
          driftLevel: 'WITHIN_TOLERANCE',
        },
        {
          assetType: 'stock',
          currentValue: '50000',
          currentPercentage: '50',
          targetPercentage: '50',
          tolerancePercentage: '5',
          driftPercentage: '0',
          driftLevel: 'WITHIN_TOLERANCE',
        },
      ],
    });
    expect(readableHoldings(input.holdings)).toEqual([
      { assetId: 'vti', assetType: 'stock', quantity: '240', price: '250' },
      { assetId: 'bnd', assetType: 'bond', quantity: '375', price: '80' },
    ]);
  });

  it('does the same by asset and by quantity', () => {
    const input = givenWhatIf(world, [trade('SELL', { assetId: 'vti' }, { quantity: '40' }), trade('BUY', { assetId: 'bnd' }, { quantity: '125' })]);

    const result = succeeded(simulateWhatIf(input));

    expect(readableHoldings(result.holdingsAfter).map((h) => h.quantity)).toEqual(['200', '500']);
    expect(result.cashAfter.toFixed()).toBe('10000');
  });

  it('shows the portfolio as it is for an empty trade list', () => {
    const result = succeeded(simulateWhatIf(givenWhatIf(world, [])));

    expect(readableHoldings(result.holdingsAfter)).toEqual(readableHoldings(world.holdings));
    expect(result.cashAfter.toFixed()).toBe('10000');
    expect(result.fills).toEqual([]);
  });

  it('applies a deposit before the trades, so a trade can spend it', () => {
    const input = givenWhatIf({ ...world, cashFlow: '8000' }, [trade('BUY', { assetId: 'bnd' }, { value: '18000' })]);

    const result = succeeded(simulateWhatIf(input));

    expect(result.cashAfter.toFixed()).toBe('0');
    expect(result.warnings).toEqual([]);
    expect(readableHoldings(result.holdingsAfter)[1].quantity).toBe('600');
  });
});
