import { type Big, parseDecimal, PERCENT_SCALE, toDecimalString, toMoneyEstimate } from '../common/decimal/decimal';
import type { Page } from '../common/pagination/paginate';
import {
  type CreateHouseholdDto,
  DEFAULT_LONG_TERM_RATE,
  DEFAULT_SHORT_TERM_RATE,
  type HouseholdDetailDto,
  type HouseholdDto,
  type HouseholdListDto,
  type HouseholdPositionListDto,
  type HouseholdQueryDto,
  type UpdateHouseholdDto,
  type ValueTotalsDto,
} from './dto/household.dto';
import type { Household } from './entities/household.entity';
import type { HouseholdChanges, HouseholdFilter, HouseholdPositions, HouseholdSettings, HouseholdView, ValueTotals } from './households.service';

/** Tax rates left out take the defaults the API documents. */
export function toHouseholdSettings(dto: CreateHouseholdDto): HouseholdSettings {
  return {
    name: dto.name,
    externalId: dto.externalId ?? null,
    shortTermRate: parseDecimal(dto.shortTermRate ?? DEFAULT_SHORT_TERM_RATE),
    longTermRate: parseDecimal(dto.longTermRate ?? DEFAULT_LONG_TERM_RATE),
    autoRebalance: dto.autoRebalance ?? 'OFF',
  };
}

/** An absent field is no change; an empty externalId clears it. */
export function toHouseholdChanges(dto: UpdateHouseholdDto): HouseholdChanges {
  return {
    name: dto.name,
    externalId: dto.externalId === '' ? null : dto.externalId,
    shortTermRate: dto.shortTermRate === undefined ? undefined : parseDecimal(dto.shortTermRate),
    longTermRate: dto.longTermRate === undefined ? undefined : parseDecimal(dto.longTermRate),
    autoRebalance: dto.autoRebalance,
  };
}

export function toHouseholdFilter(query: HouseholdQueryDto): HouseholdFilter {
  return { externalId: query.externalId };
}

export function toHouseholdResponse(household: Household): HouseholdDto {
  return {
    id: household.id,
    name: household.name,
    externalId: household.externalId,
    isDefault: household.isDefault,
    shortTermRate: toDecimalString(household.shortTermRate),
    longTermRate: toDecimalString(household.longTermRate),
    autoRebalance: household.autoRebalance,
    createdAt: household.createdAt.toISOString(),
    updatedAt: household.updatedAt.toISOString(),
  };
}

export function toHouseholdList(page: Page<Household>): HouseholdListDto {
  return { items: page.rows.map(toHouseholdResponse), nextCursor: page.nextCursor };
}

function toValueTotals(totals: ValueTotals): ValueTotalsDto {
  return { cash: toDecimalString(totals.cash), marketValue: toMoneyEstimate(totals.marketValue), totalValue: toMoneyEstimate(totals.totalValue) };
}

export function toHouseholdDetail(view: HouseholdView): HouseholdDetailDto {
  return {
    ...toHouseholdResponse(view.household),
    accounts: view.accounts.map((account) => ({
      portfolioId: account.portfolio.id,
      name: account.portfolio.name,
      accountType: account.portfolio.accountType,
      externalId: account.portfolio.externalId,
      ...toValueTotals(account),
    })),
    byAccountType: view.byAccountType.map((totals) => ({ accountType: totals.accountType, accounts: totals.accounts, ...toValueTotals(totals) })),
    total: toValueTotals(view.total),
    warnings: view.warnings,
  };
}

function weightOf(part: Big, whole: Big): string | null {
  return whole.eq(0) ? null : toDecimalString(part.times(100).div(whole), PERCENT_SCALE);
}

export function toHouseholdPositionList(positions: HouseholdPositions): HouseholdPositionListDto {
  return {
    items: positions.page.rows.map((line) => ({
      assetId: line.asset.id,
      symbol: line.asset.symbol,
      assetType: line.asset.assetType,
      quantity: toDecimalString(line.quantity),
      costBasis: toDecimalString(line.costBasis),
      price: line.current ? toDecimalString(line.current.price) : null,
      priceAsOf: line.current ? line.current.asOf.toISOString() : null,
      priceStale: line.priceStale,
      marketValue: toMoneyEstimate(line.marketValue),
      weightPercentage: weightOf(line.marketValue, positions.totalValue),
      accounts: line.parts.map((part) => ({
        portfolioId: part.portfolio.id,
        name: part.portfolio.name,
        accountType: part.portfolio.accountType,
        quantity: toDecimalString(part.quantity),
        costBasis: toDecimalString(part.costBasis),
        marketValue: toMoneyEstimate(part.marketValue),
      })),
    })),
    cash: {
      total: toDecimalString(positions.cash.total),
      accounts: positions.cash.parts.map((part) => ({
        portfolioId: part.portfolio.id,
        name: part.portfolio.name,
        accountType: part.portfolio.accountType,
        cash: toDecimalString(part.cash),
      })),
    },
    totalValue: toMoneyEstimate(positions.totalValue),
    warnings: positions.warnings,
    nextCursor: positions.page.nextCursor,
  };
}
