import { computeDrift } from './drift';
import { givenTargets, givenValues, readableDrift } from './rebalancing.fixtures';

const targets = givenTargets({ stock: '50', bond: '40', cash: '10' });

describe('drift of the 60/30/10 portfolio against 50/40/10 targets with a 5-point band', () => {
  it('puts stock and bond exactly on the 2 × band boundary, which is still a WARNING, and cash on target', () => {
    const report = computeDrift(givenValues({ stock: '60000', bond: '30000', cash: '10000' }), targets);

    expect(readableDrift(report)).toEqual({
      totalValue: '100000',
      status: 'WARNING',
      totalDrift: '10',
      items: [
        {
          assetType: 'bond',
          currentValue: '30000',
          currentPercentage: '30',
          targetPercentage: '40',
          tolerancePercentage: '5',
          driftPercentage: '-10',
          driftLevel: 'WARNING',
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
          currentValue: '60000',
          currentPercentage: '60',
          targetPercentage: '50',
          tolerancePercentage: '5',
          driftPercentage: '10',
          driftLevel: 'WARNING',
        },
      ],
    });
  });

  it('shows 1000 of crypto held without a target as overweight: target 0, band 0, so CRITICAL', () => {
    const report = computeDrift(givenValues({ stock: '60000', bond: '30000', cash: '10000', crypto: '1000' }), targets);

    // Percentages are value × 100 / 101000 rounded half-even at 20 places. Bond, now 10.297 points
    // under target, crosses 2 × band too.
    expect(readableDrift(report)).toEqual({
      totalValue: '101000',
      status: 'CRITICAL',
      totalDrift: '10.3960396039603960396',
      items: [
        {
          assetType: 'bond',
          currentValue: '30000',
          currentPercentage: '29.7029702970297029703',
          targetPercentage: '40',
          tolerancePercentage: '5',
          driftPercentage: '-10.2970297029702970297',
          driftLevel: 'CRITICAL',
        },
        {
          assetType: 'cash',
          currentValue: '10000',
          currentPercentage: '9.9009900990099009901',
          targetPercentage: '10',
          tolerancePercentage: '5',
          driftPercentage: '-0.0990099009900990099',
          driftLevel: 'WITHIN_TOLERANCE',
        },
        {
          assetType: 'crypto',
          currentValue: '1000',
          currentPercentage: '0.99009900990099009901',
          targetPercentage: '0',
          tolerancePercentage: '0',
          driftPercentage: '0.99009900990099009901',
          driftLevel: 'CRITICAL',
        },
        {
          assetType: 'stock',
          currentValue: '60000',
          currentPercentage: '59.40594059405940594059',
          targetPercentage: '50',
          tolerancePercentage: '5',
          driftPercentage: '9.40594059405940594059',
          driftLevel: 'WARNING',
        },
      ],
    });
  });

  it('reads one past the boundary as CRITICAL and one short of the band as WITHIN_TOLERANCE', () => {
    const past = computeDrift(givenValues({ stock: '60001', bond: '29999', cash: '10000' }), targets);
    expect(past.items.map((item) => [item.assetType, item.driftLevel])).toEqual([
      ['bond', 'CRITICAL'],
      ['cash', 'WITHIN_TOLERANCE'],
      ['stock', 'CRITICAL'],
    ]);

    const inside = computeDrift(givenValues({ stock: '55000', bond: '35000', cash: '10000' }), targets);
    expect(inside.status).toBe('WITHIN_TOLERANCE');
    expect(inside.items.map((item) => item.driftLevel)).toEqual(['WITHIN_TOLERANCE', 'WITHIN_TOLERANCE', 'WITHIN_TOLERANCE']);
  });
});
