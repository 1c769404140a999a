import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { Big } from '../common/decimal/decimal';
import { queryPrepared } from '../database/prepared-statement';
import type { AlongsideColumn } from '../portfolio/portfolios.service';
import { HouseholdTargetAllocation } from './entities/household-target-allocation.entity';
import { TargetAllocation } from './entities/target-allocation.entity';

export type NewTarget = Pick<TargetAllocation, 'assetType' | 'targetPercentage' | 'tolerancePercentage' | 'relativeTolerancePercentage' | 'preferredAssetId'>;

interface TargetRow {
  id: string;
  portfolio_id: string;
  asset_type: string;
  target_percentage: string;
  tolerance_percentage: string;
  relative_tolerance_percentage: string | null;
  preferred_asset_id: string | null;
  created_at: Date;
  updated_at: Date;
}

// Read on every suggestions and what-if request: a fixed text, prepared once per connection, and the
// entities built here (a spec holds them equal to TypeORM's) rather than by the ORM's find.
const TARGETS_OF_PORTFOLIO = `SELECT id, portfolio_id, asset_type, target_percentage::text AS target_percentage, tolerance_percentage::text AS tolerance_percentage,
  relative_tolerance_percentage::text AS relative_tolerance_percentage, preferred_asset_id, created_at, updated_at
  FROM target_allocations WHERE portfolio_id = $1 ORDER BY asset_type`;

function targetFromRow(row: TargetRow): TargetAllocation {
  return Object.assign(new TargetAllocation(), {
    id: row.id,
    portfolioId: row.portfolio_id,
    assetType: row.asset_type,
    targetPercentage: new Big(row.target_percentage),
    tolerancePercentage: new Big(row.tolerance_percentage),
    relativeTolerancePercentage: row.relative_tolerance_percentage === null ? null : new Big(row.relative_tolerance_percentage),
    preferredAssetId: row.preferred_asset_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  });
}

type TargetTuple = [string, string, string, string, string, string | null, string | null, string, string];

/**
 * The portfolio's targets as a column of PortfoliosService.findOwnedWithHoldings' statement: what
 * suggestions and what-if read with the portfolio in one round trip instead of two (the second was
 * a fifth of a what-if request's time in Node, each round trip a socket write and a parse). The
 * same entities as ofPortfolio; times as whole milliseconds since the epoch, as a Date holds them.
 */
export const TARGETS_ALONGSIDE_PORTFOLIO: AlongsideColumn<TargetAllocation[]> = {
  name: 'targets',
  sql: `SELECT json_agg(json_build_array(t.id, t.portfolio_id, t.asset_type, t.target_percentage::text, t.tolerance_percentage::text,
                                         t.relative_tolerance_percentage::text, t.preferred_asset_id,
                                         floor(extract(epoch FROM t.created_at) * 1000)::bigint::text,
                                         floor(extract(epoch FROM t.updated_at) * 1000)::bigint::text) ORDER BY t.asset_type)
    FROM target_allocations t WHERE t.portfolio_id = portfolio.id`,
  read: (value) =>
    ((value as TargetTuple[] | null) ?? []).map(([id, portfolioId, assetType, target, tolerance, relative, preferred, createdAt, updatedAt]) =>
      targetFromRow({
        id,
        portfolio_id: portfolioId,
        asset_type: assetType,
        target_percentage: target,
        tolerance_percentage: tolerance,
        relative_tolerance_percentage: relative,
        preferred_asset_id: preferred,
        created_at: new Date(Number(createdAt)),
        updated_at: new Date(Number(updatedAt)),
      }),
    ),
};

/**
 * The target allocations of portfolios (target_allocations) and of households
 * (household_target_allocations). Callers check the owner first: a set is read and replaced as a
 * whole, by portfolio or household id.
 */
@Injectable()
export class TargetRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The portfolio's targets by assetType; empty when none are set. */
  async ofPortfolio(portfolioId: string, manager: EntityManager = this.dataSource.manager): Promise<TargetAllocation[]> {
    const rows = await queryPrepared<TargetRow>(manager, 'targets-of-portfolio', TARGETS_OF_PORTFOLIO, [portfolioId]);
    return rows.map(targetFromRow);
  }

  /** Replaces the portfolio's whole set in the caller's transaction. */
  async replace(manager: EntityManager, portfolioId: string, targets: readonly NewTarget[]): Promise<void> {
    await manager.delete(TargetAllocation, { portfolioId });
    if (targets.length > 0)
      await manager.insert(
        TargetAllocation,
        targets.map((target) => ({ ...target, portfolioId })),
      );
  }

  /** The household's targets by assetType; empty when none are set. */
  ofHousehold(householdId: string, manager: EntityManager = this.dataSource.manager): Promise<HouseholdTargetAllocation[]> {
    return manager.find(HouseholdTargetAllocation, { where: { householdId }, order: { assetType: 'ASC' } });
  }

  /** Replaces the household's whole set in the caller's transaction. */
  async replaceOfHousehold(manager: EntityManager, householdId: string, targets: readonly NewTarget[]): Promise<void> {
    await manager.delete(HouseholdTargetAllocation, { householdId });
    if (targets.length > 0)
      await manager.insert(
        HouseholdTargetAllocation,
        targets.map((target) => ({ ...target, householdId })),
      );
  }
}
