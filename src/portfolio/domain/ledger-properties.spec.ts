import fc from 'fast-check';
import { Big, toDecimalString } from '../../common/decimal/decimal';
import { isTaxAdvantaged, type AccountType } from './account-types';
import { utcDay } from './dates';
import {
  deriveId,
  replayLedger,
  termOf,
  type LedgerPortfolio,
  type LedgerTransaction,
  type LotMethod,
  type PortfolioState,
  type RealizedGain,
  type ReplayResult,
} from './ledger';

const DAY_MS = 86_400_000;
const ASSETS = ['AAA', 'BBB'];
const METHODS: LotMethod[] = ['FIFO', 'LIFO', 'HIFO', 'SPECIFIC_ID'];
// Taxable twice as often: most households hold one or two taxable accounts beside an IRA.
const ACCOUNT_TYPES: AccountType[] = ['TAXABLE', 'TAXABLE', 'TAX_DEFERRED', 'TAX_EXEMPT'];

type Intent =
  | { kind: 'deposit' | 'dividend'; portfolio: number; cents: number }
  | { kind: 'withdrawal' | 'fee'; portfolio: number; percent: number }
  | { kind: 'buy'; portfolio: number; asset: number; units: number; cents: number; feeCents: number }
  | { kind: 'sell'; portfolio: number; asset: number; percent: number; cents: number; feeCents: number; picks: number[] }
  | { kind: 'transfer'; portfolio: number; asset: number; units: number; cents: number; daysBack: number };

interface Step {
  intent: Intent;
  gapDays: number;
  gapMinutes: number;
}

interface History {
  portfolios: LedgerPortfolio[];
  transactions: LedgerTransaction[];
}

const portfolio = fc.nat({ max: 2 });
const asset = fc.nat({ max: ASSETS.length - 1 });
// Quantities with 4 places (0.0001 to 60), prices and fees in cents.
const units = fc.integer({ min: 1, max: 600_000 });
const cents = fc.integer({ min: 1, max: 20_000 });
const feeCents = fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 500 }));
const percent = fc.integer({ min: 1, max: 100 });

const intent: fc.Arbitrary<Intent> = fc.oneof(
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constantFrom('deposit' as const, 'dividend' as const), portfolio, cents: fc.integer({ min: 1, max: 500_000 }) }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constantFrom('withdrawal' as const, 'fee' as const), portfolio, percent }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('buy' as const), portfolio, asset, units, cents, feeCents }) },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('sell' as const),
      portfolio,
      asset,
      percent,
      cents,
      feeCents,
      picks: fc.array(fc.nat({ max: 100 }), { minLength: 1, maxLength: 4 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('transfer' as const), portfolio, asset, units, cents, daysBack: fc.nat({ max: 800 }) }) },
);

// Gaps around 30 days put purchases on both sides of wash-sale windows; zero gaps make equal times.
const step: fc.Arbitrary<Step> = fc.record({
  intent,
  gapDays: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 12 }), fc.integer({ min: 26, max: 35 })),
  gapMinutes: fc.nat({ max: 2 }),
});

const world = fc.record({
  methods: fc.array(fc.record({ lotMethod: fc.constantFrom(...METHODS), accountType: fc.constantFrom(...ACCOUNT_TYPES) }), { minLength: 1, maxLength: 3 }),
  steps: fc.array(step, { minLength: 1, maxLength: 40, size: 'medium' }),
});

/**
 * Turns intents into a valid history, in time order: withdrawals, fees and sells are scaled to
 * what is there, a BUY short of cash is preceded by the deposit it needs, and a SPECIFIC_ID sale
 * takes a share of each lot the replay of the history so far shows open.
 */
function buildHistory({ methods, steps }: { methods: { lotMethod: LotMethod; accountType: AccountType }[]; steps: Step[] }): History {
  const portfolios = methods.map((account, i) => ({ id: `p${i}`, ...account }));
  const transactions: LedgerTransaction[] = [];
  const cash = portfolios.map(() => new Big(0));
  const held = new Map<string, Big>();
  let time = Date.UTC(2024, 0, 1, 14, 30);
  const add = (fields: Omit<LedgerTransaction, 'id' | 'sequence' | 'executedAt'>) => {
    const sequence = transactions.length + 1;
    // Ids unrelated to the sequence, so only the sequence can order transactions of equal time.
    transactions.push({ id: deriveId('generated', String(sequence)), sequence, executedAt: new Date(time), ...fields });
  };

  for (const { intent, gapDays, gapMinutes } of steps) {
    time += gapDays * DAY_MS + gapMinutes * 60_000;
    const p = intent.portfolio % portfolios.length;
    const portfolioId = portfolios[p].id;
    switch (intent.kind) {
      case 'deposit':
      case 'dividend': {
        const amount = new Big(intent.cents).div(100);
        add({ type: intent.kind === 'deposit' ? 'DEPOSIT' : 'DIVIDEND', portfolioId, amount });
        cash[p] = cash[p].plus(amount);
        break;
      }
      case 'withdrawal':
      case 'fee': {
        const amount = cash[p].times(intent.percent).div(100).round(2, Big.roundDown);
        if (amount.eq(0)) break;
        add({ type: intent.kind === 'withdrawal' ? 'WITHDRAWAL' : 'FEE', portfolioId, amount });
        cash[p] = cash[p].minus(amount);
        break;
      }
      case 'buy': {
        const quantity = new Big(intent.units).div(10_000);
        const price = new Big(intent.cents).div(100);
        const fee = new Big(intent.feeCents).div(100);
        const cost = quantity.times(price).plus(fee);
        if (cost.gt(cash[p])) {
          add({ type: 'DEPOSIT', portfolioId, amount: cost.minus(cash[p]) });
          cash[p] = cost;
        }
        add({ type: 'BUY', portfolioId, assetId: ASSETS[intent.asset], quantity, price, fee });
        cash[p] = cash[p].minus(cost);
        held.set(`${p}:${intent.asset}`, (held.get(`${p}:${intent.asset}`) ?? new Big(0)).plus(quantity));
        break;
      }
      case 'transfer': {
        const quantity = new Big(intent.units).div(10_000);
        add({
          type: 'TRANSFER_IN',
          portfolioId,
          assetId: ASSETS[intent.asset],
          quantity,
          costPerUnit: new Big(intent.cents).div(100),
          acquiredAt: new Date(time - intent.daysBack * DAY_MS),
        });
        held.set(`${p}:${intent.asset}`, (held.get(`${p}:${intent.asset}`) ?? new Big(0)).plus(quantity));
        break;
      }
      case 'sell': {
        const assetId = ASSETS[intent.asset];
        const holding = held.get(`${p}:${intent.asset}`) ?? new Big(0);
        const lots = portfolios[p].lotMethod === 'SPECIFIC_ID' ? pickLots(portfolios, transactions, portfolioId, assetId, intent.picks) : undefined;
        const quantity = lots ? lots.reduce((sum, lot) => sum.plus(lot.quantity), new Big(0)) : holding.times(intent.percent).div(100).round(4, Big.roundDown);
        if (quantity.eq(0)) break;
        const price = new Big(intent.cents).div(100);
        const gross = quantity.times(price);
        const fee = new Big(intent.feeCents).div(100);
        const cappedFee = fee.gt(gross) ? gross : fee;
        add({ type: 'SELL', portfolioId, assetId, quantity, price, fee: cappedFee, lots });
        cash[p] = cash[p].plus(gross).minus(cappedFee);
        held.set(`${p}:${intent.asset}`, holding.minus(quantity));
        break;
      }
    }
  }
  return { portfolios, transactions };
}

function pickLots(portfolios: LedgerPortfolio[], transactions: LedgerTransaction[], portfolioId: string, assetId: string, picks: number[]) {
  const state = replayed(replayLedger(portfolios, transactions)).get(portfolioId);
  return (state?.lots ?? [])
    .filter((lot) => lot.assetId === assetId)
    .map((lot, i) => ({
      lotId: lot.id,
      quantity: lot.quantity
        .times(picks[i % picks.length])
        .div(100)
        .round(4, Big.roundDown),
    }))
    .filter((lot) => lot.quantity.gt(0));
}

function replayed(result: ReplayResult): Map<string, PortfolioState> {
  if (!result.ok) throw new Error(`generated history refused: ${result.violation.code}: ${result.violation.message}`);
  return result.portfolios;
}

const histories = world.map(buildHistory);

function sum(values: Big[]): Big {
  return values.reduce((total, value) => total.plus(value), new Big(0));
}

function cashMove(tx: LedgerTransaction): Big {
  const zero = new Big(0);
  switch (tx.type) {
    case 'DEPOSIT':
    case 'DIVIDEND':
      return tx.amount ?? zero;
    case 'WITHDRAWAL':
    case 'FEE':
      return zero.minus(tx.amount ?? zero);
    case 'BUY':
      return zero.minus((tx.quantity ?? zero).times(tx.price ?? zero)).minus(tx.fee ?? zero);
    case 'SELL':
      return (tx.quantity ?? zero).times(tx.price ?? zero).minus(tx.fee ?? zero);
    case 'TRANSFER_IN':
      return zero;
  }
}

function openingBasis(tx: LedgerTransaction): Big {
  const zero = new Big(0);
  if (tx.type === 'BUY') return (tx.quantity ?? zero).times(tx.price ?? zero).plus(tx.fee ?? zero);
  if (tx.type === 'TRANSFER_IN') return (tx.quantity ?? zero).times(tx.costPerUnit ?? zero);
  return zero;
}

function snapshot(result: ReplayResult): unknown {
  return JSON.parse(JSON.stringify(result, (_key, value: unknown) => (value instanceof Map ? [...value.entries()] : value)));
}

function withoutWashSale({ washSaleDisallowed: _disallowed, washSaleLostForGood: _lost, reportableGain: _reportable, ...row }: RealizedGain) {
  return {
    ...row,
    quantity: toDecimalString(row.quantity),
    proceeds: toDecimalString(row.proceeds),
    costBasis: toDecimalString(row.costBasis),
    gain: toDecimalString(row.gain),
  };
}

const allRows = (portfolios: Map<string, PortfolioState>) => [...portfolios.values()].flatMap((state) => state.realizedGains);
const allLots = (portfolios: Map<string, PortfolioState>) => [...portfolios.values()].flatMap((state) => state.lots);

describe('ledger invariants over random valid histories', () => {
  it('replays every valid history with nothing negative and every row consistent', () => {
    fc.assert(
      fc.property(histories, ({ portfolios, transactions }) => {
        const result = replayed(replayLedger(portfolios, transactions));
        expect([...result.keys()]).toEqual(portfolios.map((p) => p.id));
        for (const state of result.values()) {
          expect(state.cash.gte(0)).toBe(true);
          for (const lot of state.lots) {
            expect(lot.quantity.gt(0)).toBe(true);
            expect(lot.costBasis.gte(0)).toBe(true);
            expect(lot.washSaleAdjustment.gte(0)).toBe(true);
            expect(lot.holdingPeriodStart.getTime()).toBeLessThanOrEqual(lot.acquiredAt.getTime());
          }
          for (const row of state.realizedGains) {
            expect(row.quantity.gt(0)).toBe(true);
            expect(row.gain.eq(row.proceeds.minus(row.costBasis))).toBe(true);
            expect(row.washSaleDisallowed.gte(0)).toBe(true);
            // Only a loss can be disallowed, and never more of it than was lost.
            expect(row.washSaleDisallowed.lte(row.gain.lt(0) ? row.gain.abs() : 0)).toBe(true);
            expect(row.reportableGain.eq(row.gain.plus(row.washSaleDisallowed))).toBe(true);
            expect(row.term).toBe(termOf(row.acquiredAt, row.disposedAt));
            // A sale inside an IRA or Roth IRA realizes nothing reportable, so no wash-sale rule touches it;
            // what a replacement there takes is a part of what was disallowed.
            const account = portfolios.find((candidate) => candidate.id === row.portfolioId)!;
            expect(row.taxable).toBe(!isTaxAdvantaged(account.accountType!));
            if (!row.taxable) expect(row.washSaleDisallowed.eq(0)).toBe(true);
            expect(row.washSaleLostForGood.gte(0) && row.washSaleLostForGood.lte(row.washSaleDisallowed)).toBe(true);
          }
        }
      }),
      { seed: 20250601, numRuns: 300 },
    );
  });

  it('leaves each portfolio the sum of its cash moves, and per asset what was bought and brought in less what was sold', () => {
    fc.assert(
      fc.property(histories, ({ portfolios, transactions }) => {
        const result = replayed(replayLedger(portfolios, transactions));
        for (const { id } of portfolios) {
          const own = transactions.filter((tx) => tx.portfolioId === id);
          const state = result.get(id);
          expect(toDecimalString(state?.cash ?? new Big(-1))).toBe(toDecimalString(sum(own.map(cashMove))));
          for (const assetId of ASSETS) {
            const moves = own
              .filter((tx) => tx.assetId === assetId && tx.quantity)
              .map((tx) => (tx.type === 'SELL' ? new Big(0).minus(tx.quantity ?? 0) : (tx.quantity ?? new Big(0))));
            const open = (state?.lots ?? []).filter((lot) => lot.assetId === assetId).map((lot) => lot.quantity);
            expect(toDecimalString(sum(open))).toBe(toDecimalString(sum(moves)));
          }
        }
      }),
      { seed: 424242, numRuns: 300 },
    );
  });

  it('conserves basis exactly: open basis + relieved basis = opening basis + disallowed losses moved onto lots', () => {
    // Across the taxpayer, since a wash sale can move basis from one portfolio to another: every lot
    // opens with quantity × price + fee (BUY) or quantity × costPerUnit (TRANSFER_IN); a wash sale adds
    // the disallowed loss to replacement lots, except the part lost for good to replacements in an IRA
    // or Roth IRA; a SELL moves basis from open lots to realized rows. Splits and partial reliefs only
    // move basis between pieces, so no rounding may leak.
    fc.assert(
      fc.property(histories, ({ portfolios, transactions }) => {
        const result = replayed(replayLedger(portfolios, transactions));
        const rows = allRows(result);
        const held = sum(allLots(result).map((lot) => lot.costBasis)).plus(sum(rows.map((row) => row.costBasis)));
        const put = sum(transactions.map(openingBasis)).plus(sum(rows.map((row) => row.washSaleDisallowed.minus(row.washSaleLostForGood))));
        expect(toDecimalString(held)).toBe(toDecimalString(put));

        for (const sale of transactions.filter((tx) => tx.type === 'SELL')) {
          const own = rows.filter((row) => row.sellTransactionId === sale.id);
          expect(toDecimalString(sum(own.map((row) => row.quantity)))).toBe(toDecimalString(sale.quantity ?? new Big(0)));
          expect(toDecimalString(sum(own.map((row) => row.proceeds)))).toBe(toDecimalString(cashMove(sale)));
        }
      }),
      { seed: 7_300_001, numRuns: 300 },
    );
  });

  it('gives the same result whatever order the transactions arrive in', () => {
    fc.assert(
      fc.property(
        histories.chain((history) =>
          fc.shuffledSubarray(history.transactions, { minLength: history.transactions.length }).map((shuffled) => ({ history, shuffled })),
        ),
        ({ history, shuffled }) => {
          expect(snapshot(replayLedger(history.portfolios, shuffled))).toEqual(snapshot(replayLedger(history.portfolios, history.transactions)));
        },
      ),
      { seed: 99_991, numRuns: 250 },
    );
  });

  it('never rewrites the past when history grows, except a loss a later purchase turns into a wash sale', () => {
    // Replaying a prefix must agree with replaying the whole on every row the prefix already has,
    // which is what lets the service append a transaction and trust the rows before it. The only
    // field a later transaction may change is washSaleDisallowed (and so reportableGain): a purchase
    // up to 30 days after a loss, replayed later, can only disallow more of it. Open lots at the end of
    // a prefix are likewise final up to that time, which the SPECIFIC_ID sales of the generator rely on:
    // they name lots read from a prefix replay.
    fc.assert(
      fc.property(histories, ({ portfolios, transactions }) => {
        const full = replayed(replayLedger(portfolios, transactions));
        for (let cut = 1; cut < transactions.length; cut++) {
          const prefix = replayed(replayLedger(portfolios, transactions.slice(0, cut)));
          const later = transactions.slice(cut).filter((tx) => tx.type === 'BUY');
          for (const { id } of portfolios) {
            const before = prefix.get(id)?.realizedGains ?? [];
            const after = (full.get(id)?.realizedGains ?? []).slice(0, before.length);
            expect(after.map(withoutWashSale)).toEqual(before.map(withoutWashSale));
            before.forEach((row, i) => {
              const washableLater = later.some((buy) => buy.assetId === row.assetId && utcDay(buy.executedAt) <= utcDay(row.disposedAt) + 30);
              if (washableLater) expect(after[i].washSaleDisallowed.gte(row.washSaleDisallowed)).toBe(true);
              else expect(toDecimalString(after[i].washSaleDisallowed)).toBe(toDecimalString(row.washSaleDisallowed));
            });
          }
        }
      }),
      { seed: 31_337, numRuns: 200 },
    );
  });
});
