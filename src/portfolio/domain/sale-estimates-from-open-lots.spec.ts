import fc from 'fast-check';
import { Big, toDecimalString } from '../../common/decimal/decimal';
import { deriveId, replayLedger, type OpenLot, type RealizedGain } from './ledger';
import { DAY_MS, histories, replayed } from './ledger-histories.fixtures';
import { estimateSales, estimateSalesFromOpenLots, type HypotheticalSale } from './sale-estimates';

function figures(gains: Map<string, RealizedGain[]> | null): unknown {
  if (gains === null) return null;
  return [...gains].map(([saleId, rows]) => [
    saleId,
    rows.map((row) => ({
      ...row,
      quantity: toDecimalString(row.quantity),
      proceeds: toDecimalString(row.proceeds),
      costBasis: toDecimalString(row.costBasis),
      gain: toDecimalString(row.gain),
      washSaleDisallowed: toDecimalString(row.washSaleDisallowed),
      washSaleLostForGood: toDecimalString(row.washSaleLostForGood),
      reportableGain: toDecimalString(row.reportableGain),
    })),
  ]);
}

/** Lots of one asset opened at the same instant: only their opening transactions could order them. */
function tiedAmong(lots: OpenLot[], assets: Set<string>): boolean {
  const seen = lots.filter((lot) => assets.has(lot.assetId)).map((lot) => `${lot.assetId}@${lot.acquiredAt.getTime()}`);
  return new Set(seen).size < seen.length;
}

describe('estimateSalesFromOpenLots: a sale now from the open lots alone', () => {
  it('relieves lots in the lot method order and reports each row as the replay would (a worked FIFO example)', () => {
    const lots: OpenLot[] = [
      // 10 bought at 12.00 in 2023 (long term by now), then 10 at 18.00 in 2026 (short term).
      {
        id: 'lot-a',
        portfolioId: 'p',
        assetId: 'VTI',
        quantity: new Big(10),
        costBasis: new Big(120),
        acquiredAt: new Date('2023-03-01T00:00:00Z'),
        holdingPeriodStart: new Date('2023-03-01T00:00:00Z'),
        washSaleAdjustment: new Big(0),
      },
      {
        id: 'lot-b',
        portfolioId: 'p',
        assetId: 'VTI',
        quantity: new Big(10),
        costBasis: new Big(180),
        acquiredAt: new Date('2026-06-01T00:00:00Z'),
        holdingPeriodStart: new Date('2026-06-01T00:00:00Z'),
        washSaleAdjustment: new Big(0),
      },
    ];
    const at = new Date('2026-12-01T12:00:00Z');
    const gains = estimateSalesFromOpenLots(
      { id: 'p', lotMethod: 'FIFO' },
      lots,
      [{ id: 's1', assetId: 'VTI', quantity: new Big(15), price: new Big(15) }],
      at,
    );
    // 10 × 15 − 120 = +30 long term; 5 × 15 − 90 (half of 180) = −15 short term.
    expect(
      gains?.get('s1')?.map((row) => [row.lotId, row.quantity.toString(), row.proceeds.toString(), row.costBasis.toString(), row.gain.toString(), row.term]),
    ).toEqual([
      ['lot-a', '10', '150', '120', '30', 'LONG'],
      ['lot-b', '5', '75', '90', '-15', 'SHORT'],
    ]);
    expect(gains?.get('s1')?.[0].id).toBe(deriveId('s1', 'lot-a'));
  });

  it('gives up (null) when two lots of a sold asset were acquired at the same instant', () => {
    const when = new Date('2025-01-02T00:00:00Z');
    const lot = (id: string): OpenLot => ({
      id,
      portfolioId: 'p',
      assetId: 'VTI',
      quantity: new Big(1),
      costBasis: new Big(10),
      acquiredAt: when,
      holdingPeriodStart: when,
      washSaleAdjustment: new Big(0),
    });
    expect(
      estimateSalesFromOpenLots(
        { id: 'p', lotMethod: 'FIFO' },
        [lot('x'), lot('y')],
        [{ id: 's', assetId: 'VTI', quantity: new Big(1), price: new Big(9) }],
        new Date('2026-12-01T00:00:00Z'),
      ),
    ).toBeNull();
  });

  it('equals the replay with the sales appended, whenever no purchase is in the window of a sale now', () => {
    const sales = fc.array(fc.record({ pick: fc.nat({ max: 9 }), percent: fc.integer({ min: 1, max: 100 }), cents: fc.integer({ min: 1, max: 20_000 }) }), {
      minLength: 1,
      maxLength: 4,
    });
    let decided = 0;
    fc.assert(
      fc.property(histories, fc.integer({ min: 32, max: 900 }), sales, ({ portfolios, transactions }, daysLater, intents) => {
        // Past the last transaction by more than the window, so none of the history's purchases is in it.
        const last = Math.max(...transactions.map((tx) => tx.executedAt.getTime()));
        const at = new Date(last + daysLater * DAY_MS);
        const portfolio = portfolios[0];
        const lots = replayed(replayLedger(portfolios, transactions)).get(portfolio.id)?.lots ?? [];
        if (lots.length === 0) return;
        const left = new Map<string, Big>();
        for (const lot of lots) left.set(lot.assetId, (left.get(lot.assetId) ?? new Big(0)).plus(lot.quantity));
        const hypothetical: HypotheticalSale[] = intents.flatMap(({ pick, percent, cents }, i) => {
          const assetId = lots[pick % lots.length].assetId;
          const quantity = (left.get(assetId) ?? new Big(0)).times(percent).div(100).round(4, Big.roundDown);
          if (quantity.eq(0)) return [];
          left.set(assetId, (left.get(assetId) ?? new Big(0)).minus(quantity));
          return [{ id: deriveId('hypothetical', String(i)), assetId, quantity, price: new Big(cents).div(100) }];
        });
        if (hypothetical.length === 0) return;
        const fast = estimateSalesFromOpenLots(portfolio, lots, hypothetical, at);
        const tied = tiedAmong(lots, new Set(hypothetical.map((sale) => sale.assetId)));
        expect(fast === null).toBe(tied);
        if (fast === null) return;
        decided++;
        expect(figures(fast)).toEqual(figures(estimateSales(portfolios, transactions, portfolio.id, hypothetical, at, lots)));
      }),
      { seed: 20261201, numRuns: 300 },
    );
    // The property must have compared something: most histories open lots at distinct times.
    expect(decided).toBeGreaterThan(150);
  });
});
