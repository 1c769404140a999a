import { computeDrift } from './drift';
import { d, givenTargets, givenValues, readableDrift } from './rebalancing.fixtures';

// 60/30/10 with 5-point bands; 1,600 of gold, which has no target, in a portfolio of 100,000.
const targets = givenTargets({ stock: '60', bond: '30', cash: '10' });
const withGold = (gold: string) => givenValues({ stock: '58400', bond: '30000', cash: '10000', gold });

describe('a class held without a target, judged by the untargeted band', () => {
  it('keeps a 1.6 % untargeted holding within a 2-point band, and shows it with that band', () => {
    const report = readableDrift(computeDrift(withGold('1600'), targets, d('2')));

    expect(report.status).toBe('WITHIN_TOLERANCE');
    expect(report.items.find((item) => item.assetType === 'gold')).toEqual({
      assetType: 'gold',
      currentValue: '1600',
      currentPercentage: '1.6',
      targetPercentage: '0',
      tolerancePercentage: '2',
      driftPercentage: '1.6',
      driftLevel: 'WITHIN_TOLERANCE',
    });
  });

  it('makes the same holding a WARNING under a 1-point band: 1.6 is past 1 but within 2 × 1', () => {
    const report = computeDrift(withGold('1600'), targets, d('1'));

    expect(report.status).toBe('WARNING');
    expect(report.items.find((item) => item.assetType === 'gold')?.driftLevel).toBe('WARNING');
  });

  it('makes it CRITICAL past twice the band: 1.6 > 2 × 0.75', () => {
    expect(computeDrift(withGold('1600'), targets, d('0.75')).status).toBe('CRITICAL');
  });

  it('puts the boundary exactly at the band: 2,000 of 100,000 is within a 2-point band, 2,000.01 a WARNING', () => {
    const at = computeDrift(givenValues({ stock: '58000', bond: '30000', cash: '10000', gold: '2000' }), targets, d('2'));
    const past = computeDrift(givenValues({ stock: '58000', bond: '30000', cash: '9999.99', gold: '2000.01' }), targets, d('2'));

    expect(at.items.find((item) => item.assetType === 'gold')?.driftLevel).toBe('WITHIN_TOLERANCE');
    expect(past.items.find((item) => item.assetType === 'gold')?.driftLevel).toBe('WARNING');
  });

  it('leaves targeted classes on their own bands, whatever the untargeted band', () => {
    const wide = readableDrift(computeDrift(withGold('1600'), targets, d('50')));

    expect(wide.items.filter((item) => item.assetType !== 'gold').map((item) => [item.assetType, item.tolerancePercentage])).toEqual([
      ['bond', '5'],
      ['cash', '5'],
      ['stock', '5'],
    ]);
  });

  it('without a band given, judges an untargeted holding with band 0, as before', () => {
    expect(computeDrift(withGold('1600'), targets).status).toBe('CRITICAL');
  });
});
