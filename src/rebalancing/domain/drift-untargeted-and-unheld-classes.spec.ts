import { computeDrift } from './drift';
import { givenTargets, givenValues, readableDrift } from './rebalancing.fixtures';

const targets = givenTargets({ stock: '50', bond: '40', cash: '10' });

describe('drift of classes that are held without a target, or targeted without being held', () => {
  it('shows a targeted class that is not held with value 0, as far under target as its target', () => {
    const report = readableDrift(computeDrift(givenValues({ stock: '90000', cash: '10000' }), targets));

    expect(report.items[0]).toEqual({
      assetType: 'bond',
      currentValue: '0',
      currentPercentage: '0',
      targetPercentage: '40',
      tolerancePercentage: '5',
      driftPercentage: '-40',
      driftLevel: 'CRITICAL',
    });
    expect(report.totalDrift).toBe('40');
  });

  it('makes even a tiny untargeted holding CRITICAL, since its band is 0', () => {
    const report = readableDrift(computeDrift(givenValues({ stock: '50000', bond: '40000', cash: '9999.99', reit: '0.01' }), targets));

    expect(report.status).toBe('CRITICAL');
    expect(report.items.find((item) => item.assetType === 'reit')).toEqual({
      assetType: 'reit',
      currentValue: '0.01',
      currentPercentage: '0.00001',
      targetPercentage: '0',
      tolerancePercentage: '0',
      driftPercentage: '0.00001',
      driftLevel: 'CRITICAL',
    });
  });

  it('leaves out a class held at value 0 without a target, and keeps a targeted one at 0', () => {
    const report = computeDrift(givenValues({ stock: '60000', bond: '0', cash: '40000', gold: '0' }), targets);

    expect(report.items.map((item) => item.assetType)).toEqual(['bond', 'cash', 'stock']);
  });

  it('sums the rows of one class, as holdings arrive one per asset', () => {
    const values = [...givenValues({ stock: '25000', bond: '40000' }), ...givenValues({ stock: '25000', cash: '10000' })];

    const report = readableDrift(computeDrift(values, targets));

    expect(report.status).toBe('WITHIN_TOLERANCE');
    expect(report.items.map((item) => [item.assetType, item.currentValue, item.driftPercentage])).toEqual([
      ['bond', '40000', '0'],
      ['cash', '10000', '0'],
      ['stock', '50000', '0'],
    ]);
  });

  it('orders items by assetType, targeted or not', () => {
    const report = computeDrift(givenValues({ us_stock: '1', reit: '1', bond: '1', bond_tips: '1', cash: '1' }), givenTargets({ us_stock: '60', bond: '40' }));

    expect(report.items.map((item) => item.assetType)).toEqual(['bond', 'bond_tips', 'cash', 'reit', 'us_stock']);
  });

  it('refuses two targets for one class', () => {
    expect(() => computeDrift([], [...givenTargets({ stock: '50' }), ...givenTargets({ stock: '50' })])).toThrow('one target per class');
  });
});
