import { type Big, PERCENT_SCALE, toDecimalString, toMoneyEstimate } from '../common/decimal/decimal';
import type { Page } from '../common/pagination/paginate';
import type { HouseholdDetailDto, HouseholdDto, HouseholdListDto, HouseholdPositionListDto, ValueTotalsDto } from './dto/household.dto';
import type { Household } from './entities/household.entity';
import type { HouseholdPositions, HouseholdView, ValueTotals } from './households.service';

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
