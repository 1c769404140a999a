import { Big } from '../src/common/decimal/decimal';
import type { BuyTrade, ExactPlan, SellTrade } from '../src/rebalancing/domain/household-solver/exact-plan';
import { cashFloor, mayBuy, type HouseholdFacts } from '../src/rebalancing/domain/household-solver/facts';
import type { HouseholdAsset } from '../src/rebalancing/domain/household-solver/problem';
import { generateSuggestions, type GeneratorHolding } from '../src/rebalancing/domain/suggestions';

/**
 * The greedy baseline of the household bench: there is no household-level greedy generator, so each
 * account is handed on its own to the single-portfolio generator (generateSuggestions, tax-aware:
 * losses and long-term lots first), with the household's targets and bands, its cash above the
 * floor, and as candidates to buy the assets the restrictions let it buy. A look-through fund
 * counts in the class it mostly is, as the generator knows one class per asset. The generator knows
 * neither sale restrictions nor the gain budget: its plan is checked like the solver's, and only
 * compared where it breaks no hard constraint.
 */
export function greedyPlan(facts: HouseholdFacts): ExactPlan {
  const { problem } = facts;
  const sells: SellTrade[] = [];
  const buys: BuyTrade[] = [];
  for (const account of problem.accounts) {
    const byAsset = new Map<string, GeneratorHolding>();
    for (const lot of problem.lots.filter((l) => l.accountId === account.id)) {
      const asset = facts.asset.get(lot.assetId)!;
      const holding = byAsset.get(asset.id) ?? {
        assetId: asset.id,
        symbol: asset.id,
        assetType: mainClass(asset),
        quantity: new Big(0),
        price: asset.price,
        lots: [],
      };
      holding.quantity = holding.quantity.plus(lot.quantity);
      holding.lots.push({ lotId: lot.id, quantity: lot.quantity, costBasis: lot.costBasis, holdingPeriodStart: lot.holdingPeriodStart });
      byAsset.set(asset.id, holding);
    }
    const { suggestions } = generateSuggestions({
      holdings: [...byAsset.values()],
      cash: account.cash.minus(cashFloor(account)),
      targets: problem.targets.map((t) => ({
        assetType: t.assetClass,
        targetPercentage: t.targetPercentage,
        tolerancePercentage: t.tolerancePercentage,
        relativeTolerancePercentage: null,
        preferredAssetId: null,
      })),
      catalogue: problem.assets
        .filter((a) => mayBuy(facts, account.id, a.id) && a.classWeights.length === 1)
        .map((a) => ({ assetId: a.id, symbol: a.id, assetType: mainClass(a), price: a.price })),
      strategy: problem.options.mode === 'TO_TARGET' ? 'TO_TARGET' : 'TO_BAND',
      allowSells: true,
      cashFlow: new Big(0),
      minTradeValue: problem.options.minTradeValue,
      fractional: !problem.options.wholeUnits,
      taxAware: true,
      now: problem.options.asOf,
      washSaleLots: [],
      unreplacedLosses: [],
    });
    for (const s of suggestions) {
      if (s.action === 'SELL' && s.assetId)
        sells.push(...s.lots.map((lot) => ({ lotId: lot.lotId, accountId: account.id, assetId: s.assetId!, quantity: lot.quantity })));
      if (s.action === 'BUY' && s.assetId && s.quantity) buys.push({ accountId: account.id, assetId: s.assetId, quantity: s.quantity });
    }
  }
  return { sells, buys };
}

function mainClass(asset: HouseholdAsset): string {
  return [...asset.classWeights].sort((a, b) => b.weight.cmp(a.weight) || (a.assetClass < b.assetClass ? -1 : 1))[0].assetClass;
}
