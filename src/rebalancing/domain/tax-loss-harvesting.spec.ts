import { Big, toDecimalString } from '../../common/decimal/decimal';
import { daysAgo, lot, NOW, washSaleLotsOf } from './suggestions.fixtures';
import type { CatalogueAsset } from './suggestions';
import { harvestOpportunities, type HarvestInput, type HarvestLot, type HarvestOpportunity } from './tax-loss-harvesting';

const d = (value: string) => new Big(value);

function lotOf(assetId: string, assetType: string, ...args: Parameters<typeof lot>): HarvestLot {
  return { ...lot(...args), assetId, symbol: assetId.toUpperCase(), assetType };
}

const catalogue: CatalogueAsset[] = [
  { assetId: 'vti', symbol: 'VTI', assetType: 'stock', price: d('200') },
  { assetId: 'voo', symbol: 'VOO', assetType: 'stock', price: d('400') },
  { assetId: 'itot', symbol: 'ITOT', assetType: 'stock', price: null },
  { assetId: 'bnd', symbol: 'BND', assetType: 'bond', price: d('70') },
];

function given(changes: Partial<HarvestInput> = {}): HarvestInput {
  return {
    lots: [
      // 100 VTI bought at 250, now 200: a long-term loss of 5,000, 20%.
      lotOf('vti', 'stock', 'vti-long', '100', '25000', '2022-04-01'),
      // 10 VTI bought at 210: a short-term loss of 100, 4.76…%.
      lotOf('vti', 'stock', 'vti-short', '10', '2100', '2025-11-20'),
      // 50 BND bought at 80, now 70: a short-term loss of 500, 12.5%.
      lotOf('bnd', 'bond', 'bnd-1', '50', '4000', '2025-10-01'),
      // 5 VOO bought at 300, now 400: a gain, never an opportunity.
      lotOf('voo', 'stock', 'voo-1', '5', '1500', '2023-01-01'),
      // No price: skipped.
      lotOf('itot', 'stock', 'itot-1', '5', '1500', '2023-01-01'),
    ],
    prices: new Map([
      ['vti', d('200')],
      ['voo', d('400')],
      ['bnd', d('70')],
    ]),
    catalogue,
    washSaleLots: [],
    now: NOW,
    minLoss: d('0'),
    minLossPercent: d('0'),
    shortTermRate: d('0.37'),
    longTermRate: d('0.2'),
    ...changes,
  };
}

function readable(opportunity: HarvestOpportunity) {
  return {
    ...opportunity,
    quantity: toDecimalString(opportunity.quantity),
    costBasis: toDecimalString(opportunity.costBasis),
    marketValue: toDecimalString(opportunity.marketValue),
    unrealizedLoss: toDecimalString(opportunity.unrealizedLoss),
    lossPercent: toDecimalString(opportunity.lossPercent),
    estimatedTaxSaving: toDecimalString(opportunity.estimatedTaxSaving),
    washSaleDisallowed: toDecimalString(opportunity.washSaleDisallowed),
    washSaleSafeAfter: opportunity.washSaleSafeAfter?.toISOString() ?? null,
  };
}

describe('tax-loss harvesting opportunities', () => {
  it('lists every priced lot at a loss, the largest loss first, with its tax saving at the rate of its term', () => {
    expect(harvestOpportunities(given()).map(readable)).toEqual([
      {
        lotId: 'vti-long',
        assetId: 'vti',
        symbol: 'VTI',
        assetType: 'stock',
        quantity: '100',
        costBasis: '25000',
        marketValue: '20000',
        unrealizedLoss: '5000',
        lossPercent: '20',
        term: 'LONG',
        washSaleBlocked: false,
        washSaleDisallowed: '0',
        washSaleSafeAfter: null,
        replacementCandidates: [{ assetId: 'voo', symbol: 'VOO' }],
        estimatedTaxSaving: '1000',
      },
      {
        lotId: 'bnd-1',
        assetId: 'bnd',
        symbol: 'BND',
        assetType: 'bond',
        quantity: '50',
        costBasis: '4000',
        marketValue: '3500',
        unrealizedLoss: '500',
        lossPercent: '12.5',
        term: 'SHORT',
        washSaleBlocked: false,
        washSaleDisallowed: '0',
        washSaleSafeAfter: null,
        replacementCandidates: [],
        estimatedTaxSaving: '185',
      },
      {
        lotId: 'vti-short',
        assetId: 'vti',
        symbol: 'VTI',
        assetType: 'stock',
        quantity: '10',
        costBasis: '2100',
        marketValue: '2000',
        unrealizedLoss: '100',
        lossPercent: '4.76190476190476190476',
        term: 'SHORT',
        washSaleBlocked: false,
        washSaleDisallowed: '0',
        washSaleSafeAfter: null,
        replacementCandidates: [{ assetId: 'voo', symbol: 'VOO' }],
        estimatedTaxSaving: '37',
      },
    ]);
  });

  it('keeps only losses of at least minLoss in money, the threshold itself included', () => {
    expect(harvestOpportunities(given({ minLoss: d('500') })).map((o) => o.lotId)).toEqual(['vti-long', 'bnd-1']);
    expect(harvestOpportunities(given({ minLoss: d('500.01') })).map((o) => o.lotId)).toEqual(['vti-long']);
  });

  it('keeps only losses of at least minLossPercent of the basis, compared exactly', () => {
    expect(harvestOpportunities(given({ minLossPercent: d('12.5') })).map((o) => o.lotId)).toEqual(['vti-long', 'bnd-1']);
    // 100 / 2100 is 4.76190476190476190476190…%: over this threshold, though its 20-place display is under it.
    expect(harvestOpportunities(given({ minLossPercent: d('4.761904761904761904761') })).map((o) => o.lotId)).toEqual(['vti-long', 'bnd-1', 'vti-short']);
    expect(harvestOpportunities(given({ minLossPercent: d('4.761904761904761904762') })).map((o) => o.lotId)).toEqual(['vti-long', 'bnd-1']);
  });

  it('needs both thresholds at once', () => {
    expect(harvestOpportunities(given({ minLoss: d('400'), minLossPercent: d('15') })).map((o) => o.lotId)).toEqual(['vti-long']);
  });

  it('marks a lot blocked by a purchase of its asset in the last 30 days, safe from the 31st day after the last one', () => {
    const recent = [
      { assetId: 'vti', kind: 'BUY' as const, at: new Date('2026-02-10T21:30:00Z') },
      { assetId: 'vti', kind: 'BUY' as const, at: new Date('2026-02-20T09:00:00Z') },
      { assetId: 'vti', kind: 'BUY' as const, at: daysAgo(45) },
      { assetId: 'bnd', kind: 'LOSS_SALE' as const, at: daysAgo(3) },
    ];

    const byLot = new Map(harvestOpportunities(given({ washSaleLots: washSaleLotsOf([], recent) })).map((o) => [o.lotId, readable(o)]));

    expect(byLot.get('vti-long')).toMatchObject({ washSaleBlocked: true, washSaleSafeAfter: '2026-03-23T00:00:00.000Z' });
    expect(byLot.get('vti-short')).toMatchObject({ washSaleBlocked: true, washSaleSafeAfter: '2026-03-23T00:00:00.000Z' });
    expect(byLot.get('bnd-1')).toMatchObject({ washSaleBlocked: false, washSaleSafeAfter: null });
  });

  it('counts only the loss the ledger would allow as a saving: 25 VTI bought 10 days ago disallow 1,250 of the 5,000 and all of the 100', () => {
    const replacement = { lotId: 'vti-new', openedBy: 'vti-new', assetId: 'vti', quantity: d('25'), acquiredAt: daysAgo(10), canReplace: true };
    const byLot = new Map(harvestOpportunities(given({ washSaleLots: [replacement] })).map((o) => [o.lotId, readable(o)]));

    // vti-long: 5,000 × 25/100 = 1,250 disallowed; (5,000 − 1,250) × 20% long-term = 750.
    expect(byLot.get('vti-long')).toMatchObject({ unrealizedLoss: '5000', washSaleDisallowed: '1250', estimatedTaxSaving: '750' });
    // vti-short: its 10 shares all find a replacement, so nothing is saved this year.
    expect(byLot.get('vti-short')).toMatchObject({ unrealizedLoss: '100', washSaleDisallowed: '100', estimatedTaxSaving: '0' });
    // bnd-1 is untouched: 500 × 37%.
    expect(byLot.get('bnd-1')).toMatchObject({ washSaleDisallowed: '0', estimatedTaxSaving: '185' });
  });

  it('offers as replacements only priced assets of the same class, never the asset itself', () => {
    const [vtiLong] = harvestOpportunities(given());

    expect(vtiLong.replacementCandidates).toEqual([{ assetId: 'voo', symbol: 'VOO' }]);
    expect(
      harvestOpportunities(given({ catalogue: [...catalogue, { assetId: 'schb', symbol: 'SCHB', assetType: 'stock', price: d('25') }] }))[0]
        .replacementCandidates,
    ).toEqual([
      { assetId: 'schb', symbol: 'SCHB' },
      { assetId: 'voo', symbol: 'VOO' },
    ]);
  });

  it('counts a lot held exactly one year as short-term, and one day more as long-term', () => {
    const lots = [lotOf('vti', 'stock', 'a', '1', '300', '2025-03-02'), lotOf('vti', 'stock', 'b', '1', '300', '2025-03-01')];

    const terms = harvestOpportunities(given({ lots })).map((o) => [o.lotId, o.term, toDecimalString(o.estimatedTaxSaving)]);

    expect(terms).toEqual([
      ['a', 'SHORT', '37'],
      ['b', 'LONG', '20'],
    ]);
  });
});
