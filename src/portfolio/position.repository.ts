import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Big } from '../common/decimal/decimal';
import type { Tx } from '../database/unit-of-work';
import { AssetClassWeight } from './entities/asset-class-weight.entity';
import { Asset } from './entities/asset.entity';
import { Position } from './entities/position.entity';

/**
 * SQL for the class weights of the `assets` row aliased `a`: a JSON array of [asset_type,
 * percentage as text] by class, null when the asset has none. Read with classWeightsFromJson.
 */
export const CLASS_WEIGHTS_OF_ASSET =
  '(SELECT json_agg(json_build_array(w.asset_type, w.percentage::text) ORDER BY w.asset_type) FROM asset_class_weights w WHERE w.asset_id = a.id)';

/** The weights CLASS_WEIGHTS_OF_ASSET returns, as entities; [] for an asset that is wholly its assetType. */
export function classWeightsFromJson(assetId: string, rows: Array<[string, string]> | null): AssetClassWeight[] {
  return (rows ?? []).map(([assetType, percentage]) => Object.assign(new AssetClassWeight(), { assetId, assetType, percentage: new Big(percentage) }));
}

/**
 * SQL joining the newest price (and its time) of the asset of `positions` rows aliased `pos`, as
 * `pr.price` and `pr.as_of`; null when the asset has none. One index probe per asset, on
 * (asset_id, as_of), for statements that value many positions at once.
 */
export const NEWEST_PRICE_OF_POSITION =
  'LEFT JOIN LATERAL (SELECT ap.price, ap.as_of FROM asset_prices ap WHERE ap.asset_id = pos.asset_id ORDER BY ap.as_of DESC LIMIT 1) pr ON true';

/** A position row with its asset's columns and newest price, as the statements that value positions read it. */
export interface PricedPositionRow {
  portfolioId: string;
  assetId: string;
  symbol: string;
  name: string;
  assetType: string;
  currency: string;
  classWeights: Array<[string, string]> | null;
  createdAt: Date;
  updatedAt: Date;
  quantity: string;
  costBasis: string;
  price: string | null;
  asOf: Date | null;
}

/** The entities of one priced position row: every statement that values positions builds them here. */
export function pricedPosition(row: PricedPositionRow): PricedPosition {
  const asset = Object.assign(new Asset(), {
    id: row.assetId,
    symbol: row.symbol,
    name: row.name,
    assetType: row.assetType,
    currency: row.currency,
    classWeights: classWeightsFromJson(row.assetId, row.classWeights),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  });
  const position = Object.assign(new Position(), {
    portfolioId: row.portfolioId,
    assetId: row.assetId,
    asset,
    quantity: new Big(row.quantity),
    costBasis: new Big(row.costBasis),
  });
  const current = row.price === null || row.asOf === null ? undefined : { price: new Big(row.price), asOf: row.asOf };
  return { position, asset, current };
}

/** Positions in the order every holdings view lists them: by symbol. */
export function bySymbol(positions: PricedPosition[]): PricedPosition[] {
  return positions.sort((a, b) => a.asset.symbol.localeCompare(b.asset.symbol));
}

/** A position with its asset and the asset's newest price (undefined when it has none). */
export interface PricedPosition {
  position: Position;
  asset: Asset;
  current: { price: Big; asOf: Date } | undefined;
}

/** The derived positions table, read for valuation. */
@Injectable()
export class PositionRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Every position of the portfolio with its asset and newest price, by symbol, in one statement:
   * the drift, positions, suggestions and what-if routes all start here, and a query per part
   * (positions with assets, then prices) was a large share of their time under load. The caller
   * has checked that the portfolio is the user's.
   */
  valueWithNewestPrices(portfolioId: string, tx: Tx = this.dataSource.manager): Promise<PricedPosition[]> {
    return this.priced('pos.portfolio_id = $1', portfolioId, tx);
  }

  /**
   * The same for every account of a household, each position under its portfolioId, in one
   * statement. The caller has checked that the household is the user's.
   */
  valueHouseholdWithNewestPrices(householdId: string, tx: Tx = this.dataSource.manager): Promise<PricedPosition[]> {
    return this.priced('pos.portfolio_id IN (SELECT p.id FROM portfolios p WHERE p.household_id = $1)', householdId, tx);
  }

  private async priced(condition: string, id: string, tx: Tx): Promise<PricedPosition[]> {
    const rows = await tx.query<
      Array<{
        portfolio_id: string;
        quantity: string;
        cost_basis: string;
        id: string;
        symbol: string;
        name: string;
        asset_type: string;
        currency: string;
        created_at: Date;
        updated_at: Date;
        price: string | null;
        as_of: Date | null;
        class_weights: Array<[string, string]> | null;
      }>
    >(
      `SELECT pos.portfolio_id, pos.quantity::text, pos.cost_basis::text, a.id, a.symbol, a.name, a.asset_type, a.currency, a.created_at, a.updated_at, pr.price::text, pr.as_of,
              ${CLASS_WEIGHTS_OF_ASSET} AS class_weights
       FROM positions pos
       JOIN assets a ON a.id = pos.asset_id
       ${NEWEST_PRICE_OF_POSITION}
       WHERE ${condition}`,
      [id],
    );
    return bySymbol(
      rows.map((row) =>
        pricedPosition({
          portfolioId: row.portfolio_id,
          assetId: row.id,
          symbol: row.symbol,
          name: row.name,
          assetType: row.asset_type,
          currency: row.currency,
          classWeights: row.class_weights,
          createdAt: row.created_at,
          updatedAt: row.updated_at,
          quantity: row.quantity,
          costBasis: row.cost_basis,
          price: row.price,
          asOf: row.as_of,
        }),
      ),
    );
  }

  /**
   * The portfolios with targets, or in a household with targets, that hold any of these assets: the
   * only ones a price change can move (a re-check of a portfolio covers its household). Reads
   * target_allocations and household_target_allocations (the rebalancing module's) in the same
   * statement, read-only; see ARCHITECTURE.md, "Reads across modules".
   */
  async holdersWithTargets(assetIds: readonly string[], tx: Tx = this.dataSource.manager): Promise<string[]> {
    const rows = await tx.query<Array<{ portfolio_id: string }>>(
      `SELECT DISTINCT pos.portfolio_id FROM positions pos
       WHERE pos.asset_id = ANY($1::uuid[])
         AND (EXISTS (SELECT 1 FROM target_allocations t WHERE t.portfolio_id = pos.portfolio_id)
              -- or its household has targets: the re-check of the portfolio covers its household.
              OR EXISTS (SELECT 1 FROM portfolios p JOIN household_target_allocations ht ON ht.household_id = p.household_id WHERE p.id = pos.portfolio_id))
       ORDER BY pos.portfolio_id`,
      [assetIds],
    );
    return rows.map((row) => row.portfolio_id);
  }
}
