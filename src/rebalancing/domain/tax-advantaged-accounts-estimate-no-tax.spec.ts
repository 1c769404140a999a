import { Big, toDecimalString } from '../../common/decimal/decimal';
import { at, LedgerWorld } from '../../portfolio/domain/ledger.fixtures';
import { estimateSales } from '../../portfolio/domain/sale-estimates';
import { givenGenerator, held, lot, readable } from './suggestions.fixtures';
import { generateSuggestions } from './suggestions';
import { harvestOpportunities } from './tax-loss-harvesting';
import { estimateTax } from './what-if-tax';

/**
 * A sale inside a tax-deferred or tax-exempt account realizes nothing reportable (issue 17), so
 * harvesting, suggestions and what-if estimate tax on taxable accounts only.
 */
describe('tax estimates in tax-advantaged accounts', () => {
  // Stock is 60,000 of 100,000 against a 50% target, so 10,000 of it (40 VTI at 250) is sold.
  // The new lot, 120 at 300 each, is at a short-term loss of 50 a unit: 40 of it lose 2,000.
  const vti = held('vti', 'stock', '240', '250', [lot('vti-old', '120', '12000', '2020-01-02'), lot('vti-new', '120', '36000', '2025-09-15')]);
  const bond = held('bnd', 'bond', '375', '80');
  const stockSale = (accountType?: 'TAXABLE' | 'TAX_DEFERRED' | 'TAX_EXEMPT') =>
    generateSuggestions({
      ...givenGenerator({ holdings: [vti, bond], cash: '10000', targets: { stock: '50', bond: '40', cash: '10' } }),
      accountType,
    }).suggestions.find((suggestion) => suggestion.action === 'SELL')!;

  it('suggests the same 40 VTI in an IRA, but with no realized gain, no loss harvested and no tax implication', () => {
    expect(readable(stockSale('TAXABLE'))).toMatchObject({
      taxImplication: 'LOSS',
      estimatedRealizedGain: { shortTerm: '-2000', longTerm: '0' },
      taxLossHarvesting: true,
    });
    for (const accountType of ['TAX_DEFERRED', 'TAX_EXEMPT'] as const) {
      expect(readable(stockSale(accountType))).toMatchObject({
        symbol: 'VTI',
        quantity: '40',
        estimatedValue: '10000',
        taxImplication: 'NEUTRAL',
        estimatedRealizedGain: { shortTerm: '0', longTerm: '0' },
        taxLossHarvesting: false,
        washSale: false,
      });
    }
  });

  it('lists no harvesting opportunity in a tax-advantaged account', () => {
    const input = {
      // 100 VTI bought at 250, now 200: a long-term loss of 5,000, which at 20 % would save 1,000 in a taxable account.
      lots: [{ ...lot('vti-long', '100', '25000', '2022-04-01'), assetId: 'vti', symbol: 'VTI', assetType: 'stock' }],
      prices: new Map([['vti', new Big(200)]]),
      catalogue: [],
      washSaleLots: [],
      now: at('2026-06-30T12:00:00Z'),
      minLoss: new Big(0),
      minLossPercent: new Big(0),
      shortTermRate: new Big('0.37'),
      longTermRate: new Big('0.2'),
    };
    expect(harvestOpportunities(input).map((o) => toDecimalString(o.estimatedTaxSaving))).toEqual(['1000']);
    expect(harvestOpportunities({ ...input, accountType: 'TAXABLE' })).toHaveLength(1);
    expect(harvestOpportunities({ ...input, accountType: 'TAX_DEFERRED' })).toEqual([]);
    expect(harvestOpportunities({ ...input, accountType: 'TAX_EXEMPT' })).toEqual([]);
  });

  it('estimates no what-if tax on a sale in an IRA: 10 X bought at 100, sold at 130, a 300 gain realized nowhere reportable', () => {
    const world = new LedgerWorld({ brokerage: 'FIFO', ira: 'FIFO' }, { ira: 'TAX_DEFERRED' });
    world.deposit('brokerage', '2026-01-02', '1000');
    world.deposit('ira', '2026-01-02', '1000');
    world.buy('brokerage', '2026-01-10', 'x', '10', '100');
    world.buy('ira', '2026-01-10', 'x', '10', '100');
    const portfolios = [
      { id: 'brokerage', lotMethod: 'FIFO' as const, accountType: 'TAXABLE' as const },
      { id: 'ira', lotMethod: 'FIFO' as const, accountType: 'TAX_DEFERRED' as const },
    ];
    const sale = { id: '00000000-0000-4000-9000-000000000001', tradeIndex: 0, assetId: 'x', quantity: new Big(10), price: new Big(130) };
    const taxOf = (portfolioId: string) => {
      const gains = estimateSales(portfolios, world.transactions, portfolioId, [sale], at('2026-03-01T15:00:00Z'), []);
      return estimateTax([{ tradeIndex: 0, gains: gains.get(sale.id) ?? [] }]);
    };
    expect(toDecimalString(taxOf('brokerage').shortTerm.net)).toBe('300');
    const ira = taxOf('ira');
    expect([ira.shortTerm.net, ira.longTerm.net, ira.washSaleDisallowed].map((v) => toDecimalString(v))).toEqual(['0', '0', '0']);
  });
});
