import { computeDrift } from './drift';
import { brief, cashAfter, d, givenGenerator, held, lot, readable, valuesAfter, type GeneratorWorld } from './suggestions.fixtures';
import { generateSuggestions } from './suggestions';

// 60/30/10 against 50/40/10, band 5: stock and bond are both 10 points off, so both WARNING.
const world: GeneratorWorld = {
  holdings: [
    held('vti', 'stock', '240', '250', [lot('vti-1', '240', '48000', '2020-01-02')]),
    held('bnd', 'bond', '375', '80', [lot('bnd-1', '375', '31500', '2021-06-01')]),
  ],
  cash: '10000',
  targets: { stock: '50', bond: '40', cash: '10' },
};

describe('suggestions for the 60/30/10 portfolio against 50/40/10', () => {
  it('sells 10,000 of stock and buys 10,000 of bond to reach the targets exactly (TO_TARGET)', () => {
    const input = givenGenerator(world);

    const result = generateSuggestions(input);

    expect(result.suggestions.map(readable)).toEqual([
      {
        assetId: 'vti',
        symbol: 'VTI',
        assetType: 'stock',
        action: 'SELL',
        quantity: '40',
        currentQuantity: '240',
        suggestedQuantity: '200',
        price: '250',
        estimatedValue: '10000',
        priority: 'MEDIUM',
        taxImplication: 'GAIN',
        lots: [{ lotId: 'vti-1', quantity: '40', gain: '2000', term: 'LONG', washSaleDisallowed: '0' }],
        estimatedRealizedGain: { shortTerm: '0', longTerm: '2000' },
        taxLossHarvesting: false,
        washSale: false,
        reason: 'stock is 10.0 points over its 50% target (WARNING): sell to bring it back to target.',
      },
      {
        assetId: 'bnd',
        symbol: 'BND',
        assetType: 'bond',
        action: 'BUY',
        quantity: '125',
        currentQuantity: '375',
        suggestedQuantity: '500',
        price: '80',
        estimatedValue: '10000',
        priority: 'MEDIUM',
        taxImplication: 'NEUTRAL',
        lots: [],
        estimatedRealizedGain: { shortTerm: '0', longTerm: '0' },
        taxLossHarvesting: false,
        washSale: false,
        reason: 'bond is 10.0 points under its 40% target (WARNING): buy to bring it back to target.',
      },
    ]);
    expect(result.warnings).toEqual([]);
    expect(cashAfter(input, result.suggestions).toFixed()).toBe('10000');
    const after = computeDrift(valuesAfter(input, result.suggestions), input.targets);
    expect(after.totalDrift.toFixed()).toBe('0');
  });

  it('sells and buys 5,000 each, just enough to reach the band edges 55% and 35% (TO_BAND)', () => {
    const input = givenGenerator({ ...world, strategy: 'TO_BAND' });

    const result = generateSuggestions(input);

    expect(result.suggestions.map(brief)).toEqual([
      { action: 'SELL', symbol: 'VTI', quantity: '20', estimatedValue: '5000', priority: 'MEDIUM' },
      { action: 'BUY', symbol: 'BND', quantity: '62.5', estimatedValue: '5000', priority: 'MEDIUM' },
    ]);
    expect(result.suggestions.map((s) => s.reason)).toEqual([
      'stock is 10.0 points over its 50% target (WARNING): sell to bring it back within its band (45%–55%).',
      'bond is 10.0 points under its 40% target (WARNING): buy to bring it back within its band (35%–45%).',
    ]);
    const after = computeDrift(valuesAfter(input, result.suggestions), input.targets);
    expect(after.status).toBe('WITHIN_TOLERANCE');
    expect(after.items.map((item) => [item.assetType, item.currentPercentage.toFixed()])).toEqual([
      ['bond', '35'],
      ['cash', '10'],
      ['stock', '55'],
    ]);
  });

  it('only buys bond with a 20,000 deposit when sells are not allowed: 18,000, leaving cash at its 10% target', () => {
    const input = givenGenerator({ ...world, allowSells: false, cashFlow: '20000' });

    const result = generateSuggestions(input);

    expect(result.suggestions.map(brief)).toEqual([{ action: 'BUY', symbol: 'BND', quantity: '225', estimatedValue: '18000', priority: 'MEDIUM' }]);
    expect(result.warnings).toEqual([]);
    expect(cashAfter(input, result.suggestions).toFixed()).toBe('12000');
    const after = computeDrift(valuesAfter(input, result.suggestions), input.targets);
    expect(after.items.map((item) => [item.assetType, item.currentPercentage.toFixed()])).toEqual([
      ['bond', '40'],
      ['cash', '10'],
      ['stock', '50'],
    ]);
  });

  it('uses the narrower relative band, bond being CRITICAL, and sells a point more of stock to pay for bond with cash at its target', () => {
    // Relative 10: bands of 5 (stock), 4 (bond) and 1 (cash) points. Bond goes to 36%, stock to 55% and then 54%.
    const input = givenGenerator({ ...world, strategy: 'TO_BAND' });
    input.targets = input.targets.map((target) => ({ ...target, relativeTolerancePercentage: d('10') }));

    const result = generateSuggestions(input);

    expect(result.suggestions.map(brief)).toEqual([
      { action: 'BUY', symbol: 'BND', quantity: '75', estimatedValue: '6000', priority: 'HIGH' },
      { action: 'SELL', symbol: 'VTI', quantity: '24', estimatedValue: '6000', priority: 'MEDIUM' },
    ]);
    expect(result.suggestions[0].reason).toBe('bond is 10.0 points under its 40% target (CRITICAL): buy to bring it back within its band (36%–44%).');
    expect(computeDrift(valuesAfter(input, result.suggestions), input.targets).status).toBe('WITHIN_TOLERANCE');
  });

  it('suggests nothing once the portfolio is back within tolerance and no cash flows', () => {
    const input = givenGenerator({ ...world, holdings: [held('vti', 'stock', '208', '250'), held('bnd', 'bond', '467', '80')], cash: '10640' });

    expect(computeDrift(valuesAfter(input, []), input.targets).status).toBe('WITHIN_TOLERANCE');
    expect(generateSuggestions(input)).toEqual({ suggestions: [], warnings: [] });
  });
});
