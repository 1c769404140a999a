import { computeDrift } from './drift';
import { givenTargets, givenValues, readableDrift } from './rebalancing.fixtures';

describe('drift of a portfolio worth nothing', () => {
  it('is EMPTY, with every targeted class at 0 and no alarm', () => {
    const report = computeDrift([], givenTargets({ stock: '50', bond: '40', cash: '10' }));

    expect(readableDrift(report)).toEqual({
      totalValue: '0',
      status: 'EMPTY',
      totalDrift: '0',
      items: [
        {
          assetType: 'bond',
          currentValue: '0',
          currentPercentage: '0',
          targetPercentage: '40',
          tolerancePercentage: '5',
          driftPercentage: '0',
          driftLevel: 'WITHIN_TOLERANCE',
        },
        {
          assetType: 'cash',
          currentValue: '0',
          currentPercentage: '0',
          targetPercentage: '10',
          tolerancePercentage: '5',
          driftPercentage: '0',
          driftLevel: 'WITHIN_TOLERANCE',
        },
        {
          assetType: 'stock',
          currentValue: '0',
          currentPercentage: '0',
          targetPercentage: '50',
          tolerancePercentage: '5',
          driftPercentage: '0',
          driftLevel: 'WITHIN_TOLERANCE',
        },
      ],
    });
  });

  it('is EMPTY with zero-valued holdings and no targets at all, listing nothing', () => {
    const report = computeDrift(givenValues({ stock: '0', cash: '0' }), []);

    expect(readableDrift(report)).toEqual({ totalValue: '0', status: 'EMPTY', totalDrift: '0', items: [] });
  });

  it('refuses a negative total, which would turn the cross-multiplied levels around', () => {
    expect(() => computeDrift(givenValues({ stock: '100', cash: '-101' }), [])).toThrow('cannot be negative');
  });
});
