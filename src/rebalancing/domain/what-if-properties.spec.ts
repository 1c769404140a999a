import fc from 'fast-check';
import { Big, toDecimalString } from '../../common/decimal/decimal';
import { computeDrift, type TargetBand } from './drift';
import { readableDrift, readableHoldings } from './rebalancing.fixtures';
import { classValues, simulateWhatIf, type Holding, type TradeAction, type WhatIfInput, type WhatIfTrade } from './what-if';

const ASSETS = [
  { assetId: 'vti', assetType: 'stock' },
  { assetId: 'voo', assetType: 'stock' },
  { assetId: 'bnd', assetType: 'bond' },
  { assetId: 'btc', assetType: 'crypto' },
];
// In the catalogue but never held at the start, so a BUY of it opens a holding.
const UNHELD = { assetId: 'vnq', assetType: 'reit', price: new Big('87.65') };
const CLASSES = ['stock', 'bond', 'crypto', 'reit', 'gold'];
const TARGETS: TargetBand[] = [
  { assetType: 'stock', targetPercentage: new Big(50), tolerancePercentage: new Big(5), relativeTolerancePercentage: null },
  { assetType: 'bond', targetPercentage: new Big(40), tolerancePercentage: new Big(5), relativeTolerancePercentage: new Big(25) },
  { assetType: 'cash', targetPercentage: new Big(10), tolerancePercentage: new Big(5), relativeTolerancePercentage: new Big(25) },
];

const eighths = (max: bigint) => fc.bigInt({ min: 1n, max }).map((units) => new Big(units.toString()).div('1e8'));
// Quantities and prices as the API takes them: up to 8 places.
const quantity = eighths(10n ** 12n);
const price = eighths(10n ** 13n);
const money = fc.bigInt({ min: 0n, max: 10n ** 16n }).map((units) => new Big(units.toString()).div('1e8'));

const holdings: fc.Arbitrary<Holding[]> = fc
  .subarray(ASSETS, { minLength: 1 })
  .chain((held) => fc.tuple(...held.map((asset) => fc.record({ quantity, price }).map((amounts): Holding => ({ ...asset, ...amounts })))));

function inputOf(held: Holding[], cash: Big, trades: WhatIfTrade[], cashFlow = new Big(0)): WhatIfInput {
  return {
    holdings: held,
    cash,
    trades,
    cashFlow,
    preferredAssetByClass: new Map(),
    assetTypeOf: new Map([...held.map((h) => [h.assetId, h.assetType] as const), [UNHELD.assetId, UNHELD.assetType]]),
    priceOf: new Map([...held.map((h) => [h.assetId, h.price ?? new Big(0)] as const), [UNHELD.assetId, UNHELD.price]]),
  };
}

const sum = (values: Big[]) => values.reduce((total, value) => total.plus(value), new Big(0));
const worth = (held: Holding[], cash: Big) => sum(classValues(held, cash).map((row) => row.value));

interface Intent {
  action: TradeAction;
  byClass: boolean;
  pick: number;
  byQuantity: boolean;
  percent: number;
}

const intent: fc.Arbitrary<Intent> = fc.record({
  action: fc.constantFrom<TradeAction>('BUY', 'SELL'),
  byClass: fc.boolean(),
  pick: fc.nat({ max: 100 }),
  byQuantity: fc.boolean(),
  percent: fc.integer({ min: 1, max: 30 }),
});

// The smallest quantity traded (10^-8 units) of any asset here is worth at most 0.001 (price 100,000),
// and a class holds at most three assets, so a trade of a cent always moves units; a smaller one may
// move none, and the simulation refuses it (what-if-refusals.spec.ts).
const MIN_TRADE_VALUE = new Big('0.01');
const bigEnough = (value: Big) => value.gte(MIN_TRADE_VALUE);

/**
 * Trades sized from the portfolio before them: a SELL takes at most 30 % of what its asset or class
 * was worth (or held), and there are at most three, so none sells more than is there. A BUY spends
 * a share of the whole portfolio and may overdraw cash, which is only a warning.
 */
function tradesFor(held: Holding[], cash: Big, intents: Intent[]): WhatIfTrade[] {
  const total = worth(held, cash);
  return intents.flatMap(({ action, byClass, pick, byQuantity, percent }): WhatIfTrade[] => {
    if (byClass) {
      const assetType = CLASSES[pick % CLASSES.length];
      const base =
        action === 'BUY'
          ? total
          : worth(
              held.filter((h) => h.assetType === assetType),
              new Big(0),
            );
      const value = base.times(percent).div(100).round(8, Big.roundDown);
      return bigEnough(value) ? [{ action, assetType, value }] : [];
    }
    const candidates = action === 'BUY' ? [...held, { ...UNHELD, quantity: new Big(0) }] : held;
    const asset = candidates[pick % candidates.length];
    if (byQuantity) {
      const units = (action === 'BUY' ? new Big(1) : asset.quantity).times(percent).div(100).round(8, Big.roundDown);
      return units.gt(0) ? [{ action, assetId: asset.assetId, quantity: units }] : [];
    }
    const value = (action === 'BUY' ? total : asset.quantity.times(asset.price ?? 0)).times(percent).div(100).round(8, Big.roundDown);
    return bigEnough(value) ? [{ action, assetId: asset.assetId, value }] : [];
  });
}

const worlds = fc
  .record({
    held: holdings,
    cash: money,
    intents: fc.array(intent, { maxLength: 3 }),
    flow: fc.oneof(fc.constant(0), fc.integer({ min: -100, max: 100 })),
  })
  .map(({ held, cash, intents, flow }) => {
    // A cash flow of up to the whole portfolio either way, so a withdrawal is always one that can happen.
    const cashFlow = worth(held, cash).times(flow).div(100).round(8, Big.roundDown);
    return { held, cash, cashFlow, trades: tradesFor(held, cash, intents) };
  });

describe('what-if invariants over random portfolios and trades', () => {
  it('leaves the class values, and so the drift, as they are with no trades and no cash flow', () => {
    fc.assert(
      fc.property(holdings, money, (held, cash) => {
        const result = simulateWhatIf(inputOf(held, cash, []));
        if (!result.ok) throw new Error(result.error.message);
        const now = classValues(held, cash);
        const after = classValues(result.holdingsAfter, result.cashAfter);
        expect(after.map((row) => [row.assetType, toDecimalString(row.value)])).toEqual(now.map((row) => [row.assetType, toDecimalString(row.value)]));
        expect(readableDrift(computeDrift(after, TARGETS))).toEqual(readableDrift(computeDrift(now, TARGETS)));
        expect(result.fills).toEqual([]);
      }),
      { seed: 1_357_911, numRuns: 250 },
    );
  });

  it('returns to the same holdings and cash after a BUY and a SELL of the same value of one asset', () => {
    // The value is a whole number of 1e-8 units at the asset's price, so value / price needs no
    // rounding and both trades move exactly that value; other values would lose up to one 1e-8 unit
    // on each trade (the documented cut toward zero).
    fc.assert(
      fc.property(holdings, money, fc.nat({ max: 100 }), fc.bigInt({ min: 1n, max: 10n ** 12n }), (held, cash, pick, units) => {
        const candidates = [...held, { ...UNHELD, quantity: new Big(0) }];
        const asset = candidates[pick % candidates.length];
        const value = new Big(units.toString()).div('1e8').times(asset.price ?? 0);
        const trades: WhatIfTrade[] = [
          { action: 'BUY', assetId: asset.assetId, value },
          { action: 'SELL', assetId: asset.assetId, value },
        ];
        const result = simulateWhatIf(inputOf(held, cash, trades));
        if (!result.ok) throw new Error(result.error.message);
        expect(readableHoldings(result.holdingsAfter)).toEqual(readableHoldings(held));
        expect(toDecimalString(result.cashAfter)).toBe(toDecimalString(cash));
        expect(result.fills.map((fill) => toDecimalString(fill.value))).toEqual([toDecimalString(value), toDecimalString(value)]);
      }),
      { seed: 24_680, numRuns: 300 },
    );
  });

  it('changes the total value by the cash flow alone, moves every fill through cash, and never trades more than asked', () => {
    fc.assert(
      fc.property(worlds, ({ held, cash, cashFlow, trades }) => {
        const result = simulateWhatIf(inputOf(held, cash, trades, cashFlow));
        if (!result.ok) throw new Error(`${result.error.field}: ${result.error.message}`);

        expect(toDecimalString(worth(result.holdingsAfter, result.cashAfter))).toBe(toDecimalString(worth(held, cash).plus(cashFlow)));

        const signed = result.fills.map((fill) => (fill.action === 'SELL' ? fill.value : new Big(0).minus(fill.value)));
        expect(toDecimalString(result.cashAfter)).toBe(toDecimalString(cash.plus(cashFlow).plus(sum(signed))));

        for (const [index, trade] of trades.entries()) {
          const fills = result.fills.filter((fill) => fill.tradeIndex === index);
          if (trade.value) expect(sum(fills.map((fill) => fill.value)).lte(trade.value)).toBe(true);
          if (trade.quantity) expect(toDecimalString(sum(fills.map((fill) => fill.quantity ?? new Big(0))))).toBe(toDecimalString(trade.quantity));
        }
        for (const fill of result.fills) {
          const price = fill.assetId === null ? new Big(1) : (held.find((h) => h.assetId === fill.assetId)?.price ?? UNHELD.price);
          expect(toDecimalString(fill.value)).toBe(toDecimalString((fill.quantity ?? fill.value).times(price)));
        }
        for (const h of result.holdingsAfter) expect(h.quantity.gt(0)).toBe(true);
      }),
      { seed: 8_675_309, numRuns: 300 },
    );
  });
});
