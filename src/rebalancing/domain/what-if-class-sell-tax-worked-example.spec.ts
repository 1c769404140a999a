import { toDecimalString } from '../../common/decimal/decimal';
import { at, d, LedgerWorld } from '../../portfolio/domain/ledger.fixtures';
import { estimateSales } from '../../portfolio/domain/sale-estimates';
import { simulateWhatIf } from './what-if';
import { estimateTax } from './what-if-tax';
import { givenWhatIf, holding, succeeded, trade } from './rebalancing.fixtures';

/**
 * A deposit of 10,000; 40 WS1 bought at 80 on 2025-01-10 (3,200) and 20 WS2 bought at 120 on
 * 2026-06-01 (2,400), so 4,400 of cash. Both are priced 100 on 2026-12-01, so stock is worth
 * 4,000 + 2,000 = 6,000. Selling 3,000 of the class takes half of each holding pro rata:
 *   20 WS1 = 2,000, basis 20 × 80 = 1,600, held since 2025-01-10: long-term gain +400;
 *   10 WS2 = 1,000, basis 10 × 120 = 1,200, held six months: short-term loss −200.
 * No purchase of either lies within 30 days of the sale, so nothing is a wash sale.
 */
describe('what-if tax of a class-level SELL spread over two assets', () => {
  const now = at('2026-12-01T15:00:00Z');
  const world = new LedgerWorld({ p: 'FIFO' });
  world.deposit('p', '2025-01-02', '10000');
  world.buy('p', '2025-01-10', 'ws1', '40', '80');
  world.buy('p', '2026-06-01', 'ws2', '20', '120');

  function estimate() {
    const simulation = succeeded(
      simulateWhatIf(
        givenWhatIf({ holdings: [holding('ws1', 'stock', '40', '100'), holding('ws2', 'stock', '20', '100')], cash: '4400' }, [
          trade('SELL', { assetType: 'stock' }, { value: '3000' }),
        ]),
      ),
    );
    const sales = simulation.fills.map((fill, i) => ({
      id: `00000000-0000-4000-9000-00000000000${i}`,
      tradeIndex: fill.tradeIndex,
      assetId: fill.assetId!,
      quantity: fill.quantity!,
      price: d('100'),
    }));
    const gains = estimateSales([{ id: 'p', lotMethod: 'FIFO' }], world.transactions, 'p', sales, now, []);
    return { fills: simulation.fills, tax: estimateTax(sales.map((sale) => ({ tradeIndex: sale.tradeIndex, gains: gains.get(sale.id) ?? [] }))) };
  }

  it('sells 20 WS1 and 10 WS2, both parts of trade 0', () => {
    expect(estimate().fills.map((fill) => [fill.tradeIndex, fill.assetId, toDecimalString(fill.quantity!), toDecimalString(fill.value)])).toEqual([
      [0, 'ws1', '20', '2000'],
      [0, 'ws2', '10', '1000'],
    ]);
  });

  it('counts each asset’s gain once: +400 long-term and −200 short-term, not once per part of the trade', () => {
    const { tax } = estimate();

    expect({
      longTerm: [tax.longTerm.gains, tax.longTerm.losses, tax.longTerm.net].map((v) => toDecimalString(v)),
      shortTerm: [tax.shortTerm.gains, tax.shortTerm.losses, tax.shortTerm.net].map((v) => toDecimalString(v)),
      washSaleDisallowed: toDecimalString(tax.washSaleDisallowed),
    }).toEqual({ longTerm: ['400', '0', '400'], shortTerm: ['0', '-200', '-200'], washSaleDisallowed: '0' });
  });
});
