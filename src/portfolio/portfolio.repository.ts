import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Big } from '../common/decimal/decimal';
import type { Keyset } from '../common/pagination/cursor';
import { type Page, paginate, type PageRequest } from '../common/pagination/paginate';
import { queryPrepared } from '../database/prepared-statement';
import type { Tx } from '../database/unit-of-work';
import { Portfolio } from './entities/portfolio.entity';
import { TaxLot } from './entities/tax-lot.entity';
import { WASH_SALE_ACTIVITY_OF_HOUSEHOLD, type WashSaleActivity } from './ledger.repository';
import { bySymbol, CLASS_WEIGHTS_OF_ASSET, NEWEST_PRICE_OF_POSITION, pricedPosition, type PricedPosition } from './position.repository';

/** Oldest first. */
const PORTFOLIO_PAGES: Keyset = {
  direction: 'ASC',
  keys: [
    { column: 'portfolio.created_at', type: 'timestamptz' },
    { column: 'portfolio.id', type: 'uuid' },
  ],
};

/** The portfolios table. Every read of one portfolio names its owner in the WHERE clause. */
@Injectable()
export class PortfolioRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The portfolio if `userId` owns it; someone else's and a missing one are both null. */
  findOwned(userId: string, id: string, tx: Tx = this.dataSource.manager): Promise<Portfolio | null> {
    return tx.findOneBy(Portfolio, { id, userId });
  }

  /** The portfolio whoever owns it, for the system's own work (an alert's automatic plan); null once it is gone. */
  findById(id: string, tx: Tx = this.dataSource.manager): Promise<Portfolio | null> {
    return tx.findOneBy(Portfolio, { id });
  }

  /**
   * The portfolio if `userId` owns it, with what rebalancing computes on, in one statement: its
   * positions with their assets at their newest prices (by symbol), its open lots (oldest first),
   * and the purchases and taxable loss sales since `washSaleSince` in every account of its household,
   * the taxpayer (what a wash sale now could match; the same rows as LedgerRepository.washSaleActivity, from one SQL fragment). Suggestions and what-if made a round trip for each part,
   * and round trips were most of their time under load. `alongside`, another module's column over
   * the same row, rides in the same round trip. null when not the user's.
   */
  async findOwnedWithHoldings<T>(
    userId: string,
    id: string,
    washSaleSince: Date,
    alongside: AlongsideColumn<T>,
    tx: Tx = this.dataSource.manager,
  ): Promise<(OwnedHoldings & { alongside: T }) | null> {
    const rows = await queryPrepared<PortfolioRow & HoldingsColumns & { alongside: unknown }>(
      tx,
      `portfolio-with-holdings+${alongside.name}`,
      ownedWithHoldings(alongside.sql),
      [id, userId, washSaleSince],
    );
    if (rows.length === 0) return null;
    const [row] = rows;
    const portfolio = portfolioFromRow(row);
    const positions = bySymbol(
      (row.positions ?? []).map(([assetId, symbol, name, assetType, currency, createdAt, updatedAt, quantity, costBasis, price, asOf, classWeights]) =>
        pricedPosition({
          portfolioId: portfolio.id,
          assetId,
          symbol,
          name,
          assetType,
          currency,
          classWeights,
          createdAt: fromEpochMs(createdAt),
          updatedAt: fromEpochMs(updatedAt),
          quantity,
          costBasis,
          price,
          asOf: asOf === null ? null : fromEpochMs(asOf),
        }),
      ),
    );
    const lots = (row.lots ?? []).map(([lotId, assetId, quantity, costBasis, acquiredAt, holdingPeriodStart, washSaleAdjustment]) =>
      Object.assign(new TaxLot(), {
        id: lotId,
        portfolioId: portfolio.id,
        assetId,
        quantity: new Big(quantity),
        costBasis: new Big(costBasis),
        acquiredAt: fromEpochMs(acquiredAt),
        holdingPeriodStart: fromEpochMs(holdingPeriodStart),
        washSaleAdjustment: new Big(washSaleAdjustment),
      }),
    );
    const recentActivity = (row.activity ?? []).map(([assetId, kind, at]) => ({ assetId, kind, at: fromEpochMs(at) }));
    return { portfolio, positions, lots, recentActivity, alongside: alongside.read(row.alongside) };
  }

  pageOwned(userId: string, query: PageRequest & { householdId?: string; externalId?: string }): Promise<Page<Portfolio>> {
    const builder = this.dataSource.getRepository(Portfolio).createQueryBuilder('portfolio').where('portfolio.user_id = :userId', { userId });
    if (query.householdId !== undefined) builder.andWhere('portfolio.household_id = :householdId', { householdId: query.householdId });
    if (query.externalId !== undefined) builder.andWhere('portfolio.external_id = :externalId', { externalId: query.externalId });
    return paginate(builder, PORTFOLIO_PAGES, query);
  }

  /** The household's accounts, oldest first; the caller has checked that the household is the user's. */
  ofHousehold(householdId: string, tx: Tx = this.dataSource.manager): Promise<Portfolio[]> {
    return tx.find(Portfolio, { where: { householdId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  insert(values: Omit<Portfolio, 'id' | 'createdAt' | 'updatedAt' | 'user' | 'household'>, tx: Tx = this.dataSource.manager): Promise<Portfolio> {
    return tx.save(tx.create(Portfolio, values));
  }

  /** Writes the changed fields of a loaded portfolio; returns it with its new updatedAt. */
  save(portfolio: Portfolio, tx: Tx): Promise<Portfolio> {
    return tx.save(portfolio);
  }

  /** Deletes the portfolio with everything of its own (the foreign keys cascade). */
  async delete(id: string, tx: Tx): Promise<void> {
    await tx.delete(Portfolio, { id });
  }
}

/**
 * A column another module adds to findOwnedWithHoldings' statement, so that what it needs of the
 * portfolio comes in the same round trip (rebalancing's targets): a scalar subquery over the row
 * `portfolio`, which the statement has already found to be the user's. The SQL stays in that
 * module's repository; `name` tells the prepared statements apart, one per column.
 */
export interface AlongsideColumn<T> {
  name: string;
  sql: string;
  /** The column's value as the driver returns it (json arrives parsed; null when the subquery finds nothing). */
  read(value: unknown): T;
}

/** A portfolio with its priced positions, open lots and its taxpayer's recent wash-sale activity. */
export interface OwnedHoldings {
  portfolio: Portfolio;
  positions: PricedPosition[];
  lots: TaxLot[];
  recentActivity: WashSaleActivity[];
}

const EPOCH_MS = (column: string) => `floor(extract(epoch FROM ${column}) * 1000)::bigint::text`;

/** A portfolios row as the driver returns it. */
interface PortfolioRow {
  id: string;
  user_id: string;
  household_id: string;
  name: string;
  account_type: Portfolio['accountType'];
  external_id: string | null;
  base_currency: string;
  lot_method: Portfolio['lotMethod'];
  auto_rebalance: Portfolio['autoRebalance'];
  rebalance_options: Portfolio['rebalanceOptions'];
  untargeted_tolerance_percentage: string;
  cash: string;
  created_at: Date;
  updated_at: Date;
}

/** The entity TypeORM would load from the row (a spec holds the two equal, so a new column cannot be missed here). */
function portfolioFromRow(row: PortfolioRow): Portfolio {
  return Object.assign(new Portfolio(), {
    id: row.id,
    userId: row.user_id,
    householdId: row.household_id,
    name: row.name,
    accountType: row.account_type,
    externalId: row.external_id,
    baseCurrency: row.base_currency,
    lotMethod: row.lot_method,
    autoRebalance: row.auto_rebalance,
    rebalanceOptions: row.rebalance_options,
    untargetedTolerancePercentage: new Big(row.untargeted_tolerance_percentage),
    cash: new Big(row.cash),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  });
}

interface HoldingsColumns {
  positions: Array<
    [string, string, string, string, string, string, string, string, string, string | null, string | null, Array<[string, string]> | null]
  > | null;
  lots: Array<[string, string, string, string, string, string, string]> | null;
  activity: Array<[string, 'BUY' | 'LOSS_SALE', string]> | null;
}

/**
 * findOwnedWithHoldings' statement with `alongside` as its last column: one fixed text per column,
 * prepared once per connection (parsing and planning it cost more than running it). Times as whole
 * milliseconds since the epoch (what a Date holds), so no text format is parsed.
 */
const ownedWithHoldings = (
  alongside: string,
) => `SELECT portfolio.id, portfolio.user_id, portfolio.household_id, portfolio.name, portfolio.account_type, portfolio.external_id,
  portfolio.base_currency, portfolio.lot_method, portfolio.auto_rebalance, portfolio.rebalance_options,
  portfolio.untargeted_tolerance_percentage::text AS untargeted_tolerance_percentage, portfolio.cash::text AS cash, portfolio.created_at, portfolio.updated_at,
  (SELECT json_agg(json_build_array(a.id, a.symbol, a.name, a.asset_type, a.currency, ${EPOCH_MS('a.created_at')}, ${EPOCH_MS('a.updated_at')},
                                    pos.quantity::text, pos.cost_basis::text, pr.price::text, ${EPOCH_MS('pr.as_of')}, ${CLASS_WEIGHTS_OF_ASSET}))
     FROM positions pos JOIN assets a ON a.id = pos.asset_id ${NEWEST_PRICE_OF_POSITION}
    WHERE pos.portfolio_id = portfolio.id) AS positions,
  (SELECT json_agg(json_build_array(l.id, l.asset_id, l.quantity::text, l.cost_basis::text, ${EPOCH_MS('l.acquired_at')},
                                    ${EPOCH_MS('l.holding_period_start')}, l.wash_sale_adjustment::text) ORDER BY l.acquired_at, l.id)
     FROM tax_lots l WHERE l.portfolio_id = portfolio.id) AS lots,
  (SELECT json_agg(json_build_array(activity.asset_id, activity.kind, ${EPOCH_MS('activity.at')}))
     FROM (${WASH_SALE_ACTIVITY_OF_HOUSEHOLD('portfolio.user_id', 'portfolio.household_id', '$3')}) activity) AS activity,
  (${alongside}) AS alongside
FROM portfolios portfolio
WHERE portfolio.id = $1 AND portfolio.user_id = $2`;

function fromEpochMs(text: string): Date {
  return new Date(Number(text));
}
