import { toDecimalString } from '../../common/decimal/decimal';
import { computeDrift, effectiveBand } from './drift';
import { d, givenTargets, givenValues, readableDrift } from './rebalancing.fixtures';

const band = (target: string, absolute: string, relative: string | null) =>
  toDecimalString(
    effectiveBand({
      assetType: 'x',
      targetPercentage: d(target),
      tolerancePercentage: d(absolute),
      relativeTolerancePercentage: relative === null ? null : d(relative),
    }),
  );

describe('the 5/25 rule: a band relative to the target when that is narrower than the absolute one', () => {
  it('takes the narrower of 5 points and 25 % of the target', () => {
    expect(band('10', '5', '25')).toBe('2.5');
    expect(band('60', '5', '25')).toBe('5');
    expect(band('20', '5', '25')).toBe('5');
    expect(band('10', '5', null)).toBe('5');
  });

  it('keeps a relative band exact, however many places it takes', () => {
    expect(band('3.33', '1', '25')).toBe('0.8325');
    expect(band('33.33', '10', '3.3')).toBe('1.09989');
  });

  it('judges a 10 % cash target against 2.5 points, so 13 % cash is a WARNING that 5 points would pass', () => {
    const targets = givenTargets({ stock: '60', bond: '30', cash: '10' }, '5', '25');

    const report = readableDrift(computeDrift(givenValues({ stock: '57000', bond: '30000', cash: '13000' }), targets));

    expect(report.status).toBe('WARNING');
    expect(report.items).toEqual([
      {
        assetType: 'bond',
        currentValue: '30000',
        currentPercentage: '30',
        targetPercentage: '30',
        tolerancePercentage: '5',
        driftPercentage: '0',
        driftLevel: 'WITHIN_TOLERANCE',
      },
      {
        assetType: 'cash',
        currentValue: '13000',
        currentPercentage: '13',
        targetPercentage: '10',
        tolerancePercentage: '2.5',
        driftPercentage: '3',
        driftLevel: 'WARNING',
      },
      {
        assetType: 'stock',
        currentValue: '57000',
        currentPercentage: '57',
        targetPercentage: '60',
        tolerancePercentage: '5',
        driftPercentage: '-3',
        driftLevel: 'WITHIN_TOLERANCE',
      },
    ]);
  });

  it('counts a drift of exactly the relative band, and of exactly twice it, on the milder side', () => {
    const targets = givenTargets({ stock: '60', bond: '30', cash: '10' }, '5', '25');
    const cashLevel = (cash: string, stock: string) =>
      computeDrift(givenValues({ stock, bond: '30000', cash }), targets).items.find((item) => item.assetType === 'cash')?.driftLevel;

    expect(cashLevel('12500', '57500')).toBe('WITHIN_TOLERANCE');
    expect(cashLevel('15000', '55000')).toBe('WARNING');
    expect(cashLevel('15001', '54999')).toBe('CRITICAL');
  });
});
