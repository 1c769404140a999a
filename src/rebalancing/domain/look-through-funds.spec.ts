import { Big, sumOf, toDecimalString } from '../../common/decimal/decimal';
import { computeDrift } from './drift';
import { givenTargets } from './rebalancing.fixtures';
import { generateSuggestions } from './suggestions';
import { givenGenerator, held } from './suggestions.fixtures';
import { classValues, simulateWhatIf, type ClassShare, type Holding } from './what-if';

const d = (value: string): Big => new Big(value);
const SIXTY_FORTY: ClassShare[] = [
  { assetType: 'stock', percentage: d('60') },
  { assetType: 'bond', percentage: d('40') },
];

/** Class → value and display percentage, as the drift route shows them. */
function shown(holdings: Holding[], cash: string, targets: Record<string, string>) {
  const report = computeDrift(classValues(holdings, d(cash)), givenTargets(targets));
  return {
    status: report.status,
    classes: report.items.map((item) => [item.assetType, toDecimalString(item.currentValue), item.currentPercentage.round(2, Big.roundHalfEven).toFixed(2)]),
  };
}

describe('a look-through fund counted by its class weights', () => {
  // $10,000 in a 60/40 fund (100 units at $100) and $5,000 in a stock fund (50 at $100).
  const fund: Holding = { assetId: 'BAL', assetType: 'stock', quantity: d('100'), price: d('100'), classWeights: SIXTY_FORTY };
  const stockFund: Holding = { assetId: 'VTI', assetType: 'stock', quantity: d('50'), price: d('100') };

  it('counts the fund 60/40: stock 6,000 + 5,000 = 11,000 (73.33 %), bond 4,000 (26.67 %)', () => {
    expect(shown([fund, stockFund], '0', { stock: '70', bond: '30' })).toEqual({
      status: 'WITHIN_TOLERANCE',
      classes: [
        ['bond', '4000', '26.67'],
        ['stock', '11000', '73.33'],
      ],
    });
  });

  it('against a 60/40 target the same holdings are 13.33 points overweight in stock: CRITICAL, where counting the fund as stock would say 40 points', () => {
    expect(shown([fund, stockFund], '0', { stock: '60', bond: '40' }).status).toBe('CRITICAL');
    expect(
      computeDrift(classValues([fund, stockFund], d('0')), givenTargets({ stock: '60', bond: '40' }))
        .totalDrift.round(2)
        .toFixed(2),
    ).toBe('13.33');
  });

  it('without weights (or with none) an asset is 100 % its assetType, as before', () => {
    expect(classValues([{ ...fund, classWeights: [] }, stockFund], d('0')).map((row) => [row.assetType, toDecimalString(row.value)])).toEqual([
      ['stock', '10000'],
      ['stock', '5000'],
      ['cash', '0'],
    ]);
  });

  it('splits exactly: thirds of 33.3333, 33.3333 and 33.3334 % of $1.00000001 add up to it to the last digit', () => {
    const thirds: Holding = {
      assetId: 'THIRDS',
      assetType: 'reit',
      quantity: d('1'),
      price: d('1.00000001'),
      classWeights: [
        { assetType: 'stock', percentage: d('33.3333') },
        { assetType: 'bond', percentage: d('33.3333') },
        { assetType: 'reit', percentage: d('33.3334') },
      ],
    };
    const rows = classValues([thirds], d('0')).filter((row) => row.assetType !== 'cash');
    expect(rows.map((row) => [row.assetType, row.value.toFixed()])).toEqual([
      ['stock', '0.33333300333333'],
      ['bond', '0.33333300333333'],
      ['reit', '0.33333400333334'],
    ]);
    expect(sumOf(rows.map((row) => row.value)).toFixed()).toBe('1.00000001');
  });

  it('a what-if BUY of a fund not held yet counts it by its weights: $10,000 of cash becomes stock 6,000 and bond 4,000', () => {
    const result = simulateWhatIf({
      holdings: [],
      cash: d('10000'),
      trades: [{ assetId: 'BAL', action: 'BUY', value: d('10000') }],
      cashFlow: d('0'),
      preferredAssetByClass: new Map(),
      assetTypeOf: new Map([['BAL', 'stock']]),
      priceOf: new Map([['BAL', d('100')]]),
      classWeightsOf: new Map([['BAL', SIXTY_FORTY]]),
    });
    if (!result.ok) throw new Error(result.error.message);
    expect(shown(result.holdingsAfter, toDecimalString(result.cashAfter), { stock: '60', bond: '40' })).toEqual({
      status: 'WITHIN_TOLERANCE',
      classes: [
        ['bond', '4000', '40.00'],
        ['stock', '6000', '60.00'],
      ],
    });
  });

  it('suggestions: the goals count the fund by weight; the trades treat it as a stock asset, and the projection shows what they really do', () => {
    // Goals at 60/40 of $15,000: stock 11,000 → 9,000 (sell 2,000), bond 4,000 → 6,000 (buy 2,000).
    const input = givenGenerator({
      holdings: [{ ...held('BAL', 'stock', '100', '100'), classWeights: SIXTY_FORTY }, held('VTI', 'stock', '50', '100')],
      cash: '0',
      targets: { stock: '60', bond: '40' },
      catalogue: { BND: { assetType: 'bond', price: '50' } },
      preferred: { bond: 'BND' },
    });
    const { suggestions } = generateSuggestions(input);
    // The relief order happens to pick the fund's lot: 20 units, $2,000, as if all of it were stock.
    expect(suggestions.map((s) => [s.action, s.assetId, toDecimalString(s.quantity!), toDecimalString(s.estimatedValue)])).toEqual([
      ['SELL', 'BAL', '20', '2000'],
      ['BUY', 'BND', '40', '2000'],
    ]);
    // Replayed by the what-if engine, as the suggestions route projects them: the $2,000 sold was only
    // 1,200 of stock and took 800 of bond with it, so stock ends at 4,800 + 5,000 = 9,800 (65.33 %) and
    // bond at 3,200 + 2,000 = 5,200 (34.67 %): better than 73.33 %, still outside the 5-point band.
    const projection = simulateWhatIf({
      holdings: input.holdings,
      cash: input.cash,
      trades: suggestions.map((s) => ({ assetId: s.assetId!, action: s.action, quantity: s.quantity! })),
      cashFlow: d('0'),
      preferredAssetByClass: new Map(),
      assetTypeOf: new Map([['BND', 'bond']]),
      priceOf: new Map([['BND', d('50')]]),
    });
    if (!projection.ok) throw new Error(projection.error.message);
    expect(shown(projection.holdingsAfter, toDecimalString(projection.cashAfter), { stock: '60', bond: '40' })).toEqual({
      status: 'WARNING',
      classes: [
        ['bond', '5200', '34.67'],
        ['stock', '9800', '65.33'],
      ],
    });
  });
});
