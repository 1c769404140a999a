import { brief, givenGenerator, held, readable } from './suggestions.fixtures';
import { generateSuggestions } from './suggestions';

const stock = held('vti', 'stock', '240', '250');
const targets = { stock: '50', bond: '40', cash: '10' };

describe('where a class BUY goes', () => {
  it('goes to the preferred asset, held or not', () => {
    const result = generateSuggestions(
      givenGenerator({
        holdings: [stock, held('bnd', 'bond', '375', '80')],
        cash: '10000',
        targets,
        preferred: { bond: 'agg' },
        catalogue: { agg: { assetType: 'bond', price: '100' } },
      }),
    );

    expect(readable(result.suggestions[1])).toMatchObject({ assetId: 'agg', symbol: 'AGG', quantity: '100', currentQuantity: '0', suggestedQuantity: '100' });
  });

  it('goes to the largest holding of the class by value without a preferred asset', () => {
    const result = generateSuggestions(
      givenGenerator({ holdings: [stock, held('bnd', 'bond', '125', '80'), held('agg', 'bond', '200', '100')], cash: '10000', targets }),
    );

    expect(result.suggestions.map(brief)).toEqual([
      { action: 'SELL', symbol: 'VTI', quantity: '40', estimatedValue: '10000', priority: 'MEDIUM' },
      { action: 'BUY', symbol: 'AGG', quantity: '100', estimatedValue: '10000', priority: 'MEDIUM' },
    ]);
  });

  it('is a class-level suggestion with a warning when nothing of the class is preferred or held', () => {
    const result = generateSuggestions(
      givenGenerator({ holdings: [held('vti', 'stock', '360', '250')], cash: '10000', targets: { stock: '50', bond: '40', cash: '10' } }),
    );

    expect(result.suggestions.map(readable)[1]).toEqual({
      assetId: null,
      symbol: null,
      assetType: 'bond',
      action: 'BUY',
      quantity: null,
      currentQuantity: '0',
      suggestedQuantity: '0',
      price: null,
      estimatedValue: '40000',
      priority: 'HIGH',
      taxImplication: 'NEUTRAL',
      lots: [],
      estimatedRealizedGain: { shortTerm: '0', longTerm: '0' },
      taxLossHarvesting: false,
      washSale: false,
      reason: 'bond is 40.0 points under its 40% target (CRITICAL): buy to bring it back to target (no bond asset is preferred or held).',
    });
    expect(result.warnings).toEqual(['No bond asset is preferred or held, so the bond to buy is suggested without an asset.']);
  });

  it('passes over a preferred asset without a price, with a warning', () => {
    const result = generateSuggestions(
      givenGenerator({
        holdings: [stock, held('bnd', 'bond', '375', '80')],
        cash: '10000',
        targets,
        preferred: { bond: 'agg' },
        catalogue: { agg: { assetType: 'bond', price: null } },
      }),
    );

    expect(result.suggestions[1].symbol).toBe('BND');
    expect(result.warnings).toEqual(['agg, the preferred bond asset, has no price, so it is not bought.']);
  });
});

describe('holdings the drift cannot price or has no target for', () => {
  it('counts a holding without a price as 0 and never trades it, with a warning', () => {
    const result = generateSuggestions(
      givenGenerator({ holdings: [stock, held('bnd', 'bond', '375', '80'), held('gld', 'bond', '10', null)], cash: '10000', targets }),
    );

    expect(result.suggestions.map(brief)).toEqual([
      { action: 'SELL', symbol: 'VTI', quantity: '40', estimatedValue: '10000', priority: 'MEDIUM' },
      { action: 'BUY', symbol: 'BND', quantity: '125', estimatedValue: '10000', priority: 'MEDIUM' },
    ]);
    expect(result.warnings).toEqual(['GLD has no price, so it counts as 0 and is not traded.']);
  });

  it('sells all of a class without a target, listing equal sales by symbol', () => {
    const result = generateSuggestions(
      givenGenerator({
        holdings: [
          held('vti', 'stock', '200', '250'),
          held('bnd', 'bond', '500', '80'),
          held('eth', 'crypto', '2', '2500'),
          held('btc', 'crypto', '0.05', '100000'),
        ],
        cash: '0',
        targets: { stock: '50', bond: '40', cash: '10' },
      }),
    );

    expect(result.suggestions.slice(0, 2).map(brief)).toEqual([
      { action: 'SELL', symbol: 'BTC', quantity: '0.05', estimatedValue: '5000', priority: 'HIGH' },
      { action: 'SELL', symbol: 'ETH', quantity: '2', estimatedValue: '5000', priority: 'HIGH' },
    ]);
    expect(result.suggestions[0].reason).toBe('crypto has no target and is 10.0% of the portfolio (CRITICAL): sell it, as it has no target.');
  });
});
