import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { TargetAllocation } from './entities/target-allocation.entity';

export type NewTarget = Pick<TargetAllocation, 'assetType' | 'targetPercentage' | 'tolerancePercentage' | 'relativeTolerancePercentage' | 'preferredAssetId'>;

/**
 * The target allocations (target_allocations). Callers check the portfolio's owner first: a
 * portfolio's targets are read and replaced as one set, by portfolio id.
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
}
