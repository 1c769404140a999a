import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { HouseholdTargetAllocation } from './entities/household-target-allocation.entity';
import { TargetAllocation } from './entities/target-allocation.entity';

export type NewTarget = Pick<TargetAllocation, 'assetType' | 'targetPercentage' | 'tolerancePercentage' | 'relativeTolerancePercentage' | 'preferredAssetId'>;

/**
 * The target allocations of portfolios (target_allocations) and of households
 * (household_target_allocations). Callers check the owner first: a set is read and replaced as a
 * whole, by portfolio or household id.
 */
@Injectable()
export class TargetRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The portfolio's targets by assetType; empty when none are set. */
  ofPortfolio(portfolioId: string, manager: EntityManager = this.dataSource.manager): Promise<TargetAllocation[]> {
    return manager.find(TargetAllocation, { where: { portfolioId }, order: { assetType: 'ASC' } });
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
