import { EnablePgcrypto1764000000000 } from './1764000000000-EnablePgcrypto';
import { CreateUsersAndApiKeys1795486670318 } from './1795486670318-CreateUsersAndApiKeys';
import { CreateAssetsAndPrices1795487094622 } from './1795487094622-CreateAssetsAndPrices';
import { CreatePortfoliosAndLedger1795487646632 } from './1795487646632-CreatePortfoliosAndLedger';
import { CreateTargetsAndDriftHistory1795489338473 } from './1795489338473-CreateTargetsAndDriftHistory';
import { CreateRebalancingPlans1795490932016 } from './1795490932016-CreateRebalancingPlans';
import { CreateJobQueue1795492000000 } from './1795492000000-CreateJobQueue';
import { CreateDriftAlertsAndWebhooks1795492134564 } from './1795492134564-CreateDriftAlertsAndWebhooks';
import { GlobalIdempotencyKeys1795496475464 } from './1795496475464-GlobalIdempotencyKeys';
import { CreateRateLimitCounters1795496639823 } from './1795496639823-CreateRateLimitCounters';
import { KeysetIndexesForEveryList1795496883953 } from './1795496883953-KeysetIndexesForEveryList';
import { UntargetedTolerance1795500000000 } from './1795500000000-UntargetedTolerance';
import { PlanExecutionRecord1795500100000 } from './1795500100000-PlanExecutionRecord';
import { Households1795500200000 } from './1795500200000-Households';
import { AssetClassWeights1795500300000 } from './1795500300000-AssetClassWeights';
import { HouseholdTargets1795500400000 } from './1795500400000-HouseholdTargets';
import { HouseholdRestrictionsAndPreferences1795500600000 } from './1795500600000-HouseholdRestrictionsAndPreferences';
import { HouseholdRebalancingPlans1795500700000 } from './1795500700000-HouseholdRebalancingPlans';
import { HouseholdDriftMonitor1795500800000 } from './1795500800000-HouseholdDriftMonitor';
import { HouseholdAutomaticPlans1795500900000 } from './1795500900000-HouseholdAutomaticPlans';

/**
 * Migrations in the order they run. `npm run migration:generate` writes a new
 * file beside this one and appends its class here.
 */
export const migrations = [
  EnablePgcrypto1764000000000,
  CreateUsersAndApiKeys1795486670318,
  CreateAssetsAndPrices1795487094622,
  CreatePortfoliosAndLedger1795487646632,
  CreateTargetsAndDriftHistory1795489338473,
  CreateRebalancingPlans1795490932016,
  CreateJobQueue1795492000000,
  CreateDriftAlertsAndWebhooks1795492134564,
  GlobalIdempotencyKeys1795496475464,
  CreateRateLimitCounters1795496639823,
  KeysetIndexesForEveryList1795496883953,
  UntargetedTolerance1795500000000,
  PlanExecutionRecord1795500100000,
  Households1795500200000,
  AssetClassWeights1795500300000,
  HouseholdTargets1795500400000,
  HouseholdRestrictionsAndPreferences1795500600000,
  HouseholdRebalancingPlans1795500700000,
  HouseholdDriftMonitor1795500800000,
  HouseholdAutomaticPlans1795500900000,
];
