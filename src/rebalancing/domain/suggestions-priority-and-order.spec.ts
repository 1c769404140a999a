import { brief, cashAfter, givenGenerator, held } from './suggestions.fixtures';
import { generateSuggestions } from './suggestions';

describe('priority and order of suggestions', () => {
  // Against 40/30/20/10, band 5: stock +20 (CRITICAL), bond −8 (WARNING), reit −2 (within), cash −10 (WARNING).
  const input = givenGenerator({
    holdings: [held('vti', 'stock', '240', '250'), held('bnd', 'bond', '275', '80'), held('vnq', 'reit', '180', '100')],
    cash: '0',
    targets: { stock: '40', bond: '30', reit: '20', cash: '10' },
  });

  it('ranks trades by the level of their class, then sells before buys, then by value', () => {
    const result = generateSuggestions(input);

    expect(result.suggestions.map(brief)).toEqual([
      { action: 'SELL', symbol: 'VTI', quantity: '80', estimatedValue: '20000', priority: 'HIGH' },
      { action: 'BUY', symbol: 'BND', quantity: '100', estimatedValue: '8000', priority: 'MEDIUM' },
      { action: 'BUY', symbol: 'VNQ', quantity: '20', estimatedValue: '2000', priority: 'LOW' },
    ]);
    expect(result.suggestions.map((s) => s.reason)).toEqual([
      'stock is 20.0 points over its 40% target (CRITICAL): sell to bring it back to target.',
      'bond is 8.0 points under its 30% target (WARNING): buy to bring it back to target.',
      'reit is 2.0 points under its 20% target (within tolerance): buy to invest surplus cash.',
    ]);
    expect(cashAfter(input, result.suggestions).toFixed()).toBe('10000');
  });

  it('gives the same result for the same input', () => {
    expect(generateSuggestions(input)).toEqual(generateSuggestions(input));
  });
});
