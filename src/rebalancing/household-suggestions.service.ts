import { Injectable } from '@nestjs/common';
import type { Principal } from '../auth/principal';
import { AppProblem } from '../common/problem/problem';
import type { Asset } from '../portfolio/entities/asset.entity';
import type { Household } from '../portfolio/entities/household.entity';
import { AssetsService } from '../portfolio/assets.service';
import { HouseholdsService } from '../portfolio/households.service';
import { LedgerService } from '../portfolio/ledger.service';
import type { HouseholdPlanOptions, HouseholdPlanRequest, PlanAccount } from './household-plan-types';
import { HouseholdPreferencesService } from './household-preferences.service';
import { householdProblem, resolveOptions, type PricedCandidate } from './household-problem';
import { RebalancingErrorCode } from './rebalancing-errors';
import { CASH_CLASS } from './domain/household-solver/problem';
import { HouseholdSolver } from './solver/household-solver.service';
import type { HouseholdPlan } from './solver/plan-household';
import { TargetRepository } from './target.repository';

/** A household's plan as solved now, with what it was solved on: what suggestions show and a stored plan keeps. */
export interface SolvedHousehold {
  household: Household;
  calculatedAt: Date;
  options: HouseholdPlanOptions;
  plan: HouseholdPlan;
  accounts: PlanAccount[];
  /** Every asset the problem priced: its symbol and the price the plan trades it at. */
  assets: Map<string, { symbol: string; price: string }>;
  /** The household's history version read before anything else: a write after it makes a stored plan stale. */
  holdingsVersion: string;
  warnings: string[];
}

/**
 * Household suggestions: the household's accounts, lots and wash-sale facts from the ledger's replay,
 * its targets, the catalogue's priced assets and the planning inputs, solved on the solver pool.
 * Nothing is stored.
 */
@Injectable()
export class HouseholdSuggestionsService {
  constructor(
    private readonly households: HouseholdsService,
    private readonly ledger: LedgerService,
    private readonly assets: AssetsService,
    private readonly targets: TargetRepository,
    private readonly solver: HouseholdSolver,
    private readonly preferences: HouseholdPreferencesService,
  ) {}

  /** 404 when not the user's, 409 TARGETS_NOT_SET without household targets, 503 SOLVER_BUSY when the pool's queue is full. */
  solve(principal: Principal, householdId: string, request: HouseholdPlanRequest): Promise<SolvedHousehold> {
    return this.solveFor(principal.userId, householdId, request);
  }

  /** solve for the household's owner, named by id: what the system's work for them (an automatic plan) calls, with no request behind it. */
  async solveFor(userId: string, householdId: string, request: HouseholdPlanRequest): Promise<SolvedHousehold> {
    const household = await this.households.findOwnedFor(userId, householdId);
    // Read first, so a write while the plan is computed makes it stale rather than silently wrong.
    const holdingsVersion = await this.ledger.householdHistoryVersion(household.id);
    const targets = await this.targets.ofHousehold(household.id);
    if (targets.length === 0) {
      throw new AppProblem(RebalancingErrorCode.TARGETS_NOT_SET, 'The household has no target allocation: PUT /households/{id}/targets first');
    }
    const calculatedAt = new Date();
    const options = resolveOptions(request, household);
    const { accounts, priced, warnings } = await this.households.holdingsOf(household.id);
    const replay = await this.ledger.replayHousehold(household.id);
    const inputs = await this.preferences.planningInputs(household.id);
    const candidates = await this.candidates(
      priced.flatMap(({ asset, current }) => (current ? [{ asset, price: current.price }] : [])),
      [...new Set(targets.map((target) => target.assetType))],
      [...targets.flatMap((target) => (target.preferredAssetId ? [target.preferredAssetId] : [])), ...Object.values(inputs.substitutes).flat()],
    );
    const problem = householdProblem({ household: replay, targets, assets: candidates, inputs, options, asOf: calculatedAt });
    const plan = await this.solver.plan(problem);
    const names = new Map(accounts.map((account) => [account.id, account.name]));
    return {
      household,
      calculatedAt,
      options,
      plan,
      accounts: replay.accounts
        .map((account) => ({ id: account.id, name: names.get(account.id) ?? account.id, accountType: account.accountType }))
        .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id)),
      assets: new Map(candidates.map(({ asset, price }) => [asset.id, { symbol: asset.symbol, price: price.toFixed() }])),
      holdingsVersion,
      warnings,
    };
  }

  /**
   * The assets the plan may trade: those held (at their newest prices), the targets' preferred assets
   * and the listed substitutes, and, for a targeted class none of these is wholly in, every asset of
   * the catalogue in that class (as single-portfolio suggestions buy a held or preferred asset). The
   * whole catalogue of every class would multiply the model's buy columns by its size for little gain.
   * An asset without a price (or priced 0) is left out: held, it counts 0 and is never sold, as the
   * drift route values it, and the warnings say so.
   */
  private async candidates(held: PricedCandidate[], targetedClasses: string[], named: string[]): Promise<PricedCandidate[]> {
    const byId = new Map<string, { asset: Asset; price: PricedCandidate['price'] | null }>(held.map((entry) => [entry.asset.id, entry]));
    const missing = [...new Set(named)].filter((id) => !byId.has(id));
    for (const entry of await this.assets.withIds(missing)) byId.set(entry.asset.id, entry);
    const covered = new Set([...byId.values()].flatMap(({ asset, price }) => (price && (asset.classWeights ?? []).length === 0 ? [asset.assetType] : [])));
    const uncovered = targetedClasses.filter((assetClass) => assetClass !== CASH_CLASS && !covered.has(assetClass));
    for (const entry of await this.assets.ofTypes(uncovered)) if (!byId.has(entry.asset.id)) byId.set(entry.asset.id, entry);
    return [...byId.values()]
      .flatMap(({ asset, price }) => (price && price.gt(0) ? [{ asset, price }] : []))
      .sort((a, b) => a.asset.symbol.localeCompare(b.asset.symbol));
  }
}
