import { Big, parseDecimal, PERCENT_SCALE, toDecimalString, toMoneyEstimate, toNullableMoneyEstimate } from '../common/decimal/decimal';
import type { Page } from '../common/pagination/paginate';
import { DEFAULT_ACCOUNT_TYPE } from './domain/account-types';
import type { DisposalRange, GainSums } from './holdings.repository';
import type { GainTotalsDto, LotListDto, PositionDto, PositionListDto, RealizedGainListDto, RealizedGainQueryDto } from './dto/holdings.dto';
import {
  type CreatePortfolioDto,
  DEFAULT_UNTARGETED_TOLERANCE_PERCENTAGE,
  type PortfolioDetailDto,
  type PortfolioListDto,
  type PortfolioQueryDto,
  type PortfolioSummaryDto,
  type RebalanceOptionsInputDto,
  type UpdatePortfolioDto,
} from './dto/portfolio.dto';
import type { Portfolio, RebalanceOptions } from './entities/portfolio.entity';
import type { NewPortfolio, PortfolioChanges, PortfolioFilter, PortfolioTotals, PositionLine, OpenLotView, RealizedGains } from './portfolios.service';

const PER_UNIT_SCALE = 8;

function percentOf(part: Big, whole: Big): string | null {
  return whole.eq(0) ? null : toDecimalString(part.times(100).div(whole), PERCENT_SCALE);
}

/** Saved options with the defaults of a plan request filled in. */
export function rebalanceOptionsOf(input: RebalanceOptionsInputDto | undefined): RebalanceOptions {
  return {
    strategy: input?.strategy ?? 'TO_TARGET',
    allowSells: input?.allowSells ?? true,
    minTradeValue: parseDecimal(input?.minTradeValue ?? '0').toFixed(),
    fractional: input?.fractional ?? true,
    taxAware: input?.taxAware ?? true,
  };
}

/** Settings left out take the defaults the API documents. */
export function toNewPortfolio(dto: CreatePortfolioDto): NewPortfolio {
  return {
    name: dto.name,
    householdId: dto.householdId,
    accountType: dto.accountType ?? DEFAULT_ACCOUNT_TYPE,
    externalId: dto.externalId ?? null,
    baseCurrency: dto.baseCurrency ?? 'USD',
    lotMethod: dto.lotMethod ?? 'FIFO',
    autoRebalance: dto.autoRebalance ?? 'OFF',
    rebalanceOptions: dto.rebalanceOptions ? rebalanceOptionsOf(dto.rebalanceOptions) : null,
    untargetedTolerancePercentage: parseDecimal(dto.untargetedTolerancePercentage ?? DEFAULT_UNTARGETED_TOLERANCE_PERCENTAGE),
  };
}

/** An absent field is no change; an empty externalId clears it. */
export function toPortfolioChanges(dto: UpdatePortfolioDto): PortfolioChanges {
  return {
    name: dto.name,
    householdId: dto.householdId,
    accountType: dto.accountType,
    externalId: dto.externalId === '' ? null : dto.externalId,
    lotMethod: dto.lotMethod,
    autoRebalance: dto.autoRebalance,
    rebalanceOptions: dto.rebalanceOptions === undefined ? undefined : rebalanceOptionsOf(dto.rebalanceOptions),
    untargetedTolerancePercentage: dto.untargetedTolerancePercentage === undefined ? undefined : parseDecimal(dto.untargetedTolerancePercentage),
  };
}

export function toPortfolioFilter(query: PortfolioQueryDto): PortfolioFilter {
  return { householdId: query.householdId, externalId: query.externalId };
}

export function toDisposalRange(query: RealizedGainQueryDto): DisposalRange {
  return { from: query.from, to: query.to };
}

export function toPortfolioSummary(portfolio: Portfolio): PortfolioSummaryDto {
  return {
    id: portfolio.id,
    name: portfolio.name,
    householdId: portfolio.householdId,
    accountType: portfolio.accountType,
    externalId: portfolio.externalId,
    baseCurrency: portfolio.baseCurrency,
    lotMethod: portfolio.lotMethod,
    autoRebalance: portfolio.autoRebalance,
    rebalanceOptions: portfolio.rebalanceOptions ?? rebalanceOptionsOf(undefined),
    untargetedTolerancePercentage: toDecimalString(portfolio.untargetedTolerancePercentage, 2),
    createdAt: portfolio.createdAt.toISOString(),
    updatedAt: portfolio.updatedAt.toISOString(),
  };
}

export function toPortfolioList(page: Page<Portfolio>): PortfolioListDto {
  return { items: page.rows.map(toPortfolioSummary), nextCursor: page.nextCursor };
}

export function toPortfolioDetail(totals: PortfolioTotals): PortfolioDetailDto {
  return {
    ...toPortfolioSummary(totals.portfolio),
    cash: toDecimalString(totals.portfolio.cash),
    marketValue: toMoneyEstimate(totals.marketValue),
    totalValue: toMoneyEstimate(totals.totalValue),
    costBasis: toDecimalString(totals.costBasis),
    unrealizedGain: toMoneyEstimate(totals.unrealizedGain),
    warnings: totals.warnings,
  };
}

function toPositionDto(line: PositionLine, total: Big): PositionDto {
  if (line.kind === 'cash') {
    return {
      assetId: null,
      symbol: null,
      assetType: 'cash',
      quantity: toDecimalString(line.cash),
      averageCost: '1',
      costBasis: toDecimalString(line.cash),
      price: '1',
      priceAsOf: null,
      priceStale: false,
      marketValue: toMoneyEstimate(line.cash),
      unrealizedGain: toMoneyEstimate(new Big(0)),
      unrealizedGainPercent: null,
      weightPercentage: percentOf(line.cash, total),
    };
  }
  const { position, asset, current, marketValue } = line.valued;
  return {
    assetId: asset.id,
    symbol: asset.symbol,
    assetType: asset.assetType,
    quantity: toDecimalString(position.quantity),
    averageCost: toDecimalString(position.costBasis.div(position.quantity), PER_UNIT_SCALE),
    costBasis: toDecimalString(position.costBasis),
    price: current ? toDecimalString(current.price) : null,
    priceAsOf: current ? current.asOf.toISOString() : null,
    priceStale: line.priceStale,
    marketValue: toMoneyEstimate(marketValue),
    unrealizedGain: toNullableMoneyEstimate(line.unrealizedGain),
    unrealizedGainPercent: line.unrealizedGain ? percentOf(line.unrealizedGain, position.costBasis) : null,
    weightPercentage: percentOf(marketValue, total),
  };
}

export function toPositionList(positions: { page: Page<PositionLine>; total: Big; warnings: string[] }): PositionListDto {
  return {
    items: positions.page.rows.map((line) => toPositionDto(line, positions.total)),
    warnings: positions.warnings,
    nextCursor: positions.page.nextCursor,
  };
}

export function toLotList(page: Page<OpenLotView>): LotListDto {
  return {
    items: page.rows.map(({ lot, unrealizedGain, term, longTermAt }) => ({
      id: lot.id,
      assetId: lot.assetId,
      symbol: lot.asset!.symbol,
      quantity: toDecimalString(lot.quantity),
      costPerUnit: toDecimalString(lot.costBasis.div(lot.quantity), PER_UNIT_SCALE),
      costBasis: toDecimalString(lot.costBasis),
      washSaleAdjustment: toDecimalString(lot.washSaleAdjustment),
      acquiredAt: lot.acquiredAt.toISOString(),
      holdingPeriodStart: lot.holdingPeriodStart.toISOString(),
      unrealizedGain: unrealizedGain ? toMoneyEstimate(unrealizedGain) : null,
      term,
      longTermAt: longTermAt.toISOString().slice(0, 10),
    })),
    nextCursor: page.nextCursor,
  };
}

function toGainTotals(sums: GainSums): GainTotalsDto {
  return {
    proceeds: toDecimalString(sums.proceeds),
    costBasis: toDecimalString(sums.costBasis),
    gain: toDecimalString(sums.gain),
    washSaleDisallowed: toDecimalString(sums.washSaleDisallowed),
    reportableGain: toDecimalString(sums.reportableGain),
  };
}

export function toRealizedGainList({ page, totals }: RealizedGains): RealizedGainListDto {
  return {
    items: page.rows.map((row) => ({
      id: row.id,
      lotId: row.lotId,
      assetId: row.assetId,
      symbol: row.asset!.symbol,
      sellTransactionId: row.sellTransactionId,
      quantity: toDecimalString(row.quantity),
      proceeds: toDecimalString(row.proceeds),
      costBasis: toDecimalString(row.costBasis),
      gain: toDecimalString(row.gain),
      washSaleDisallowed: toDecimalString(row.washSaleDisallowed),
      washSaleLostForGood: toDecimalString(row.washSaleLostForGood),
      reportableGain: toDecimalString(row.reportableGain),
      taxable: row.taxable,
      acquiredAt: row.acquiredAt.toISOString(),
      disposedAt: row.disposedAt.toISOString(),
      term: row.term,
    })),
    totals: { shortTerm: toGainTotals(totals.shortTerm), longTerm: toGainTotals(totals.longTerm), total: toGainTotals(totals.total) },
    nextCursor: page.nextCursor,
  };
}
