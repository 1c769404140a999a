import fc from 'fast-check';
import { Big } from '../../common/decimal/decimal';
import { shiftDays, termOf } from '../../portfolio/domain/dates';
import { sumOf } from '../../common/decimal/decimal';
import { computeDrift, type DriftLevel } from './drift';
import { cashAfter, NOW, unreplacedLossesOf, valuesAfter, washSaleLotsOf } from './suggestions.fixtures';
import type { RecentActivity } from './wash-sale-window';
import {
  GeneratorError,
  generateSuggestions,
  type GeneratorHolding,
  type GeneratorInput,
  type GeneratorResult,
  type OpenLotInput,
  type Priority,
  type Suggestion,
} from './suggestions';
import { classValues } from './what-if';

const ASSETS = [
  { assetId: 'a1', assetType: 'stock' },
  { assetId: 'a2', assetType: 'stock' },
  { assetId: 'a3', assetType: 'stock' },
  { assetId: 'b1', assetType: 'bond' },
  { assetId: 'b2', assetType: 'bond' },
  { assetId: 'r1', assetType: 'reit' },
  { assetId: 'c1', assetType: 'crypto' },
  { assetId: 'c2', assetType: 'crypto' },
];
const CLASSES = ['bond', 'cash', 'crypto', 'reit', 'stock'];
const UNIT = new Big('1e-8');
const ALLOCATION_SLACK = new Big('1e-6');
const PRIORITY_OF: Record<DriftLevel, Priority> = { CRITICAL: 'HIGH', WARNING: 'MEDIUM', WITHIN_TOLERANCE: 'LOW' };

const scaled = (min: bigint, max: bigint, places: number) => fc.bigInt({ min, max }).map((n) => new Big(n.toString()).div(`1e${places}`));
const price = scaled(1n, 10n ** 8n, 4);

const holdingOf = (asset: (typeof ASSETS)[number]) =>
  fc
    .record({
      units: fc.oneof(
        fc.bigInt({ min: 1n, max: 10n ** 12n }),
        fc.integer({ min: 1, max: 5_000 }).map((n) => BigInt(n) * 10n ** 8n),
      ),
      price: fc.option(price, { freq: 8 }),
      lots: fc.array(
        fc.record({ weight: fc.integer({ min: 1, max: 10 }), basisPerUnit: scaled(0n, 2n * 10n ** 8n, 4), daysAgo: fc.integer({ min: 0, max: 1_500 }) }),
        {
          minLength: 1,
          maxLength: 3,
        },
      ),
    })
    .map(({ units, price, lots }): GeneratorHolding => {
      const whole = lots.reduce((sum, l) => sum + l.weight, 0);
      let left = units;
      const open: OpenLotInput[] = lots.flatMap((l, i) => {
        const part = i === lots.length - 1 ? left : (units * BigInt(l.weight)) / BigInt(whole);
        left -= part;
        const quantity = new Big(part.toString()).div('1e8');
        if (quantity.eq(0)) return [];
        return [{ lotId: `${asset.assetId}-${i}`, quantity, costBasis: quantity.times(l.basisPerUnit), holdingPeriodStart: shiftDays(NOW, -l.daysAgo) }];
      });
      return { ...asset, symbol: asset.assetId.toUpperCase(), quantity: new Big(units.toString()).div('1e8'), price, lots: open };
    });

/** Targets over some classes in hundredths of a percent adding up to 100, each with perhaps a preferred asset of its class. */
const targetSet = fc
  .record({
    classes: fc.shuffledSubarray(CLASSES, { minLength: 1 }),
    cuts: fc.array(fc.integer({ min: 0, max: 10_000 }), { minLength: CLASSES.length - 1, maxLength: CLASSES.length - 1 }),
    band: fc.integer({ min: 0, max: 1_500 }),
    relative: fc.option(fc.integer({ min: 1, max: 5_000 })),
    preferred: fc.array(fc.option(fc.integer({ min: 0, max: 7 })), { minLength: CLASSES.length, maxLength: CLASSES.length }),
  })
  .map(({ classes, cuts, band, relative, preferred }) => {
    const bounds = [0, ...cuts.slice(0, classes.length - 1).sort((a, b) => a - b), 10_000];
    return classes.map((assetType, i) => {
      const pick = preferred[i] === null ? undefined : ASSETS.filter((asset) => asset.assetType === assetType)[preferred[i] ?? 0];
      return {
        assetType,
        targetPercentage: new Big(bounds[i + 1] - bounds[i]).div(100),
        tolerancePercentage: new Big(band).div(100),
        relativeTolerancePercentage: relative === null ? null : new Big(relative).div(100),
        preferredAssetId: pick?.assetId ?? null,
      };
    });
  });

/** An input with the recent activity it was made from: the ledger's view of it is in washSaleLots and unreplacedLosses. */
type World = GeneratorInput & { recent: RecentActivity[] };

const inputs: fc.Arbitrary<World> = fc
  .record({
    holdings: fc.subarray(ASSETS).chain((assets) => fc.tuple(...assets.map(holdingOf))),
    unheldPrices: fc.array(fc.option(price, { freq: 4 }), { minLength: ASSETS.length, maxLength: ASSETS.length }),
    cash: fc.oneof(fc.constant(new Big(0)), scaled(0n, 10n ** 9n, 2)),
    targets: targetSet,
    cashFlowShare: fc.oneof(fc.constant(0), fc.integer({ min: -11_000, max: 10_000 })),
    strategy: fc.constantFrom('TO_TARGET' as const, 'TO_BAND' as const),
    allowSells: fc.boolean(),
    minTradeValue: fc.oneof(fc.constant(new Big(0)), scaled(0n, 500_000n, 2)),
    fractional: fc.boolean(),
    taxAware: fc.boolean(),
    recent: fc.array(
      fc.record({
        asset: fc.integer({ min: 0, max: 7 }),
        kind: fc.constantFrom('BUY' as const, 'LOSS_SALE' as const),
        daysAgo: fc.integer({ min: 0, max: 40 }),
      }),
      { maxLength: 5 },
    ),
  })
  .map(({ holdings, unheldPrices, cash, targets, cashFlowShare, recent, ...rest }): World => {
    const activity = recent.map(({ asset, kind, daysAgo }) => ({ assetId: ASSETS[asset].assetId, kind, at: shiftDays(NOW, -daysAgo) }));
    const worth = sumOf(classValues(holdings, cash).map((row) => row.value));
    return {
      ...rest,
      holdings,
      cash,
      targets,
      catalogue: ASSETS.map((asset, i) => ({
        ...asset,
        symbol: asset.assetId.toUpperCase(),
        price: holdings.find((h) => h.assetId === asset.assetId)?.price ?? unheldPrices[i],
      })),
      // A share of the portfolio's worth, from a withdrawal of 110% of it (refused) to a deposit of 100%.
      cashFlow: worth.times(cashFlowShare).div(10_000).round(2, Big.roundDown),
      now: NOW,
      recent: activity,
      // Only the recent BUYs replace a loss here (the lots held count as transferred in), so a lot is blocked exactly when its asset was bought;
      // no purchase replaced the recent loss sales, so buying one of those assets back is a wash sale.
      washSaleLots: washSaleLotsOf([], activity),
      unreplacedLosses: unreplacedLossesOf(activity),
    };
  });

/** The settings under which every band the rules allow is reached up to the 8-place cut. */
const exact = inputs.map((input) => ({ ...input, fractional: true, minTradeValue: new Big(0) }));

function attempt(input: GeneratorInput): GeneratorResult | GeneratorError {
  try {
    return generateSuggestions(input);
  } catch (error) {
    if (error instanceof GeneratorError) return error;
    throw error;
  }
}

function planned(input: GeneratorInput): GeneratorResult {
  const result = attempt(input);
  fc.pre(!(result instanceof GeneratorError));
  return result as GeneratorResult;
}

/** What the 8-place cut of every trade may leave a class off its goal, plus the 10-place allocation of goals. */
function slackOf(suggestions: Suggestion[]): Big {
  return suggestions.reduce((sum, s) => (s.price === null ? sum : sum.plus(s.price.times(UNIT).times(2))), ALLOCATION_SLACK);
}

const classTotal = (rows: { assetType: string; value: Big }[], assetType: string) =>
  sumOf(rows.filter((row) => row.assetType === assetType).map((row) => row.value));

describe('suggestion invariants over random portfolios', () => {
  it('refuses exactly the withdrawals that cannot be raised, and otherwise never leaves cash below zero (rule 1)', () => {
    fc.assert(
      fc.property(inputs, (input) => {
        const worth = sumOf(classValues(input.holdings, input.cash).map((row) => row.value));
        const raisable = input.allowSells ? worth : input.cash;
        const result = attempt(input);
        if (result instanceof GeneratorError) {
          expect(result.field).toBe('cashFlow');
          expect(raisable.plus(input.cashFlow).lt(0)).toBe(true);
          return;
        }
        expect(raisable.plus(input.cashFlow).lt(0)).toBe(false);
        expect(cashAfter(input, result.suggestions).gte(0)).toBe(true);
        if (!input.allowSells) expect(result.suggestions.filter((s) => s.action === 'SELL')).toEqual([]);
      }),
      { seed: 20260301, numRuns: 300 },
    );
  });

  it('sells only what is held, lot by lot, and prices every trade at exactly quantity × price (rule 2)', () => {
    fc.assert(
      fc.property(inputs, (input) => {
        const { suggestions, warnings } = planned(input);
        const keys = suggestions.map((s) => `${s.action}:${s.assetId ?? s.assetType}`);
        expect(new Set(keys).size).toBe(keys.length);
        for (const s of suggestions) {
          if (s.quantity === null || s.price === null) {
            expect(s.action).toBe('BUY');
            expect(warnings).toContain(`No ${s.assetType} asset is preferred or held, so the ${s.assetType} to buy is suggested without an asset.`);
            continue;
          }
          expect(s.quantity.gt(0)).toBe(true);
          expect(s.estimatedValue.eq(s.quantity.times(s.price))).toBe(true);
          const holding = input.holdings.find((h) => h.assetId === s.assetId);
          const wholeHolding = holding !== undefined && s.quantity.eq(holding.quantity);
          expect(input.fractional ? s.quantity.eq(s.quantity.round(8, Big.roundDown)) : wholeHolding || s.quantity.eq(s.quantity.round(0))).toBe(true);
          if (s.action === 'BUY') {
            expect(s.suggestedQuantity.eq(s.currentQuantity.plus(s.quantity))).toBe(true);
            expect(suggestions.some((other) => other.action === 'SELL' && other.assetType === s.assetType)).toBe(false);
            continue;
          }
          if (!holding) throw new Error(`sold ${s.assetId}, which is not held`);
          expect(s.currentQuantity.eq(holding.quantity) && s.quantity.lte(holding.quantity)).toBe(true);
          expect(s.suggestedQuantity.eq(holding.quantity.minus(s.quantity))).toBe(true);
          expect(sumOf(s.lots.map((l) => l.quantity)).eq(s.quantity)).toBe(true);
          for (const relieved of s.lots) {
            const open = holding.lots.find((l) => l.lotId === relieved.lotId);
            if (!open) throw new Error(`relieved ${relieved.lotId}, which is not a lot of ${s.assetId}`);
            expect(relieved.quantity.lte(open.quantity)).toBe(true);
            expect(relieved.term).toBe(termOf(open.holdingPeriodStart, NOW));
          }
          expect(s.estimatedRealizedGain.shortTerm.plus(s.estimatedRealizedGain.longTerm).eq(sumOf(s.lots.map((l) => l.gain)))).toBe(true);
        }
      }),
      { seed: 4_112_026, numRuns: 300 },
    );
  });

  it('sends a BUY to the preferred asset, else the largest holding, else the class (rule 2)', () => {
    fc.assert(
      fc.property(
        inputs.map((input) => ({ ...input, taxAware: false })),
        (input) => {
          for (const buy of planned(input).suggestions.filter((s) => s.action === 'BUY')) {
            const preferred = input.targets.find((t) => t.assetType === buy.assetType)?.preferredAssetId ?? null;
            const preferredPrice = input.catalogue.find((a) => a.assetId === preferred)?.price ?? null;
            const largest = input.holdings
              .filter((h) => h.assetType === buy.assetType && h.price !== null && h.price.gt(0))
              .sort((a, b) => b.quantity.times(b.price ?? 0).cmp(a.quantity.times(a.price ?? 0)) || (a.assetId < b.assetId ? -1 : 1))[0];
            const expected = preferred !== null && preferredPrice !== null && preferredPrice.gt(0) ? preferred : (largest?.assetId ?? null);
            expect(buy.assetId).toBe(expected);
          }
        },
      ),
      { seed: 99_020, numRuns: 300 },
    );
  });

  it('brings every class inside its band, at target for TO_TARGET, and none farther from its target (rule 3)', () => {
    fc.assert(
      fc.property(exact, (input) => {
        const { suggestions } = planned(input);
        const before = computeDrift(classValues(input.holdings, input.cash), input.targets);
        const totalAfter = before.totalValue.plus(input.cashFlow);
        const after = valuesAfter(input, suggestions);
        const slack = slackOf(suggestions);
        for (const item of before.items) {
          const at = (percentage: Big) => totalAfter.times(percentage).div(100);
          const target = at(item.targetPercentage);
          const lower = at(item.targetPercentage.minus(item.tolerancePercentage));
          const upper = at(item.targetPercentage.plus(item.tolerancePercentage));
          const start = item.currentValue;
          const end = classTotal(after, item.assetType);
          const spentWithoutSells = item.assetType === 'cash' && !input.allowSells && input.cashFlow.lt(0);
          if (!spentWithoutSells) expect(end.minus(target).abs().lte(start.minus(target).abs().plus(slack))).toBe(true);
          if (!input.allowSells) continue;
          expect(end.gte(lower.minus(slack)) && end.lte(upper.plus(slack))).toBe(true);
          if (input.strategy === 'TO_TARGET' && (start.lt(lower) || start.gt(upper))) expect(end.minus(target).abs().lte(slack)).toBe(true);
        }
      }),
      { seed: 31_337, numRuns: 300 },
    );
  });

  it('drops no trade worth at least the minimum, and keeps none under it but sells a withdrawal needs (rule 3)', () => {
    fc.assert(
      fc.property(inputs, (input) => {
        const { suggestions, warnings } = planned(input);
        for (const s of suggestions.filter((s) => s.estimatedValue.lt(input.minTradeValue))) {
          expect(s.action).toBe('SELL');
          expect(
            warnings.some((w) => w.startsWith(`Selling ${s.estimatedValue.toFixed()} of ${s.symbol},`) && w.endsWith('is kept to raise the withdrawal.')),
          ).toBe(true);
        }
      }),
      { seed: 5_550_123, numRuns: 300 },
    );
  });

  it('ranks by the level of the class, then sells first, then value, then symbol (rule 4)', () => {
    const rank: Record<Priority, number> = { HIGH: 0, MEDIUM: 1, LOW: 2 };
    fc.assert(
      fc.property(inputs, (input) => {
        const { suggestions } = planned(input);
        const levels = new Map(computeDrift(classValues(input.holdings, input.cash), input.targets).items.map((item) => [item.assetType, item.driftLevel]));
        for (const s of suggestions) expect(s.priority).toBe(PRIORITY_OF[levels.get(s.assetType) ?? 'WITHIN_TOLERANCE']);
        for (let i = 1; i < suggestions.length; i++) {
          const [a, b] = [suggestions[i - 1], suggestions[i]];
          const order =
            rank[a.priority] - rank[b.priority] ||
            (a.action === b.action ? 0 : a.action === 'SELL' ? -1 : 1) ||
            b.estimatedValue.cmp(a.estimatedValue) ||
            (a.symbol === b.symbol ? 0 : a.symbol === null ? 1 : b.symbol === null ? -1 : a.symbol < b.symbol ? -1 : 1);
          expect(order).toBeLessThanOrEqual(0);
        }
      }),
      { seed: 8_675_309, numRuns: 300 },
    );
  });

  it('gives the same plan for the same input, in any holding order, and none when all is within tolerance without a cash flow (rule 5)', () => {
    fc.assert(
      fc.property(inputs, (input) => {
        const result = attempt(input);
        expect(attempt(input)).toEqual(result);
        const reversed = attempt({ ...input, holdings: [...input.holdings].reverse() });
        if (result instanceof GeneratorError) return;
        expect(reversed instanceof GeneratorError ? reversed : reversed.suggestions).toEqual(result.suggestions);
        const drift = computeDrift(classValues(input.holdings, input.cash), input.targets);
        if (drift.status !== 'CRITICAL' && drift.status !== 'WARNING' && input.cashFlow.eq(0)) expect(result.suggestions).toEqual([]);
      }),
      { seed: 1_234_567, numRuns: 300 },
    );
  });

  it('realizes no more gain tax-aware than FIFO, selling the same value of each class (rule 6)', () => {
    fc.assert(
      fc.property(
        exact.map((input) => ({ ...input, recent: [], washSaleLots: [], unreplacedLosses: [] })),
        (input) => {
          const taxAware = planned({ ...input, taxAware: true }).suggestions;
          const fifo = planned({ ...input, taxAware: false }).suggestions;
          const sold = (plan: Suggestion[], assetType: string) =>
            sumOf(plan.filter((s) => s.action === 'SELL' && s.assetType === assetType).map((s) => s.estimatedValue));
          const gain = (plan: Suggestion[]) => sumOf(plan.flatMap((s) => s.lots.map((l) => l.gain)));
          // The 8-place cut of each holding's units, and the one unit a class may take to reach its band, move a gain by at most a unit's price and basis.
          const tolerance = input.holdings.reduce((sum, h) => {
            const basis = h.lots.reduce((most, l) => (l.costBasis.div(l.quantity).gt(most) ? l.costBasis.div(l.quantity) : most), new Big(0));
            return sum.plus(UNIT.times(4).times(basis.plus(h.price ?? 0)));
          }, ALLOCATION_SLACK);
          for (const assetType of CLASSES) expect(sold(taxAware, assetType).minus(sold(fifo, assetType)).abs().lte(tolerance)).toBe(true);
          expect(gain(taxAware).lte(gain(fifo).plus(tolerance))).toBe(true);
        },
      ),
      { seed: 60_606, numRuns: 300 },
    );
  });

  it('sells at a loss an asset bought in the last 30 days, or buys one sold at a loss, only with no other choice (rule 6)', () => {
    fc.assert(
      fc.property(
        exact.map((input) => ({ ...input, taxAware: true })),
        (input) => {
          const { suggestions } = planned(input);
          const window = shiftDays(NOW, -30).getTime();
          const recently = (kind: string) => new Set(input.recent.filter((r) => r.kind === kind && r.at.getTime() >= window).map((r) => r.assetId));
          const [bought, soldAtLoss] = [recently('BUY'), recently('LOSS_SALE')];
          for (const s of suggestions) {
            expect(s.taxLossHarvesting && s.washSale).toBe(false);
            if (s.taxLossHarvesting) expect(s.lots.some((l) => l.gain.lt(0))).toBe(true);
            if (!s.washSale) continue;
            if (s.action === 'BUY') {
              const priced = input.catalogue.filter((a) => a.assetType === s.assetType && a.price !== null && a.price.gt(0));
              expect(priced.every((a) => soldAtLoss.has(a.assetId))).toBe(true);
              continue;
            }
            // Every other lot of the class that could be sold without a wash sale is sold in full.
            const sales = suggestions.filter((other) => other.action === 'SELL' && other.assetType === s.assetType);
            for (const h of input.holdings.filter((h) => h.assetType === s.assetType && h.price !== null && h.price.gt(0))) {
              for (const open of h.lots.filter((l) => !(bought.has(h.assetId) && l.quantity.times(h.price ?? 0).lt(l.costBasis)))) {
                const relieved = sumOf(sales.flatMap((sale) => sale.lots.filter((l) => l.lotId === open.lotId).map((l) => l.quantity)));
                expect(relieved.toFixed()).toBe(open.quantity.toFixed());
              }
            }
          }
        },
      ),
      { seed: 2_718_281, numRuns: 300 },
    );
  });
});
