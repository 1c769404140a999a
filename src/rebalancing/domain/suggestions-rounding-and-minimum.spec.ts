import { computeDrift } from './drift';
import { brief, cashAfter, givenGenerator, held, valuesAfter, type GeneratorWorld } from './suggestions.fixtures';
import { generateSuggestions } from './suggestions';

const targets = { stock: '50', bond: '40', cash: '10' };

describe('quantities in whole units', () => {
  // 60,000 of stock at 300 a unit, 30,000 of bond at 80.
  const world: GeneratorWorld = { holdings: [held('vti', 'stock', '200', '300'), held('bnd', 'bond', '375', '80')], cash: '10000', targets, fractional: false };

  it('rounds a SELL down (33 units, 9,900, for 10,000) and a BUY down, never overdrawing cash', () => {
    const input = givenGenerator(world);

    const result = generateSuggestions(input);

    expect(result.suggestions.map(brief)).toEqual([
      { action: 'SELL', symbol: 'VTI', quantity: '33', estimatedValue: '9900', priority: 'MEDIUM' },
      { action: 'BUY', symbol: 'BND', quantity: '125', estimatedValue: '10000', priority: 'MEDIUM' },
    ]);
    expect(result.warnings).toEqual([]);
    expect(cashAfter(input, result.suggestions).toFixed()).toBe('9900');
  });

  it('sells one unit more when rounding down would leave the class just over its band (TO_BAND)', () => {
    const input = givenGenerator({ ...world, strategy: 'TO_BAND' });

    const result = generateSuggestions(input);

    // 5,000 / 300 = 16.67: 16 units leave stock at 55,200, over 55%; 17 bring it to 54,900.
    expect(result.suggestions.map(brief)[0]).toEqual({ action: 'SELL', symbol: 'VTI', quantity: '17', estimatedValue: '5100', priority: 'MEDIUM' });
    expect(computeDrift(valuesAfter(input, result.suggestions), input.targets).status).toBe('WITHIN_TOLERANCE');
  });

  it('does its best and warns when no whole number of units lands inside the band', () => {
    // One unit is 20,000: selling it would take stock from 60% to 40%, past the band's far edge.
    const input = givenGenerator({ ...world, holdings: [held('vti', 'stock', '3', '20000'), held('bnd', 'bond', '300', '100')], strategy: 'TO_BAND' });

    const result = generateSuggestions(input);

    expect(result.suggestions.map(brief)).toEqual([{ action: 'BUY', symbol: 'BND', quantity: '50', estimatedValue: '5000', priority: 'MEDIUM' }]);
    expect(result.warnings).toEqual(['Whole units cannot bring stock inside its band (45%–55%); the trades come as close as they can.']);
    expect(cashAfter(input, result.suggestions).toFixed()).toBe('5000');
  });
});

describe('quantities in fractions', () => {
  it('floors a quantity to 8 places, the value being exactly quantity × price', () => {
    const input = givenGenerator({ holdings: [held('vti', 'stock', '20000', '3'), held('bnd', 'bond', '375', '80')], cash: '10000', targets });

    const result = generateSuggestions(input);

    expect(result.suggestions.map(brief)).toEqual([
      { action: 'SELL', symbol: 'VTI', quantity: '3333.33333333', estimatedValue: '9999.99999999', priority: 'MEDIUM' },
      { action: 'BUY', symbol: 'BND', quantity: '125', estimatedValue: '10000', priority: 'MEDIUM' },
    ]);
    expect(cashAfter(input, result.suggestions).toFixed()).toBe('9999.99999999');
  });
});

describe('the minimum trade value', () => {
  const onTarget: GeneratorWorld = { holdings: [held('vti', 'stock', '200', '250'), held('bnd', 'bond', '500', '80')], cash: '10000', targets };

  it('leaves out trades worth less, with a warning each', () => {
    const result = generateSuggestions(
      givenGenerator({
        holdings: [held('vti', 'stock', '240', '250'), held('bnd', 'bond', '375', '80')],
        cash: '10000',
        targets,
        strategy: 'TO_BAND',
        minTradeValue: '5000.01',
      }),
    );

    expect(result.suggestions).toEqual([]);
    expect(result.warnings).toEqual([
      'Selling 5000 of VTI is under the minimum trade value of 5000.01, so it is left out.',
      'Buying 5000 of BND is under the minimum trade value of 5000.01, so it is left out.',
    ]);
  });

  it('keeps a trade worth exactly the minimum', () => {
    const result = generateSuggestions(givenGenerator({ ...onTarget, cashFlow: '10000', minTradeValue: '4000' }));

    expect(result.suggestions.map(brief)).toEqual([
      { action: 'BUY', symbol: 'VTI', quantity: '20', estimatedValue: '5000', priority: 'LOW' },
      { action: 'BUY', symbol: 'BND', quantity: '50', estimatedValue: '4000', priority: 'LOW' },
    ]);
  });

  it('cuts purchases to what the kept sells pay for when a sell is left out', () => {
    // Stock sells 6,000 and bond, above its target within its band, 1,000 (left out) to buy 7,000 of reit; there is no cash.
    const input = givenGenerator({
      holdings: [held('vti', 'stock', '224', '250'), held('bnd', 'bond', '387.5', '80'), held('vnq', 'reit', '130', '100')],
      cash: '0',
      targets: { stock: '50', bond: '30', reit: '20' },
      minTradeValue: '2000',
    });

    const result = generateSuggestions(input);

    expect(result.suggestions.map(brief)).toEqual([
      { action: 'SELL', symbol: 'VTI', quantity: '24', estimatedValue: '6000', priority: 'MEDIUM' },
      { action: 'BUY', symbol: 'VNQ', quantity: '60', estimatedValue: '6000', priority: 'MEDIUM' },
    ]);
    expect(result.warnings).toEqual([
      'Selling 1000 of BND is under the minimum trade value of 2000, so it is left out.',
      'Purchases are cut to 6000, what cash and the sells kept pay for, as some sells are left out.',
    ]);
    expect(cashAfter(input, result.suggestions).toFixed()).toBe('0');
  });

  it('keeps a sell under the minimum when the withdrawal needs it', () => {
    const input = givenGenerator({
      holdings: [held('vti', 'stock', '200', '250'), held('bnd', 'bond', '625', '80')],
      cash: '0',
      targets: { stock: '50', bond: '50' },
      cashFlow: '-1000',
      minTradeValue: '2000',
    });

    const result = generateSuggestions(input);

    expect(result.suggestions.map(brief)).toEqual([{ action: 'SELL', symbol: 'BND', quantity: '12.5', estimatedValue: '1000', priority: 'LOW' }]);
    expect(result.warnings).toEqual([
      'Selling 1000 of BND, under the minimum trade value of 2000, is kept to raise the withdrawal.',
      'Selling 500 of VTI is under the minimum trade value of 2000, so it is left out.',
    ]);
    expect(cashAfter(input, result.suggestions).toFixed()).toBe('0');
  });
});
