import fc from 'fast-check';
import { Big } from '../../common/decimal/decimal';
import type { AccountType } from './account-types';
import { deriveId, replayLedger, type LedgerPortfolio, type LedgerTransaction, type LotMethod, type PortfolioState, type ReplayResult } from './ledger';

/**
 * Random valid histories of one taxpayer (fast-check arbitraries) for the ledger's property tests:
 * up to three portfolios of mixed lot methods and account types, two assets, purchases on both
 * sides of wash-sale windows, transfers in, partial and SPECIFIC_ID sales.
 */
export const DAY_MS = 86_400_000;
export const ASSETS = ['AAA', 'BBB'];
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

export interface History {
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

export function replayed(result: ReplayResult): Map<string, PortfolioState> {
  if (!result.ok) throw new Error(`generated history refused: ${result.violation.code}: ${result.violation.message}`);
  return result.portfolios;
}

export const histories = world.map(buildHistory);
