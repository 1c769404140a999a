import { brief, daysAgo, givenGenerator, held, lot, readable, type GeneratorWorld } from './suggestions.fixtures';
import { generateSuggestions } from './suggestions';

const targets = { stock: '50', bond: '40', cash: '10' };
const bond = held('bnd', 'bond', '375', '80');
// Old lot: a long-term gain of 150 a unit; new lot: a short-term loss of 50 a unit.
const gainAndLoss = held('vti', 'stock', '240', '250', [lot('vti-old', '120', '12000', '2020-01-02'), lot('vti-new', '120', '36000', '2025-09-15')]);
const boughtVti = { assetId: 'vti', kind: 'BUY' as const, at: daysAgo(10) };

function plan(world: Omit<GeneratorWorld, 'cash' | 'targets'>) {
  return generateSuggestions(givenGenerator({ ...world, cash: '10000', targets }));
}

describe('wash sales: a loss sale within 30 days of a purchase of the same asset', () => {
  it('sells another lot of the asset instead of the loss lot when the asset was bought 10 days ago', () => {
    const [sale] = plan({ holdings: [gainAndLoss, bond], recent: [boughtVti] }).suggestions;

    expect(readable(sale)).toMatchObject({
      action: 'SELL',
      lots: [{ lotId: 'vti-old', quantity: '40', gain: '6000', term: 'LONG' }],
      taxLossHarvesting: false,
      washSale: false,
    });
  });

  it('sells another asset of the class instead', () => {
    const vti = held('vti', 'stock', '60', '500', [lot('vti-1', '60', '36000', '2025-09-15')]);
    const voo = held('voo', 'stock', '120', '250', [lot('voo-1', '120', '12000', '2020-01-02')]);

    const [sale] = plan({ holdings: [vti, voo, bond], recent: [boughtVti] }).suggestions;

    expect(brief(sale)).toEqual({ action: 'SELL', symbol: 'VOO', quantity: '40', estimatedValue: '10000', priority: 'MEDIUM' });
    expect(sale.washSale).toBe(false);
  });

  it('sells at a loss when nothing else is left, flagged as a wash sale and not as harvesting', () => {
    const onlyLoss = held('vti', 'stock', '240', '250', [lot('vti-1', '240', '72000', '2025-09-15')]);

    const [sale] = plan({ holdings: [onlyLoss, bond], recent: [boughtVti] }).suggestions;

    expect(readable(sale)).toMatchObject({
      lots: [{ lotId: 'vti-1', quantity: '40', gain: '-2000', term: 'SHORT' }],
      taxImplication: 'LOSS',
      taxLossHarvesting: false,
      washSale: true,
      reason:
        'stock is 10.0 points over its 50% target (WARNING): sell to bring it back to target; the loss is a wash sale, as VTI was bought in the last 30 days.',
    });
  });

  it('takes the loss lot only for what the other lots cannot cover', () => {
    // Stock has no target here, so all of it is sold: the gain lot first, then the loss lot, as a wash sale.
    const input = givenGenerator({ holdings: [gainAndLoss, bond], cash: '10000', targets: { bond: '90', cash: '10' }, recent: [boughtVti] });

    const [sale] = generateSuggestions(input).suggestions;

    expect(readable(sale).lots).toEqual([
      { lotId: 'vti-old', quantity: '120', gain: '18000', term: 'LONG', washSaleDisallowed: '0' },
      { lotId: 'vti-new', quantity: '120', gain: '-6000', term: 'SHORT', washSaleDisallowed: '6000' },
    ]);
    expect(readable(sale).estimatedRealizedGain).toEqual({ shortTerm: '-6000', longTerm: '18000' });
    expect(sale.washSale).toBe(true);
    expect(sale.taxLossHarvesting).toBe(false);
    expect(sale.reason).toBe(
      'stock has no target and is 60.0% of the portfolio (CRITICAL): sell it, as it has no target; the loss is a wash sale, as VTI was bought in the last 30 days.',
    );
  });

  it('still flags the wash sale when not tax-aware, without avoiding it', () => {
    const lossFirst = held('vti', 'stock', '240', '250', [lot('vti-new', '120', '36000', '2019-09-15'), lot('vti-old', '120', '12000', '2020-01-02')]);

    const [sale] = plan({ holdings: [lossFirst, bond], recent: [boughtVti], taxAware: false }).suggestions;

    expect(readable(sale).lots).toEqual([{ lotId: 'vti-new', quantity: '40', gain: '-2000', term: 'LONG', washSaleDisallowed: '2000' }]);
    expect(sale.washSale).toBe(true);
    expect(sale.taxLossHarvesting).toBe(false);
  });

  it('ignores a purchase 31 days ago', () => {
    const [sale] = plan({ holdings: [gainAndLoss, bond], recent: [{ ...boughtVti, at: daysAgo(31) }] }).suggestions;

    expect(sale.lots.map((l) => l.lotId)).toEqual(['vti-new']);
    expect(sale.taxLossHarvesting).toBe(true);
  });
});

describe('wash sales: buying an asset sold at a loss in the last 30 days', () => {
  const stock = held('vti', 'stock', '240', '250');
  const soldBnd = { assetId: 'bnd', kind: 'LOSS_SALE' as const, at: daysAgo(5) };

  it('buys another bond of the catalogue instead of the preferred one', () => {
    const result = plan({ holdings: [stock, bond], preferred: { bond: 'bnd' }, catalogue: { agg: { assetType: 'bond', price: '100' } }, recent: [soldBnd] });

    const buy = result.suggestions.find((s) => s.action === 'BUY');
    expect(buy && readable(buy)).toMatchObject({
      symbol: 'AGG',
      quantity: '100',
      currentQuantity: '0',
      suggestedQuantity: '100',
      estimatedValue: '10000',
      washSale: false,
      reason:
        'bond is 10.0 points under its 40% target (WARNING): buy to bring it back to target with AGG instead of BND, which was sold at a loss in the last 30 days.',
    });
  });

  it('buys it anyway, flagged, when the class has no other asset', () => {
    const buy = plan({ holdings: [stock, bond], recent: [soldBnd] }).suggestions.find((s) => s.action === 'BUY');

    expect(buy?.symbol).toBe('BND');
    expect(buy?.washSale).toBe(true);
    expect(buy?.reason).toBe(
      'bond is 10.0 points under its 40% target (WARNING): buy to bring it back to target; BND was sold at a loss in the last 30 days, so this is a wash sale.',
    );
  });

  it('keeps to the preferred asset and flags it when not tax-aware', () => {
    const buy = plan({ holdings: [stock, bond], catalogue: { agg: { assetType: 'bond', price: '100' } }, recent: [soldBnd], taxAware: false }).suggestions.find(
      (s) => s.action === 'BUY',
    );

    expect(buy?.symbol).toBe('BND');
    expect(buy?.washSale).toBe(true);
  });
});
