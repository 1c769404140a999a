import fc from 'fast-check';
import { Big } from '../../common/decimal/decimal';
import { inReliefOrder, type LotChoice } from './lot-order';
import type { PricedHolding } from './suggestion-model';

const holding = { assetId: 'VTI', symbol: 'VTI', assetType: 'stock', quantity: new Big(1), price: new Big(1), lots: [] } as unknown as PricedHolding;

function choice(lotId: string, gain: string, value: string, group = 0, day = 1): LotChoice {
  const holdingPeriodStart = new Date(Date.UTC(2024, 0, day));
  return {
    holding,
    lot: { lotId, quantity: new Big(1), costBasis: new Big(value).minus(gain), holdingPeriodStart },
    value: new Big(value),
    gain: new Big(gain),
    term: 'LONG',
    blocked: false,
    group,
    ratioKey: 0n,
  };
}

/** The order by definition: group, then gain/value by exact cross-multiplication (values are positive), then FIFO. */
function exactlyBefore(a: LotChoice, b: LotChoice): number {
  return (
    a.group - b.group ||
    a.gain.times(b.value).cmp(b.gain.times(a.value)) ||
    a.lot.holdingPeriodStart.getTime() - b.lot.holdingPeriodStart.getTime() ||
    (a.lot.lotId < b.lot.lotId ? -1 : a.lot.lotId > b.lot.lotId ? 1 : 0)
  );
}

describe('inReliefOrder, tax-aware', () => {
  it('tells apart gain-per-value quotients that differ only past the 20th digit, and keeps equal ones in FIFO order', () => {
    // −1/3 and −333333333333333333333/1000000000000000000000 differ by 1/3 × 10⁻²¹: the larger loss per value goes first.
    const third = choice('third', '-1', '3', 0, 5);
    const almost = choice('almost', '-333333333333333333333', '1000000000000000000000', 0, 1);
    // −2/6 is the same quotient as −1/3: FIFO decides, the earlier lot first.
    const same = choice('same', '-2', '6', 0, 2);
    expect(inReliefOrder([almost, third, same], true).map((c) => c.lot.lotId)).toEqual(['same', 'third', 'almost']);
  });

  it('tells apart gains per value 1/999999999999 and 1/1000000000000, which differ by about 10⁻²⁴', () => {
    // The least gain per value goes first, although the other lot is older.
    const older = choice('older', '1', '999999999999', 1, 1);
    const newer = choice('newer', '1', '1000000000000', 1, 9);
    expect(inReliefOrder([older, newer], true).map((c) => c.lot.lotId)).toEqual(['newer', 'older']);
  });

  it('orders any lots exactly as cross-multiplied decimals would (fixed seed)', () => {
    const decimal = fc
      .tuple(fc.bigInt({ min: -(10n ** 24n), max: 10n ** 24n }), fc.integer({ min: 0, max: 12 }))
      .map(([digits, scale]) => new Big(digits.toString()).div(new Big(10).pow(scale)));
    const positive = fc
      .tuple(fc.bigInt({ min: 1n, max: 10n ** 24n }), fc.integer({ min: 0, max: 12 }))
      .map(([digits, scale]) => new Big(digits.toString()).div(new Big(10).pow(scale)));
    const lot = fc.record({ gain: decimal, value: positive, group: fc.integer({ min: 0, max: 3 }), day: fc.integer({ min: 1, max: 28 }) });
    fc.assert(
      fc.property(fc.array(lot, { minLength: 1, maxLength: 40 }), (lots) => {
        // Some quotients repeated exactly (a multiple of another lot's gain and value), so ties are exercised.
        const choices = lots.map(({ gain, value, group, day }, i) =>
          i % 5 === 4
            ? choice(`l${i}`, lots[0].gain.times(3).toFixed(), lots[0].value.times(3).toFixed(), group, day)
            : choice(`l${i}`, gain.toFixed(), value.toFixed(), group, day),
        );
        const ordered = inReliefOrder(choices, true);
        expect(ordered.map((c) => c.lot.lotId)).toEqual([...choices].sort(exactlyBefore).map((c) => c.lot.lotId));
      }),
      { seed: 20261201, numRuns: 300 },
    );
  });
});
