import { brief, givenGenerator, held, lot, readable, type GeneratorWorld } from './suggestions.fixtures';
import { generateSuggestions } from './suggestions';

// Stock is 60,000 of 100,000 against a 50% target, so 10,000 of it (40 VTI at 250) is sold.
const targets = { stock: '50', bond: '40', cash: '10' };
const bond = held('bnd', 'bond', '375', '80');

function stockSale(world: Omit<GeneratorWorld, 'cash' | 'targets'>) {
  return generateSuggestions(givenGenerator({ ...world, cash: '10000', targets })).suggestions.filter((s) => s.action === 'SELL');
}

describe('which stock lots a tax-aware plan sells', () => {
  // Old lot: 120 at 100 each, a long-term gain of 150 a unit. New lot: 120 at 300 each, a short-term loss of 50 a unit.
  const gainAndLoss = held('vti', 'stock', '240', '250', [lot('vti-old', '120', '12000', '2020-01-02'), lot('vti-new', '120', '36000', '2025-09-15')]);

  it('sells the loss lot first and marks the sale as tax-loss harvesting', () => {
    const [sale] = stockSale({ holdings: [gainAndLoss, bond] });

    expect(readable(sale)).toMatchObject({
      symbol: 'VTI',
      quantity: '40',
      estimatedValue: '10000',
      taxImplication: 'LOSS',
      lots: [{ lotId: 'vti-new', quantity: '40', gain: '-2000', term: 'SHORT' }],
      estimatedRealizedGain: { shortTerm: '-2000', longTerm: '0' },
      taxLossHarvesting: true,
      washSale: false,
      reason: 'stock is 10.0 points over its 50% target (WARNING): sell to bring it back to target, harvesting a loss.',
    });
  });

  it('relieves the oldest lot first when not tax-aware, realizing its gain', () => {
    const [sale] = stockSale({ holdings: [gainAndLoss, bond], taxAware: false });

    expect(readable(sale)).toMatchObject({
      lots: [{ lotId: 'vti-old', quantity: '40', gain: '6000', term: 'LONG' }],
      estimatedRealizedGain: { shortTerm: '0', longTerm: '6000' },
      taxImplication: 'GAIN',
      taxLossHarvesting: false,
    });
  });

  it('sells the loss of a second asset of the class first, across holdings', () => {
    const vti = held('vti', 'stock', '120', '250', [lot('vti-1', '120', '12000', '2020-01-02')]);
    const voo = held('voo', 'stock', '60', '500', [lot('voo-1', '60', '36000', '2025-09-15')]);

    const sales = stockSale({ holdings: [vti, voo, bond] });

    expect(sales.map(brief)).toEqual([{ action: 'SELL', symbol: 'VOO', quantity: '20', estimatedValue: '10000', priority: 'MEDIUM' }]);
    expect(readable(sales[0]).lots).toEqual([{ lotId: 'voo-1', quantity: '20', gain: '-2000', term: 'SHORT', washSaleDisallowed: '0' }]);
    expect(sales[0].taxLossHarvesting).toBe(true);
    expect(stockSale({ holdings: [vti, voo, bond], taxAware: false }).map(brief)).toEqual([
      { action: 'SELL', symbol: 'VTI', quantity: '40', estimatedValue: '10000', priority: 'MEDIUM' },
    ]);
  });

  it('takes long-term gains before short-term ones, the least gain per unit of value first', () => {
    // Per unit at 250: lt-big gains 150, lt-small 25, st-tiny 5. 40 units: all 30 of lt-small, then 10 of lt-big.
    const vti = held('vti', 'stock', '240', '250', [
      lot('lt-big', '100', '10000', '2019-05-01'),
      lot('lt-small', '30', '6750', '2022-05-01'),
      lot('st-tiny', '110', '26950', '2025-12-01'),
    ]);

    const [sale] = stockSale({ holdings: [vti, bond] });

    expect(readable(sale).lots).toEqual([
      { lotId: 'lt-small', quantity: '30', gain: '750', term: 'LONG', washSaleDisallowed: '0' },
      { lotId: 'lt-big', quantity: '10', gain: '1500', term: 'LONG', washSaleDisallowed: '0' },
    ]);
    expect(readable(sale).estimatedRealizedGain).toEqual({ shortTerm: '0', longTerm: '2250' });
  });

  it('splits a lot basis in proportion to the units relieved, half-even at 10 places as the ledger does', () => {
    const vti = held('vti', 'stock', '240', '250', [lot('vti-1', '240', '50000', '2020-01-02')]);

    const [sale] = stockSale({ holdings: [vti, bond] });

    // 50000 × 40 / 240 = 8333.33333333333…, so the basis relieved is 8333.3333333333.
    expect(readable(sale).lots).toEqual([{ lotId: 'vti-1', quantity: '40', gain: '1666.6666666667', term: 'LONG', washSaleDisallowed: '0' }]);
  });
});
