import { Injectable } from '@nestjs/common';
import type { Principal } from '../auth/principal';
import { Big, sumOf } from '../common/decimal/decimal';
import type { Keyset } from '../common/pagination/cursor';
import { type Page, type PageRequest, paginateInMemory } from '../common/pagination/paginate';
import { AppProblem, NotFoundProblem } from '../common/problem/problem';
import { isForeignKeyViolation, isUniqueViolation } from '../database/postgres-errors';
import { type Tx, UnitOfWork } from '../database/unit-of-work';
import { AssetsService } from './assets.service';
import { ACCOUNT_TYPES, type AccountType } from './domain/account-types';
import type { Asset } from './entities/asset.entity';
import type { Household } from './entities/household.entity';
import type { AutoRebalance, Portfolio } from './entities/portfolio.entity';
import { HouseholdRepository } from './household.repository';
import { PortfolioErrorCode } from './portfolio-errors';
import { PortfolioRepository } from './portfolio.repository';
import { type PricedPosition, PositionRepository } from './position.repository';

/** What a household is set up with: its name, the caller's own id for it (null: none) and its tax rates. */
export interface HouseholdSettings {
  name: string;
  externalId: string | null;
  shortTermRate: Big;
  longTermRate: Big;
  autoRebalance: AutoRebalance;
}

/** The settings to change; an absent one stays as it is, an externalId of null clears it. */
export type HouseholdChanges = Partial<HouseholdSettings>;

/** Which households to list; an absent field does not filter. */
export interface HouseholdFilter {
  externalId?: string;
}

/** Cash, holdings at newest prices (an unpriced holding counts 0) and their sum. */
export interface ValueTotals {
  cash: Big;
  marketValue: Big;
  totalValue: Big;
}

export interface AccountTotals extends ValueTotals {
  portfolio: Portfolio;
}

export interface AccountTypeTotals extends ValueTotals {
  accountType: AccountType;
  accounts: number;
}

/** A household with what each account, and each type of account, is worth. */
export interface HouseholdHoldings {
  accounts: Portfolio[];
  /** Positions of every account, each under its portfolioId. */
  priced: PricedPosition[];
  warnings: string[];
}

export interface HouseholdView {
  household: Household;
  accounts: AccountTotals[];
  /** Every account type, in ACCOUNT_TYPES order, with zeros where the household has none. */
  byAccountType: AccountTypeTotals[];
  total: ValueTotals;
  warnings: string[];
}

/** One account's share of a household position. */
export interface PositionPart {
  portfolio: Portfolio;
  quantity: Big;
  costBasis: Big;
  marketValue: Big;
}

/** One asset held across the household's accounts. */
export interface HouseholdPosition {
  asset: Asset;
  current: { price: Big; asOf: Date } | undefined;
  priceStale: boolean;
  quantity: Big;
  costBasis: Big;
  marketValue: Big;
  parts: PositionPart[];
}

export interface HouseholdPositions {
  page: Page<HouseholdPosition>;
  /** Cash of every account, and each account's. */
  cash: { total: Big; parts: Array<{ portfolio: Portfolio; cash: Big }> };
  /** Holdings of every page plus cash: what weights are shares of. */
  totalValue: Big;
  warnings: string[];
}

/** By symbol, which is unique, so a position added between pages cannot shift the cursor. */
const POSITION_PAGES: Keyset = { direction: 'ASC', keys: [{ column: 'symbol', type: 'text' }] };

const valueOf = (priced: PricedPosition): Big => (priced.current ? priced.position.quantity.times(priced.current.price) : new Big(0));

@Injectable()
export class HouseholdsService {
  constructor(
    private readonly households: HouseholdRepository,
    private readonly portfolios: PortfolioRepository,
    private readonly positions: PositionRepository,
    private readonly assets: AssetsService,
    private readonly unitOfWork: UnitOfWork,
  ) {}

  /** The ownership rule for everything under /households/{id}: someone else's is a 404. */
  findOwned(principal: Principal, id: string, tx?: Tx): Promise<Household> {
    return this.findOwnedFor(principal.userId, id, tx);
  }

  /** findOwned for work the system does for the owner (an automatic plan), who is named by id: no request, so no principal. */
  async findOwnedFor(userId: string, id: string, tx?: Tx): Promise<Household> {
    const found = await this.households.findOwned(userId, id, tx);
    if (!found) throw new NotFoundProblem('Household');
    return found;
  }

  /** The household whoever owns it, for work the system does for its owner (never for a request); null once it is gone. */
  findForSystem(id: string, tx?: Tx): Promise<Household | null> {
    return this.households.findById(id, tx);
  }

  /** findOwned with the household's row locked until tx ends (see HouseholdRepository.lockOwned). */
  async lockOwned(principal: Principal, id: string, tx: Tx): Promise<Household> {
    const found = await this.households.lockOwned(principal.userId, id, tx);
    if (!found) throw new NotFoundProblem('Household');
    return found;
  }

  /**
   * Every account of a household whose ownership the caller checked, with the positions of all of
   * them at their newest prices and the price warnings: what household drift is computed on.
   */
  async holdingsOf(householdId: string, tx?: Tx): Promise<HouseholdHoldings> {
    const accounts = await this.portfolios.ofHousehold(householdId, tx);
    const priced = await this.positions.valueHouseholdWithNewestPrices(householdId, tx);
    return { accounts, priced, warnings: this.warningsOf(priced) };
  }

  /** The household's accounts, oldest first, for a caller that has checked the household is the user's. */
  accountsOf(householdId: string, tx?: Tx): Promise<Portfolio[]> {
    return this.portfolios.ofHousehold(householdId, tx);
  }

  async create(principal: Principal, settings: HouseholdSettings): Promise<Household> {
    return this.externalIdUnique(settings.externalId, () =>
      this.households.insert({
        userId: principal.userId,
        name: settings.name,
        externalId: settings.externalId,
        shortTermRate: settings.shortTermRate,
        longTermRate: settings.longTermRate,
        autoRebalance: settings.autoRebalance,
      }),
    );
  }

  list(principal: Principal, filter: HouseholdFilter, page: PageRequest): Promise<Page<Household>> {
    return this.households.pageOwned(principal.userId, { ...page, externalId: filter.externalId });
  }

  async update(principal: Principal, id: string, changes: HouseholdChanges): Promise<Household> {
    return this.externalIdUnique(changes.externalId, () =>
      this.unitOfWork.run(async (tx) => {
        const household = await this.findOwned(principal, id, tx);
        if (changes.name !== undefined) household.name = changes.name;
        if (changes.externalId !== undefined) household.externalId = changes.externalId;
        if (changes.shortTermRate !== undefined) household.shortTermRate = changes.shortTermRate;
        if (changes.longTermRate !== undefined) household.longTermRate = changes.longTermRate;
        if (changes.autoRebalance !== undefined) household.autoRebalance = changes.autoRebalance;
        return this.households.save(household, tx);
      }),
    );
  }

  /**
   * Deletes an empty household. One that holds accounts is refused (409), also when an account is
   * moved into it while this runs: the foreign key, not a count read earlier, decides.
   */
  async remove(principal: Principal, id: string): Promise<void> {
    try {
      await this.unitOfWork.run(async (tx) => {
        const household = await this.findOwned(principal, id, tx);
        await this.households.delete(household.id, tx);
      });
    } catch (error) {
      if (!isForeignKeyViolation(error)) throw error;
      const accounts = await this.households.countAccounts(id);
      throw new AppProblem(
        PortfolioErrorCode.HOUSEHOLD_NOT_EMPTY,
        `The household still holds ${accounts} account${accounts === 1 ? '' : 's'}: move them to another household (PATCH /portfolios/{id} with householdId) or delete them first`,
      );
    }
  }

  async detail(principal: Principal, id: string): Promise<HouseholdView> {
    const household = await this.findOwned(principal, id);
    const accounts = await this.portfolios.ofHousehold(household.id);
    const priced = await this.positions.valueHouseholdWithNewestPrices(household.id);
    const marketValueOf = new Map<string, Big>();
    for (const entry of priced)
      marketValueOf.set(entry.position.portfolioId, (marketValueOf.get(entry.position.portfolioId) ?? new Big(0)).plus(valueOf(entry)));
    const accountTotals = accounts.map((portfolio): AccountTotals => {
      const marketValue = marketValueOf.get(portfolio.id) ?? new Big(0);
      return { portfolio, cash: portfolio.cash, marketValue, totalValue: marketValue.plus(portfolio.cash) };
    });
    const byAccountType = ACCOUNT_TYPES.map((accountType): AccountTypeTotals => {
      const own = accountTotals.filter((account) => account.portfolio.accountType === accountType);
      return { accountType, accounts: own.length, ...sums(own) };
    });
    return { household, accounts: accountTotals, byAccountType, total: sums(accountTotals), warnings: this.warningsOf(priced) };
  }

  async positionsOf(principal: Principal, id: string, request: PageRequest): Promise<HouseholdPositions> {
    const household = await this.findOwned(principal, id);
    const accounts = await this.portfolios.ofHousehold(household.id);
    const accountOf = new Map(accounts.map((portfolio) => [portfolio.id, portfolio]));
    const priced = await this.positions.valueHouseholdWithNewestPrices(household.id);
    const byAsset = new Map<string, HouseholdPosition>();
    for (const entry of priced) {
      const portfolio = accountOf.get(entry.position.portfolioId);
      // An account created or moved in between the two reads is left for the next read.
      if (!portfolio) continue;
      const marketValue = valueOf(entry);
      const line = byAsset.get(entry.asset.id) ?? {
        asset: entry.asset,
        current: entry.current,
        priceStale: entry.current ? this.assets.isStale(entry.current.asOf) : false,
        quantity: new Big(0),
        costBasis: new Big(0),
        marketValue: new Big(0),
        parts: [],
      };
      line.quantity = line.quantity.plus(entry.position.quantity);
      line.costBasis = line.costBasis.plus(entry.position.costBasis);
      line.marketValue = line.marketValue.plus(marketValue);
      line.parts.push({ portfolio, quantity: entry.position.quantity, costBasis: entry.position.costBasis, marketValue });
      byAsset.set(entry.asset.id, line);
    }
    const lines = [...byAsset.values()].sort((a, b) => a.asset.symbol.localeCompare(b.asset.symbol));
    const cash = sumOf(accounts.map((portfolio) => portfolio.cash));
    return {
      page: paginateInMemory(lines, POSITION_PAGES, request, (line) => [line.asset.symbol]),
      cash: { total: cash, parts: accounts.map((portfolio) => ({ portfolio, cash: portfolio.cash })) },
      totalValue: sumOf(lines.map((line) => line.marketValue)).plus(cash),
      warnings: this.warningsOf(priced),
    };
  }

  /** Missing and stale prices, once per asset, worded as the portfolio routes word them. */
  private warningsOf(priced: PricedPosition[]): string[] {
    const warnings = new Set<string>();
    for (const { asset, current } of [...priced].sort((a, b) => a.asset.symbol.localeCompare(b.asset.symbol))) {
      if (!current) warnings.add(`No price for ${asset.symbol}: valued at 0`);
      else if (this.assets.isStale(current.asOf)) warnings.add(`The price of ${asset.symbol} is stale (as of ${current.asOf.toISOString()})`);
    }
    return [...warnings];
  }

  /** A taken externalId is the caller's to fix: 409, not the database's 500. */
  private async externalIdUnique<T>(externalId: string | null | undefined, write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (error) {
      if (externalId && isUniqueViolation(error))
        throw new AppProblem(PortfolioErrorCode.EXTERNAL_ID_TAKEN, `Another of your households has externalId ${externalId}`);
      throw error;
    }
  }
}

function sums(accounts: ValueTotals[]): ValueTotals {
  return {
    cash: sumOf(accounts.map((account) => account.cash)),
    marketValue: sumOf(accounts.map((account) => account.marketValue)),
    totalValue: sumOf(accounts.map((account) => account.totalValue)),
  };
}
