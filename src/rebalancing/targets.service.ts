import { Injectable } from '@nestjs/common';
import type { Principal } from '../auth/principal';
import { Big, toDecimalString } from '../common/decimal/decimal';
import { AppProblem, ValidationProblem, type FieldError } from '../common/problem/problem';
import { enqueueDriftRecheck } from '../jobs/drift-recheck';
import { JobQueue } from '../jobs/job-queue';
import { LedgerService } from '../portfolio/ledger.service';
import { PortfoliosService } from '../portfolio/portfolios.service';
import type { TargetBand } from './domain/drift';
import { AssetsService } from '../portfolio/assets.service';
import type { TargetAllocation } from './entities/target-allocation.entity';
import type { HouseholdTargetAllocation } from './entities/household-target-allocation.entity';
import { HouseholdsService } from '../portfolio/households.service';
import { type NewTarget, TargetRepository } from './target.repository';
import { CommonErrorCode } from '../common/problem/common-errors';
import { RebalancingErrorCode } from './rebalancing-errors';
import { type Tx, UnitOfWork } from '../database/unit-of-work';

export function toTargetBand(target: TargetAllocation | HouseholdTargetAllocation): TargetBand {
  return {
    assetType: target.assetType,
    targetPercentage: target.targetPercentage,
    tolerancePercentage: target.tolerancePercentage,
    relativeTolerancePercentage: target.relativeTolerancePercentage,
  };
}

/** A portfolio's target set as the service hands it out. */
export interface PortfolioTargets {
  portfolioId: string;
  targets: TargetAllocation[];
}

/** A household's target set, judged over the sum of its accounts. */
export interface HouseholdTargets {
  householdId: string;
  targets: HouseholdTargetAllocation[];
}

@Injectable()
export class TargetsService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly portfolios: PortfoliosService,
    private readonly ledger: LedgerService,
    private readonly jobs: JobQueue,
    private readonly targets: TargetRepository,
    private readonly assets: AssetsService,
    private readonly households: HouseholdsService,
  ) {}

  /**
   * Not paginated, unlike every other list: the targets are one set, read and
   * replaced as a whole and summing to 100, with at most one line per class.
   */
  async get(principal: Principal, portfolioId: string): Promise<PortfolioTargets> {
    const portfolio = await this.portfolios.findOwned(principal, portfolioId);
    return { portfolioId: portfolio.id, targets: await this.targets.ofPortfolio(portfolio.id) };
  }

  /** Replaces the whole set atomically, after checking it as a whole. */
  async put(principal: Principal, portfolioId: string, targets: NewTarget[]): Promise<PortfolioTargets> {
    return this.unitOfWork.run(async (manager) => {
      await this.ledger.lockScopeOf(manager, principal.userId, portfolioId);
      const portfolio = await this.portfolios.findOwned(principal, portfolioId, manager);
      await this.check(manager, targets);
      await this.targets.replace(manager, portfolio.id, targets);
      await enqueueDriftRecheck(this.jobs, manager, [portfolio.id]);
      return { portfolioId: portfolio.id, targets: await this.targets.ofPortfolio(portfolio.id, manager) };
    });
  }

  async getOfHousehold(principal: Principal, householdId: string): Promise<HouseholdTargets> {
    const household = await this.households.findOwned(principal, householdId);
    return { householdId: household.id, targets: await this.targets.ofHousehold(household.id) };
  }

  /**
   * Replaces a household's whole set atomically, with the portfolio rules. The household's row is
   * locked as its ledger writes lock it, so two PUTs of one household apply one after the other.
   */
  async putOfHousehold(principal: Principal, householdId: string, targets: NewTarget[]): Promise<HouseholdTargets> {
    return this.unitOfWork.run(async (tx) => {
      const household = await this.households.lockOwned(principal, householdId, tx);
      await this.check(tx, targets);
      await this.targets.replaceOfHousehold(tx, household.id, targets);
      await enqueueDriftRecheck(this.jobs, tx, [], [household.id]);
      return { householdId: household.id, targets: await this.targets.ofHousehold(household.id, tx) };
    });
  }

  private async check(manager: Tx, targets: NewTarget[]): Promise<void> {
    const errors: FieldError[] = [];
    const seen = new Map<string, number>();
    targets.forEach((target, index) => {
      const first = seen.get(target.assetType);
      if (first !== undefined)
        errors.push({ field: `targets[${index}].assetType`, rule: 'uniqueAssetType', message: `repeats targets[${first}] (${target.assetType})` });
      else seen.set(target.assetType, index);
    });
    const preferredIds = targets.flatMap((target) => (target.preferredAssetId ? [target.preferredAssetId] : []));
    const assets = await this.assets.findByIds(preferredIds, manager);
    const classOf = new Map(assets.map((asset) => [asset.id, asset.assetType]));
    targets.forEach((target, index) => {
      if (!target.preferredAssetId) return;
      const assetType = classOf.get(target.preferredAssetId);
      if (assetType === undefined) {
        errors.push({ field: `targets[${index}].preferredAssetId`, rule: 'knownAsset', message: 'is not an asset of the catalogue' });
      } else if (assetType !== target.assetType) {
        errors.push({ field: `targets[${index}].preferredAssetId`, rule: 'sameAssetType', message: `is a ${assetType} asset, not ${target.assetType}` });
      }
    });
    if (errors.length > 0) throw new ValidationProblem(errors, CommonErrorCode.UNPROCESSABLE_FIELDS);
    if (targets.length === 0) return;
    const sum = targets.reduce((total, target) => total.plus(target.targetPercentage), new Big(0));
    if (!sum.eq(100)) {
      throw new AppProblem(RebalancingErrorCode.TARGETS_DO_NOT_SUM_TO_100, `The targets sum to ${toDecimalString(sum)}, not exactly 100`, {
        errors: [{ field: 'targets', rule: 'sumTo100', message: `sums to ${toDecimalString(sum)}; must be exactly 100` }],
      });
    }
  }
}
