import fc from 'fast-check';
import { Big, toDecimalString } from '../../common/decimal/decimal';
import { shiftDays } from '../../portfolio/domain/dates';
import { replayLedger, type LedgerPortfolio, type LedgerTransaction, type OpenLot, type RealizedGain } from '../../portfolio/domain/ledger';
import type { WashSaleLot } from '../../portfolio/domain/wash-sales';
import { generateSuggestions } from './suggestions';
import { givenGenerator, NOW, type GeneratorWorld } from './suggestions.fixtures';
import { harvestOpportunities } from './tax-loss-harvesting';

/**
 * One wash-sale rule: on a random history of one asset over two portfolios (purchases, transfers in
 * and sales over the last 70 days), what harvesting and suggestions say a sale now would disallow,
 * lot by lot, is what the ledger disallows when that very sale is appended to the history and
 * replayed; and a suggested purchase is a wash sale exactly when the ledger, recording it, disallows
 * more of an earlier loss.
 */
const PORTFOLIOS: LedgerPortfolio[] = [
  { id: 'p', lotMethod: 'FIFO' },
  { id: 'q', lotMethod: 'LIFO' },
];

type Step =
  | { kind: 'buy'; portfolio: 'p' | 'q'; daysAgo: number; units: number; price: number }
  | { kind: 'transfer'; portfolio: 'p' | 'q'; daysAgo: number; units: number; price: number; heldDays: number }
  | { kind: 'sell'; portfolio: 'p' | 'q'; daysAgo: number; units: number; price: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('buy' as const),
      portfolio: fc.constantFrom('p' as const, 'q' as const),
      daysAgo: fc.nat({ max: 70 }),
      units: fc.integer({ min: 1, max: 30 }),
      price: fc.integer({ min: 50, max: 150 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('transfer' as const),
      portfolio: fc.constantFrom('p' as const, 'q' as const),
      daysAgo: fc.nat({ max: 70 }),
      units: fc.integer({ min: 1, max: 30 }),
      price: fc.integer({ min: 50, max: 150 }),
      heldDays: fc.nat({ max: 800 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('sell' as const),
      portfolio: fc.constantFrom('p' as const, 'q' as const),
      daysAgo: fc.nat({ max: 70 }),
      units: fc.integer({ min: 1, max: 10 }),
      price: fc.integer({ min: 50, max: 150 }),
    }),
  },
);

const worlds = fc.record({
  steps: fc.array(step, { minLength: 1, maxLength: 10 }),
  price: fc.integer({ min: 50, max: 150 }),
  stockTarget: fc.constantFrom('0', '10', '30'),
});

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
// Each step at 14:30 UTC of its day; NOW is 15:00, so a purchase today is already in the history.
const dayAt = (daysAgo: number) => new Date(shiftDays(NOW, -daysAgo).toISOString().slice(0, 10) + 'T14:30:00Z');

/** The history in time order; sales that would oversell are left out, so every history replays. */
function historyOf(steps: Step[]): LedgerTransaction[] {
  const ordered = [...steps].sort((a, b) => b.daysAgo - a.daysAgo);
  const history: LedgerTransaction[] = [
    { id: id(1), portfolioId: 'p', type: 'DEPOSIT', executedAt: dayAt(100), sequence: 1, amount: new Big(100_000) },
    { id: id(2), portfolioId: 'q', type: 'DEPOSIT', executedAt: dayAt(100), sequence: 2, amount: new Big(100_000) },
  ];
  for (const s of ordered) {
    const n = history.length + 1;
    const base = { id: id(n), portfolioId: s.portfolio, executedAt: dayAt(s.daysAgo), sequence: n, assetId: 'x', quantity: new Big(s.units) };
    const tx: LedgerTransaction =
      s.kind === 'buy'
        ? { ...base, type: 'BUY', price: new Big(s.price) }
        : s.kind === 'transfer'
          ? { ...base, type: 'TRANSFER_IN', costPerUnit: new Big(s.price), acquiredAt: shiftDays(dayAt(s.daysAgo), -s.heldDays) }
          : { ...base, type: 'SELL', price: new Big(s.price) };
    if (replayLedger(PORTFOLIOS, [...history, tx]).ok) history.push(tx);
  }
  return history;
}

function replay(history: LedgerTransaction[]) {
  const result = replayLedger(PORTFOLIOS, history);
  if (!result.ok) throw new Error(result.violation.message);
  return result;
}

/** The ledger's rows for a SELL of the named lots of portfolio p, recorded at NOW at the price. */
function recorded(history: LedgerTransaction[], price: Big, lots: Array<{ lotId: string; quantity: Big }>): RealizedGain[] {
  const n = history.length + 1;
  const quantity = lots.reduce((sum, lot) => sum.plus(lot.quantity), new Big(0));
  const sale: LedgerTransaction = { id: id(n), portfolioId: 'p', type: 'SELL', executedAt: NOW, sequence: n, assetId: 'x', quantity, price, lots };
  return replay([...history, sale])
    .portfolios.get('p')!
    .realizedGains.filter((gain) => gain.sellTransactionId === sale.id);
}

function lotsOfP(history: LedgerTransaction[]): { lots: OpenLot[]; cash: Big; washSaleLots: WashSaleLot[] } {
  const result = replay(history);
  const state = result.portfolios.get('p')!;
  return { lots: state.lots, cash: state.cash, washSaleLots: result.washSaleLots };
}

describe('one wash-sale rule for the ledger, harvesting and suggestions', () => {
  it('harvesting disallows, lot by lot, what the ledger disallows when the lot is sold whole now', () => {
    fc.assert(
      fc.property(worlds, ({ steps, price }) => {
        const history = historyOf(steps);
        const { lots, washSaleLots } = lotsOfP(history);
        const now = new Big(price);
        const opportunities = harvestOpportunities({
          lots: lots.map((lot) => ({
            lotId: lot.id,
            quantity: lot.quantity,
            costBasis: lot.costBasis,
            holdingPeriodStart: lot.holdingPeriodStart,
            assetId: 'x',
            symbol: 'X',
            assetType: 'stock',
          })),
          prices: new Map([['x', now]]),
          catalogue: [],
          washSaleLots,
          now: NOW,
          minLoss: new Big(0),
          minLossPercent: new Big(0),
          shortTermRate: new Big(0),
          longTermRate: new Big(0),
        });
        for (const opportunity of opportunities) {
          const [row] = recorded(history, now, [{ lotId: opportunity.lotId, quantity: opportunity.quantity }]);
          expect([toDecimalString(opportunity.unrealizedLoss.neg()), toDecimalString(opportunity.washSaleDisallowed)]).toEqual([
            toDecimalString(row.gain),
            toDecimalString(row.washSaleDisallowed),
          ]);
          expect(opportunity.washSaleBlocked).toBe(row.washSaleDisallowed.gt(0));
        }
      }),
      { seed: 1_091_561, numRuns: 300 },
    );
  });

  it('a suggested SELL disallows, lot by lot, what the ledger disallows when it is recorded now', () => {
    fc.assert(
      fc.property(worlds, fc.boolean(), ({ steps, price, stockTarget }, taxAware) => {
        const history = historyOf(steps);
        const { lots, cash, washSaleLots } = lotsOfP(history);
        fc.pre(lots.length > 0);
        const now = new Big(price);
        const holding = {
          assetId: 'x',
          symbol: 'X',
          assetType: 'stock',
          quantity: lots.reduce((sum, lot) => sum.plus(lot.quantity), new Big(0)),
          price: now,
          lots: lots.map((lot) => ({ lotId: lot.id, quantity: lot.quantity, costBasis: lot.costBasis, holdingPeriodStart: lot.holdingPeriodStart })),
        };
        const input = {
          ...givenGenerator({
            holdings: [holding],
            cash: toDecimalString(cash),
            targets: { stock: stockTarget, cash: new Big(100).minus(stockTarget).toFixed() },
            band: '1',
            taxAware,
          }),
          washSaleLots,
        };
        for (const sale of generateSuggestions(input).suggestions.filter((s) => s.action === 'SELL')) {
          const rows = recorded(
            history,
            now,
            sale.lots.map((lot) => ({ lotId: lot.lotId, quantity: lot.quantity })),
          );
          expect(sale.lots.map((lot) => [lot.lotId, toDecimalString(lot.gain), toDecimalString(lot.washSaleDisallowed)])).toEqual(
            rows.map((row) => [row.lotId, toDecimalString(row.gain), toDecimalString(row.washSaleDisallowed)]),
          );
          expect(sale.washSale).toBe(rows.some((row) => row.washSaleDisallowed.gt(0)));
        }
      }),
      { seed: 56_602, numRuns: 300 },
    );
  });

  it('a suggested BUY is a wash sale exactly when the ledger, recording it now, disallows more of a loss', () => {
    fc.assert(
      fc.property(worlds, ({ steps, price }) => {
        const history = historyOf(steps);
        const result = replay(history);
        const state = result.portfolios.get('p')!;
        const now = new Big(price);
        const holdings =
          state.lots.length === 0
            ? []
            : [
                {
                  assetId: 'x',
                  symbol: 'X',
                  assetType: 'stock',
                  quantity: state.lots.reduce((sum, lot) => sum.plus(lot.quantity), new Big(0)),
                  price: now,
                  lots: state.lots.map((lot) => ({
                    lotId: lot.id,
                    quantity: lot.quantity,
                    costBasis: lot.costBasis,
                    holdingPeriodStart: lot.holdingPeriodStart,
                  })),
                },
              ];
        const world: GeneratorWorld = {
          holdings,
          cash: toDecimalString(state.cash),
          targets: { stock: '90', cash: '10' },
          preferred: { stock: 'x' },
          catalogue: holdings.length === 0 ? { x: { assetType: 'stock', price: String(price) } } : undefined,
        };
        const input = { ...givenGenerator(world), washSaleLots: result.washSaleLots, unreplacedLosses: result.unreplacedLosses };
        const buy = generateSuggestions(input).suggestions.find((s) => s.action === 'BUY');
        fc.pre(buy !== undefined && buy.quantity !== null);

        const n = history.length + 1;
        const purchase: LedgerTransaction = {
          id: id(n),
          portfolioId: 'p',
          type: 'BUY',
          executedAt: NOW,
          sequence: n,
          assetId: 'x',
          quantity: buy!.quantity!,
          price: now,
        };
        const disallowed = (r: ReturnType<typeof replay>) =>
          [...r.portfolios.values()].flatMap((p) => p.realizedGains).reduce((sum, gain) => sum.plus(gain.washSaleDisallowed), new Big(0));
        expect(buy!.washSale).toBe(disallowed(replay([...history, purchase])).gt(disallowed(result)));
      }),
      { seed: 6_020_602, numRuns: 300 },
    );
  });
});
