import { brief, cashAfter, givenGenerator, held, type GeneratorWorld } from './suggestions.fixtures';
import { GeneratorError, generateSuggestions } from './suggestions';

// Exactly on target: 50,000 stock, 40,000 bond, 10,000 cash.
const onTarget: GeneratorWorld = {
  holdings: [held('vti', 'stock', '200', '250'), held('bnd', 'bond', '500', '80')],
  cash: '10000',
  targets: { stock: '50', bond: '40', cash: '10' },
};

function errorOf(world: GeneratorWorld): GeneratorError | undefined {
  try {
    generateSuggestions(givenGenerator(world));
  } catch (error) {
    if (error instanceof GeneratorError) return error;
    throw error;
  }
  return undefined;
}

describe('suggestions with a cash flow', () => {
  it('invests a 10,000 deposit by the targets, at LOW priority, keeping cash at its 10%', () => {
    const input = givenGenerator({ ...onTarget, cashFlow: '10000' });

    const result = generateSuggestions(input);

    expect(result.suggestions.map(brief)).toEqual([
      { action: 'BUY', symbol: 'VTI', quantity: '20', estimatedValue: '5000', priority: 'LOW' },
      { action: 'BUY', symbol: 'BND', quantity: '50', estimatedValue: '4000', priority: 'LOW' },
    ]);
    expect(result.suggestions[0].reason).toBe('stock is at its 50% target (within tolerance): buy to invest the deposit.');
    expect(cashAfter(input, result.suggestions).toFixed()).toBe('11000');
  });

  it('raises a 5,000 withdrawal by selling, leaving cash at its 10% of what remains', () => {
    const input = givenGenerator({ ...onTarget, cashFlow: '-5000' });

    const result = generateSuggestions(input);

    expect(result.suggestions.map(brief)).toEqual([
      { action: 'SELL', symbol: 'VTI', quantity: '10', estimatedValue: '2500', priority: 'LOW' },
      { action: 'SELL', symbol: 'BND', quantity: '25', estimatedValue: '2000', priority: 'LOW' },
    ]);
    expect(result.suggestions[1].reason).toBe('bond is at its 40% target (within tolerance): sell to raise the withdrawal.');
    expect(cashAfter(input, result.suggestions).toFixed()).toBe('9500');
  });

  it('sells everything for a withdrawal of the whole portfolio', () => {
    const input = givenGenerator({ ...onTarget, cashFlow: '-100000' });

    const result = generateSuggestions(input);

    expect(result.suggestions.map(brief)).toEqual([
      { action: 'SELL', symbol: 'VTI', quantity: '200', estimatedValue: '50000', priority: 'LOW' },
      { action: 'SELL', symbol: 'BND', quantity: '500', estimatedValue: '40000', priority: 'LOW' },
    ]);
    expect(cashAfter(input, result.suggestions).toFixed()).toBe('0');
  });

  it('invests a first deposit into an empty portfolio by the targets', () => {
    const input = givenGenerator({
      holdings: [],
      cash: '0',
      targets: { stock: '60', bond: '40' },
      preferred: { stock: 'vti', bond: 'bnd' },
      catalogue: { vti: { assetType: 'stock', price: '250' }, bnd: { assetType: 'bond', price: '80' } },
      cashFlow: '10000',
      fractional: false,
    });

    const result = generateSuggestions(input);

    expect(result.suggestions.map(brief)).toEqual([
      { action: 'BUY', symbol: 'VTI', quantity: '24', estimatedValue: '6000', priority: 'LOW' },
      { action: 'BUY', symbol: 'BND', quantity: '50', estimatedValue: '4000', priority: 'LOW' },
    ]);
    expect(result.suggestions[0].reason).toBe('The portfolio holds nothing yet: buy to invest the deposit.');
    expect(cashAfter(input, result.suggestions).toFixed()).toBe('0');
  });

  it('refuses a withdrawal larger than the portfolio, on cashFlow', () => {
    const error = errorOf({ ...onTarget, cashFlow: '-100000.01' });

    expect(error?.field).toBe('cashFlow');
    expect(error?.message).toBe('Withdrawing 100000.01 is more than the portfolio is worth, 100000.');
  });

  it('refuses a withdrawal beyond cash when sells are not allowed, on cashFlow', () => {
    const error = errorOf({ ...onTarget, cashFlow: '-10000.01', allowSells: false });

    expect(error?.field).toBe('cashFlow');
    expect(error?.message).toBe('Withdrawing 10000.01 needs sells, which are not allowed, as cash is only 10000.');
  });

  it('takes a withdrawal within cash from cash when sells are not allowed', () => {
    const input = givenGenerator({ ...onTarget, cashFlow: '-4000', allowSells: false });

    const result = generateSuggestions(input);

    expect(result.suggestions).toEqual([]);
    expect(cashAfter(input, result.suggestions).toFixed()).toBe('6000');
  });

  it('buys in proportion to the underweights, with a warning, when cash cannot reach the targets without selling', () => {
    // At 110,000 after the deposit, bond wants 13,000 more and reit 12,000; only the 10,000 deposit is spent.
    const input = givenGenerator({
      holdings: [held('vti', 'stock', '240', '250'), held('bnd', 'bond', '250', '80'), held('vnq', 'reit', '100', '100')],
      cash: '10000',
      targets: { stock: '40', bond: '30', reit: '20', cash: '10' },
      allowSells: false,
      cashFlow: '10000',
    });

    const result = generateSuggestions(input);

    expect(result.suggestions.map(brief)).toEqual([
      { action: 'BUY', symbol: 'BND', quantity: '65', estimatedValue: '5200', priority: 'MEDIUM' },
      { action: 'BUY', symbol: 'VNQ', quantity: '48', estimatedValue: '4800', priority: 'MEDIUM' },
    ]);
    expect(result.warnings).toEqual([
      'stock is over its band (35%–45%), but sells are not allowed, so it is not reduced.',
      'Without sells, cash pays for 10000 of the 25000 reaching the targets needs, so purchases are cut in proportion to the underweights.',
    ]);
    expect(cashAfter(input, result.suggestions).toFixed()).toBe('10000');
  });

  it('does not spend cash below its target without sells: no trades, and a warning', () => {
    const result = generateSuggestions(
      givenGenerator({
        holdings: [held('vti', 'stock', '240', '250'), held('bnd', 'bond', '375', '80')],
        cash: '10000',
        targets: { stock: '50', bond: '40', cash: '10' },
        allowSells: false,
      }),
    );

    expect(result.suggestions).toEqual([]);
    expect(result.warnings).toEqual([
      'stock is over its band (45%–55%), but sells are not allowed, so it is not reduced.',
      'Without sells, cash pays for 0 of the 10000 reaching the targets needs, so purchases are cut in proportion to the underweights.',
    ]);
  });
});
