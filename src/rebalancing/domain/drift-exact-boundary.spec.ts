import { computeDrift } from './drift';
import { givenTargets, givenValues, readableDrift } from './rebalancing.fixtures';

describe('levels are decided on exact values, not on the 20-place percentages', () => {
  it('puts a third of 3 units, 0.0033… points over 33.33 %, past a band the rounded drift just touches', () => {
    // 1 × 100 / 3 = 33.333…, shown as 33.33333333333333333333: its drift from 33.33 rounds to exactly the
    // band, so the rounded figures would read WITHIN_TOLERANCE. Exactly, |100 − 33.33 × 3| = 0.01 is more
    // than band × 3 = 0.00999999999999999999: a WARNING. The 2/3 class is the mirror image.
    const targets = givenTargets({ a: '33.33', b: '66.67' }, '0.00333333333333333333');

    const report = readableDrift(computeDrift(givenValues({ a: '1', b: '2' }), targets));

    expect(report.items).toEqual([
      {
        assetType: 'a',
        currentValue: '1',
        currentPercentage: '33.33333333333333333333',
        targetPercentage: '33.33',
        tolerancePercentage: '0.00333333333333333333',
        driftPercentage: '0.00333333333333333333',
        driftLevel: 'WARNING',
      },
      {
        assetType: 'b',
        currentValue: '2',
        currentPercentage: '66.66666666666666666667',
        targetPercentage: '66.67',
        tolerancePercentage: '0.00333333333333333333',
        driftPercentage: '-0.00333333333333333333',
        driftLevel: 'WARNING',
      },
    ]);
    expect(report.status).toBe('WARNING');
  });

  it('reads 1e-21 points past 2 × band as CRITICAL although the percentage rounds onto the boundary', () => {
    // Stock is 60.000000000000000000001 % of 10,000,000 (a value with 16 places, as 8-place quantities
    // at 8-place prices give): rounded it is 60, drift 10, WARNING; exactly it is past 10, CRITICAL.
    const values = givenValues({ stock: '6000000.0000000000000001', bond: '2999999.9999999999999999', cash: '1000000' });

    const report = readableDrift(computeDrift(values, givenTargets({ stock: '50', bond: '40', cash: '10' })));

    expect(report.totalValue).toBe('10000000');
    expect(report.items.map((item) => [item.assetType, item.currentPercentage, item.driftPercentage, item.driftLevel])).toEqual([
      ['bond', '30', '-10', 'CRITICAL'],
      ['cash', '10', '0', 'WITHIN_TOLERANCE'],
      ['stock', '60', '10', 'CRITICAL'],
    ]);
    expect(report.status).toBe('CRITICAL');
  });
});
