import { Big } from '../../common/decimal/decimal';
import { classWeightViolations } from './class-weights';

const weights = (rows: Record<string, string> | Array<[string, string]>) =>
  (Array.isArray(rows) ? rows : Object.entries(rows)).map(([assetType, percentage]) => ({ assetType, percentage: new Big(percentage) }));

describe('the rules of a class breakdown', () => {
  it('accepts a 60/40 fund, thirds to four places, and no breakdown at all', () => {
    expect(classWeightViolations('stock', weights({ stock: '60', bond: '40' }))).toEqual([]);
    expect(classWeightViolations('reit', weights({ stock: '33.3333', bond: '33.3333', reit: '33.3334' }))).toEqual([]);
    expect(classWeightViolations('stock', [])).toEqual([]);
  });

  it('refuses a sum of 99.9999 or 100.0001: exactly 100', () => {
    expect(classWeightViolations('stock', weights({ stock: '60', bond: '39.9999' }))).toEqual([
      { field: 'classWeights', rule: 'sumTo100', message: 'sums to 99.9999; must be exactly 100' },
    ]);
    expect(classWeightViolations('stock', weights({ stock: '60.0001', bond: '40' })).map((v) => v.rule)).toEqual(['sumTo100']);
  });

  it('refuses a share of 0 or below, naming its index', () => {
    expect(classWeightViolations('stock', weights({ stock: '100', bond: '0' }))).toEqual([
      { field: 'classWeights[1].percentage', rule: 'positive', message: 'is 0; must be greater than 0' },
    ]);
    expect(classWeightViolations('stock', weights({ stock: '110', bond: '-10' })).map((v) => [v.field, v.rule])).toEqual([
      ['classWeights[1].percentage', 'positive'],
    ]);
  });

  it('refuses a class named twice, pointing at the first', () => {
    expect(
      classWeightViolations(
        'stock',
        weights([
          ['stock', '50'],
          ['stock', '50'],
        ]),
      ),
    ).toEqual([{ field: 'classWeights[1].assetType', rule: 'uniqueAssetType', message: 'repeats classWeights[0] (stock)' }]);
  });

  it("refuses a breakdown without the asset's own class", () => {
    expect(classWeightViolations('balanced', weights({ stock: '60', bond: '40' }))).toEqual([
      { field: 'classWeights', rule: 'includesAssetType', message: "must include the asset's own assetType, balanced" },
    ]);
  });
});
