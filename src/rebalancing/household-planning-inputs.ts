import { Injectable } from '@nestjs/common';
import type { Tx } from '../database/unit-of-work';
import { DEFAULT_LOCATION_PENALTIES, type LocationPenalties, type Restriction } from './domain/household-solver/problem';

/** What a household's owner says about trading it, beyond its targets: what the solver must honour or prefer. */
export interface PlanningInputs {
  restrictions: Restriction[];
  /** assetId → replacement assets, best first. */
  substitutes: Record<string, string[]>;
  locationPenalties: LocationPenalties;
}

/**
 * Where a household plan reads its restrictions, substitutes and asset-location preferences. A seam:
 * the stored ones (their own tables and routes) plug in here by binding another class to this token.
 * The caller has checked the household is the user's.
 */
export interface HouseholdPlanningInputs {
  forHousehold(householdId: string, tx?: Tx): Promise<PlanningInputs>;
}

export const HOUSEHOLD_PLANNING_INPUTS = Symbol('HouseholdPlanningInputs');

/** Until they are stored: no restriction, no substitute, and the documented default location table. */
@Injectable()
export class DefaultHouseholdPlanningInputs implements HouseholdPlanningInputs {
  forHousehold(): Promise<PlanningInputs> {
    return Promise.resolve({ restrictions: [], substitutes: {}, locationPenalties: DEFAULT_LOCATION_PENALTIES });
  }
}
