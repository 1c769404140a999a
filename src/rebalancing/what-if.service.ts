import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Principal } from '../auth/principal';
import type { Big } from '../common/decimal/decimal';
import { AppProblem, ValidationProblem } from '../common/problem/problem';
import { AssetsService } from '../portfolio/assets.service';
import { LedgerService } from '../portfolio/ledger.service';
import { computeDrift, type DriftReport } from './domain/drift';
import { classValues, MAX_WHAT_IF_TRADES, simulateWhatIf, type Fill, type WhatIfTrade } from './domain/what-if';
import { estimateTax, type TaxEstimate } from './domain/what-if-tax';
import { DriftService, type PlanningSnapshot } from './drift.service';
import { washSaleWindowStart } from './domain/wash-sale-window';
import { CommonErrorCode } from '../common/problem/common-errors';

/** The trades to simulate, in order, and cash added (negative: withdrawn) first. */
export interface WhatIfScenario {
  trades: WhatIfTrade[];
  cashFlow: Big;
}

/** A simulation's outcome: the drift before and after, cash, and the estimated tax of its sells. */
export interface WhatIfOutcome {
  portfolioId: string;
  calculatedAt: Date;
  /** The snapshot's warnings (missing or stale prices), shown with both drift reports. */
  priceWarnings: string[];
  before: DriftReport;
  after: DriftReport;
  cashBefore: Big;
  cashAfter: Big;
  tax: TaxEstimate;
  /** Symbols of the assets the tax estimate names. */
  symbols: Map<string, string>;
  warnings: string[];
}

/** Read-only: simulates trades at current prices and estimates their tax; nothing is written. */
@Injectable()
export class WhatIfService {
  constructor(
    private readonly drift: DriftService,
    private readonly assets: AssetsService,
    private readonly ledger: LedgerService,
  ) {}

  async whatIf(principal: Principal, portfolioId: string, scenario: WhatIfScenario): Promise<WhatIfOutcome> {
    if (scenario.trades.length > MAX_WHAT_IF_TRADES) {
      throw new AppProblem(CommonErrorCode.TOO_MANY_ITEMS, `At most ${MAX_WHAT_IF_TRADES} trades per what-if; got ${scenario.trades.length}`);
    }
    const now = new Date();
    const snapshot = await this.drift.planningSnapshot(principal.userId, portfolioId, washSaleWindowStart(now));
    const { portfolio, holdings, bands } = snapshot;

    // Held assets come with the snapshot at the prices it valued them at; only others are read.
    const known = new Map(snapshot.valued.map(({ asset, current }) => [asset.id, { asset, price: current?.price ?? null }]));
    const wanted = [
      ...scenario.trades.flatMap((trade) => (trade.assetId ? [trade.assetId] : [])),
      ...snapshot.targets.flatMap((target) => (target.preferredAssetId ? [target.preferredAssetId] : [])),
    ];
    for (const entry of await this.assets.withIds([...new Set(wanted.filter((id) => !known.has(id)))])) known.set(entry.asset.id, entry);
    const catalogue = [...new Set(wanted)].flatMap((id) => {
      const entry = known.get(id);
      return entry ? [entry.asset] : [];
    });
    const prices = new Map([...known].flatMap(([id, { price }]) => (price ? [[id, price] as const] : [])));
    const symbols = new Map(catalogue.map((asset) => [asset.id, asset.symbol]));

    const simulation = simulateWhatIf({
      holdings,
      cash: portfolio.cash,
      trades: scenario.trades,
      cashFlow: scenario.cashFlow,
      preferredAssetByClass: new Map(
        snapshot.targets.flatMap((target) => (target.preferredAssetId ? [[target.assetType, target.preferredAssetId] as const] : [])),
      ),
      assetTypeOf: new Map(catalogue.map((asset) => [asset.id, asset.assetType])),
      priceOf: prices,
      classWeightsOf: new Map(catalogue.map((asset) => [asset.id, asset.classWeights ?? []])),
    });
    if (!simulation.ok) {
      throw new ValidationProblem(
        [{ field: simulation.error.field, rule: 'feasible', message: simulation.error.message }],
        CommonErrorCode.UNPROCESSABLE_FIELDS,
      );
    }

    const before = computeDrift(classValues(holdings, portfolio.cash), bands, portfolio.untargetedTolerancePercentage);
    const after = computeDrift(classValues(simulation.holdingsAfter, simulation.cashAfter), bands, portfolio.untargetedTolerancePercentage);
    return {
      portfolioId: portfolio.id,
      calculatedAt: now,
      priceWarnings: snapshot.warnings,
      before,
      after,
      cashBefore: portfolio.cash,
      cashAfter: simulation.cashAfter,
      tax: await this.estimateTax(snapshot, simulation.fills, prices, symbols, now),
      symbols,
      warnings: simulation.warnings,
    };
  }

  private async estimateTax(snapshot: PlanningSnapshot, fills: Fill[], prices: Map<string, Big>, symbols: Map<string, string>, at: Date): Promise<TaxEstimate> {
    // One hypothetical SELL per fill, under an id of its own: a class-level SELL has a fill per asset, all with one trade index.
    const sales = fills.flatMap((fill) => {
      const price = fill.assetId ? prices.get(fill.assetId) : undefined;
      return fill.action === 'SELL' && fill.assetId && fill.quantity && price
        ? [{ id: randomUUID(), tradeIndex: fill.tradeIndex, assetId: fill.assetId, quantity: fill.quantity, price }]
        : [];
    });
    const { portfolio } = snapshot;
    const gains = await this.ledger.estimateSales(portfolio.userId, portfolio.id, sales, at, {
      portfolio,
      openLots: snapshot.lots,
      purchaseInWindow: snapshot.recentActivity.some((activity) => activity.kind === 'BUY'),
    });
    const tax = estimateTax(sales.map((sale) => ({ tradeIndex: sale.tradeIndex, gains: gains.get(sale.id) ?? [] })));
    const missingSymbols = tax.washSales.map((row) => row.assetId).filter((id) => !symbols.has(id));
    if (missingSymbols.length > 0) {
      for (const { asset } of await this.assets.withIds(missingSymbols)) symbols.set(asset.id, asset.symbol);
    }
    return tax;
  }
}
