import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { UnitOfWork } from '../database/unit-of-work';
import { PortfolioModule } from '../portfolio/portfolio.module';
import { DriftAlertRepository } from './drift-alert.repository';
import { DriftAlertTransitions } from './drift-alert-transitions.service';
import { DriftAlertsController } from './drift-alerts.controller';
import { DriftAlertsService } from './drift-alerts.service';
import { DriftHistoryRepository } from './drift-history.repository';
import { DriftMonitorService } from './drift-monitor.service';
import { DriftQueries } from './drift-queries.repository';
import { DriftScanRepository } from './drift-scan.repository';
import { DriftScanScheduler } from './drift-scan.scheduler';
import { DriftService } from './drift.service';
import { PortfolioDrift } from './entities/portfolio-drift.entity';
import { RebalancingPlanItem } from './entities/rebalancing-plan-item.entity';
import { RebalancingPlan } from './entities/rebalancing-plan.entity';
import { TargetAllocation } from './entities/target-allocation.entity';
import { HouseholdTargetAllocation } from './entities/household-target-allocation.entity';
import { HouseholdPreferencesController } from './household-preferences.controller';
import { HouseholdPreferencesRepository } from './household-preferences.repository';
import { HouseholdPreferencesService } from './household-preferences.service';
import { HouseholdRebalancingPlan } from './entities/household-rebalancing-plan.entity';
import { HouseholdRebalancingPlanItem } from './entities/household-rebalancing-plan-item.entity';
import { HouseholdPlanRepository } from './household-plan.repository';
import { HouseholdPlansController } from './household-plans.controller';
import { HouseholdPlansService } from './household-plans.service';
import { HouseholdSuggestionsService } from './household-suggestions.service';
import { SolverModule } from './solver/solver.module';
import { PlanRepository } from './plan.repository';
import { PlansController } from './plans.controller';
import { PlansService } from './plans.service';
import { RebalancingController } from './rebalancing.controller';
import { HouseholdRebalancingController } from './household-rebalancing.controller';
import { SuggestionsService } from './suggestions.service';
import { TargetRepository } from './target.repository';
import { TargetsService } from './targets.service';
import { WebhookRepository } from './webhook.repository';
import { WebhooksController } from './webhooks.controller';
import { WebhooksService } from './webhooks.service';
import { WhatIfService } from './what-if.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([
      TargetAllocation,
      HouseholdTargetAllocation,
      PortfolioDrift,
      RebalancingPlan,
      RebalancingPlanItem,
      HouseholdRebalancingPlan,
      HouseholdRebalancingPlanItem,
    ]),
    PortfolioModule,
    SolverModule,
  ],
  controllers: [
    RebalancingController,
    HouseholdRebalancingController,
    HouseholdPreferencesController,
    HouseholdPlansController,
    PlansController,
    DriftAlertsController,
    WebhooksController,
  ],
  providers: [
    UnitOfWork,
    TargetRepository,
    DriftHistoryRepository,
    DriftQueries,
    DriftScanRepository,
    DriftAlertRepository,
    PlanRepository,
    WebhookRepository,
    TargetsService,
    DriftService,
    WhatIfService,
    SuggestionsService,
    PlansService,
    WebhooksService,
    DriftAlertTransitions,
    DriftMonitorService,
    DriftScanScheduler,
    DriftAlertsService,
    HouseholdPreferencesRepository,
    HouseholdPreferencesService,
    HouseholdPlanRepository,
    HouseholdSuggestionsService,
    HouseholdPlansService,
  ],
})
export class RebalancingModule {}
