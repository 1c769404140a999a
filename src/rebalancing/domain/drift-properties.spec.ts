import fc from 'fast-check';
import { Big, toDecimalString } from '../../common/decimal/decimal';
import { computeDrift, type ClassValue, type TargetBand } from './drift';

const CLASSES = ['bond', 'cash', 'crypto', 'reit', 'stock'];
const EPSILON = new Big('1e-15');

// Values with up to 8 places (some 0), as holdings at 8-place prices and cash give.
const classValue: fc.Arbitrary<ClassValue> = fc.record({
  assetType: fc.constantFrom(...CLASSES),
  value: fc.oneof(fc.constant(0), fc.bigInt({ min: 1n, max: 10n ** 17n })).map((units) => new Big(units.toString()).div('1e8')),
});

/** A target set over some classes, in hundredths of a percent that add up to exactly 100. */
const targetSet: fc.Arbitrary<TargetBand[]> = fc
  .record({
    classes: fc.shuffledSubarray(CLASSES, { minLength: 1 }),
    cuts: fc.array(fc.integer({ min: 0, max: 10_000 }), { minLength: CLASSES.length - 1, maxLength: CLASSES.length - 1 }),
    band: fc.integer({ min: 0, max: 1_000 }),
    relative: fc.option(fc.integer({ min: 1, max: 5_000 })),
  })
  .map(({ classes, cuts, band, relative }) => {
    const bounds = [0, ...cuts.slice(0, classes.length - 1).sort((a, b) => a - b), 10_000];
    return classes.map((assetType, i) => ({
      assetType,
      targetPercentage: new Big(bounds[i + 1] - bounds[i]).div(100),
      tolerancePercentage: new Big(band).div(100),
      relativeTolerancePercentage: relative === null ? null : new Big(relative).div(100),
    }));
  });

const portfolios = fc.record({ values: fc.array(classValue, { maxLength: 8 }), targets: targetSet });

const total = (values: Big[]) => values.reduce((sum, value) => sum.plus(value), new Big(0));

describe('drift invariants over random portfolios and target sets', () => {
  it('gives percentages of a non-empty portfolio that sum to 100 within 1e-15, being 20-place roundings', () => {
    fc.assert(
      fc.property(portfolios, ({ values, targets }) => {
        const report = computeDrift(values, targets);
        fc.pre(report.totalValue.gt(0));
        const off = total(report.items.map((item) => item.currentPercentage))
          .minus(100)
          .abs();
        expect(off.lte(EPSILON)).toBe(true);
      }),
      { seed: 20260117, numRuns: 300 },
    );
  });

  it('lists every targeted class and every class held at a non-zero value, once each, in order', () => {
    fc.assert(
      fc.property(portfolios, ({ values, targets }) => {
        const report = computeDrift(values, targets);
        const expected = new Set([...targets.map((t) => t.assetType), ...values.filter((v) => !v.value.eq(0)).map((v) => v.assetType)]);
        expect(report.items.map((item) => item.assetType)).toEqual([...expected].sort());
        for (const item of report.items) {
          expect(toDecimalString(item.currentValue)).toBe(toDecimalString(total(values.filter((v) => v.assetType === item.assetType).map((v) => v.value))));
        }
        expect(toDecimalString(report.totalValue)).toBe(toDecimalString(total(values.map((v) => v.value))));
      }),
      { seed: 777_001, numRuns: 300 },
    );
  });

  it('agrees with the rounded drift wherever that is clear of a boundary, and reports the worst level and half the absolute drift', () => {
    // The rounded percentage is within 1e-20 of the exact one, so away from a boundary by more than
    // that the two must give the same level; only the exact comparison may settle the rest.
    const clearance = new Big('1e-19');
    fc.assert(
      fc.property(portfolios, ({ values, targets }) => {
        const report = computeDrift(values, targets);
        fc.pre(report.totalValue.gt(0));
        for (const item of report.items) {
          const drift = item.driftPercentage.abs();
          const band = item.tolerancePercentage;
          if (drift.lt(band.minus(clearance))) expect(item.driftLevel).toBe('WITHIN_TOLERANCE');
          else if (drift.gt(band.plus(clearance)) && drift.lt(band.times(2).minus(clearance))) expect(item.driftLevel).toBe('WARNING');
          else if (drift.gt(band.times(2).plus(clearance))) expect(item.driftLevel).toBe('CRITICAL');
        }
        const levels = report.items.map((item) => item.driftLevel);
        const worst = levels.includes('CRITICAL') ? 'CRITICAL' : levels.includes('WARNING') ? 'WARNING' : 'WITHIN_TOLERANCE';
        expect(report.status).toBe(worst);
        expect(toDecimalString(report.totalDrift.times(2))).toBe(toDecimalString(total(report.items.map((item) => item.driftPercentage.abs()))));
      }),
      { seed: 4_242_017, numRuns: 300 },
    );
  });
});
