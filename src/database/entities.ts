import { ApiKey } from '../auth/entities/api-key.entity';
import { User } from '../auth/entities/user.entity';
import { IdempotencyKey } from '../common/idempotency/idempotency-key.entity';
import { RateLimitCounter } from '../auth/rate-limit/rate-limit-counter.entity';
import { AssetClassWeight } from '../portfolio/entities/asset-class-weight.entity';
import { AssetPrice } from '../portfolio/entities/asset-price.entity';
import { Asset } from '../portfolio/entities/asset.entity';
import { Household } from '../portfolio/entities/household.entity';
import { Portfolio } from '../portfolio/entities/portfolio.entity';
import { Position } from '../portfolio/entities/position.entity';
import { RealizedGain } from '../portfolio/entities/realized-gain.entity';
import { TaxLot } from '../portfolio/entities/tax-lot.entity';
import { Transaction } from '../portfolio/entities/transaction.entity';
import { DriftAlert } from '../rebalancing/entities/drift-alert.entity';
import { HouseholdLocationPenalty } from '../rebalancing/entities/household-location-penalty.entity';
import { HouseholdRestriction } from '../rebalancing/entities/household-restriction.entity';
import { HouseholdSubstitute } from '../rebalancing/entities/household-substitute.entity';
import { DriftScan, DriftScanBatch } from '../rebalancing/entities/drift-scan.entity';
import { WebhookDelivery, WebhookDeliveryAttempt, WebhookEndpoint, WebhookEvent } from '../rebalancing/entities/webhook.entities';
import { PortfolioDrift } from '../rebalancing/entities/portfolio-drift.entity';
import { HouseholdDrift } from '../rebalancing/entities/household-drift.entity';
import { RebalancingPlanItem } from '../rebalancing/entities/rebalancing-plan-item.entity';
import { RebalancingPlan } from '../rebalancing/entities/rebalancing-plan.entity';
import { TargetAllocation } from '../rebalancing/entities/target-allocation.entity';
import { HouseholdTargetAllocation } from '../rebalancing/entities/household-target-allocation.entity';
import { HouseholdRebalancingPlan } from '../rebalancing/entities/household-rebalancing-plan.entity';
import { HouseholdRebalancingPlanItem } from '../rebalancing/entities/household-rebalancing-plan-item.entity';

/**
 * Every entity of every module. The migration CLI and the schema-drift test
 * read the schema from here, so a new entity must be listed.
 */
export const entities: Function[] = [
  User,
  ApiKey,
  Asset,
  AssetClassWeight,
  AssetPrice,
  Household,
  Portfolio,
  Transaction,
  Position,
  TaxLot,
  RealizedGain,
  TargetAllocation,
  HouseholdTargetAllocation,
  PortfolioDrift,
  HouseholdDrift,
  RebalancingPlan,
  RebalancingPlanItem,
  HouseholdRebalancingPlan,
  HouseholdRebalancingPlanItem,
  DriftAlert,
  DriftScan,
  DriftScanBatch,
  WebhookEndpoint,
  WebhookEvent,
  WebhookDelivery,
  WebhookDeliveryAttempt,
  HouseholdRestriction,
  HouseholdSubstitute,
  HouseholdLocationPenalty,
  IdempotencyKey,
  RateLimitCounter,
];
