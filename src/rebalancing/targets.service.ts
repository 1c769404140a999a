import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, In } from 'typeorm';
import type { Principal } from '../auth/principal';
import { Big, parseDecimal, toDecimalString } from '../common/decimal/decimal';
import { AppProblem, ValidationProblem, type FieldError } from '../common/problem/problem';
import { enqueueDriftRecheck } from '../jobs/drift-recheck';
import { JobQueue } from '../jobs/job-queue';
import { Asset } from '../portfolio/entities/asset.entity';
import { Portfolio } from '../portfolio/entities/portfolio.entity';
import { LedgerService } from '../portfolio/ledger.service';
import { PortfoliosService } from '../portfolio/portfolios.service';
import { effectiveBand, type TargetBand } from './domain/drift';
import { DEFAULT_TOLERANCE_PERCENTAGE, type PutTargetsDto, type TargetsDto } from './dto/targets.dto';
import { TargetAllocation } from './entities/target-allocation.entity';
import { CommonErrorCode } from '../common/problem/common-errors';
import { RebalancingErrorCode } from './rebalancing-errors';

export function toTargetBand(target: TargetAllocation): TargetBand {
  return {
    assetType: target.assetType,
    targetPercentage: target.targetPercentage,
    tolerancePercentage: target.tolerancePercentage,
    relativeTolerancePercentage: target.relativeTolerancePercentage,
  };
}

function toTargetsResponse(portfolioId: string, targets: TargetAllocation[]): TargetsDto {
  return {
    portfolioId,
    targets: targets.map((target) => ({
      assetType: target.assetType,
      targetPercentage: toDecimalString(target.targetPercentage),
      tolerancePercentage: toDecimalString(target.tolerancePercentage),
      relativeTolerancePercentage: target.relativeTolerancePercentage ? toDecimalString(target.relativeTolerancePercentage) : null,
      effectiveTolerancePercentage: toDecimalString(effectiveBand(toTargetBand(target))),
      preferredAssetId: target.preferredAssetId,
      createdAt: target.createdAt.toISOString(),
      updatedAt: target.updatedAt.toISOString(),
    })),
  };
}

@Injectable()
export class TargetsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly portfolios: PortfoliosService,
    private readonly ledger: LedgerService,
    private readonly jobs: JobQueue,
  ) {}

  /** The portfolio's targets by assetType; empty when none are set. */
  targetsOf(portfolioId: string, manager: EntityManager = this.dataSource.manager): Promise<TargetAllocation[]> {
    return manager.find(TargetAllocation, { where: { portfolioId }, order: { assetType: 'ASC' } });
  }

  /**
   * Not paginated, unlike every other list: the targets are one set, read and
   * replaced as a whole and summing to 100, with at most one line per class.
   */
  async get(principal: Principal, portfolioId: string): Promise<TargetsDto> {
    const portfolio = await this.portfolios.findOwned(principal, portfolioId);
    return toTargetsResponse(portfolio.id, await this.targetsOf(portfolio.id));
  }

  /** Replaces the whole set atomically, after checking it as a whole. */
  async put(principal: Principal, portfolioId: string, dto: PutTargetsDto): Promise<TargetsDto> {
    return this.dataSource.transaction(async (manager) => {
      await this.ledger.lockUser(manager, principal.userId);
      const portfolio = await this.portfolios.findOwned(principal, portfolioId, manager.getRepository(Portfolio));
      await this.check(manager, dto);
      await manager.delete(TargetAllocation, { portfolioId: portfolio.id });
      if (dto.targets.length > 0) {
        await manager.insert(
          TargetAllocation,
          dto.targets.map((target) => ({
            portfolioId: portfolio.id,
            assetType: target.assetType,
            targetPercentage: parseDecimal(target.targetPercentage),
            tolerancePercentage: parseDecimal(target.tolerancePercentage ?? DEFAULT_TOLERANCE_PERCENTAGE),
            relativeTolerancePercentage: target.relativeTolerancePercentage === undefined ? null : parseDecimal(target.relativeTolerancePercentage),
            preferredAssetId: target.preferredAssetId ?? null,
          })),
        );
      }
      await enqueueDriftRecheck(this.jobs, manager, [portfolio.id]);
      return toTargetsResponse(portfolio.id, await this.targetsOf(portfolio.id, manager));
    });
  }

  private async check(manager: EntityManager, dto: PutTargetsDto): Promise<void> {
    const errors: FieldError[] = [];
    const seen = new Map<string, number>();
    dto.targets.forEach((target, index) => {
      const first = seen.get(target.assetType);
      if (first !== undefined)
        errors.push({ field: `targets[${index}].assetType`, rule: 'uniqueAssetType', message: `repeats targets[${first}] (${target.assetType})` });
      else seen.set(target.assetType, index);
    });
    const preferredIds = dto.targets.flatMap((target) => (target.preferredAssetId ? [target.preferredAssetId] : []));
    const assets = preferredIds.length === 0 ? [] : await manager.find(Asset, { where: { id: In(preferredIds) } });
    const classOf = new Map(assets.map((asset) => [asset.id, asset.assetType]));
    dto.targets.forEach((target, index) => {
      if (!target.preferredAssetId) return;
      const assetType = classOf.get(target.preferredAssetId);
      if (assetType === undefined) {
        errors.push({ field: `targets[${index}].preferredAssetId`, rule: 'knownAsset', message: 'is not an asset of the catalogue' });
      } else if (assetType !== target.assetType) {
        errors.push({ field: `targets[${index}].preferredAssetId`, rule: 'sameAssetType', message: `is a ${assetType} asset, not ${target.assetType}` });
      }
    });
    if (errors.length > 0) throw new ValidationProblem(errors, CommonErrorCode.UNPROCESSABLE_FIELDS);
    if (dto.targets.length === 0) return;
    const sum = dto.targets.reduce((total, target) => total.plus(target.targetPercentage), new Big(0));
    if (!sum.eq(100)) {
      throw new AppProblem(RebalancingErrorCode.TARGETS_DO_NOT_SUM_TO_100, `The targets sum to ${toDecimalString(sum)}, not exactly 100`, {
        errors: [{ field: 'targets', rule: 'sumTo100', message: `sums to ${toDecimalString(sum)}; must be exactly 100` }],
      });
    }
  }
}
