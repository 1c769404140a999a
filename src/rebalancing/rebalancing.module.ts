import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PortfolioModule } from '../portfolio/portfolio.module';
import { DriftAlertsController } from './drift-alerts.controller';
import { DriftAlertsService } from './drift-alerts.service';
import { DriftMonitorService } from './drift-monitor.service';
import { DriftService } from './drift.service';
import { DriftHistoryRepository } from './drift-history.repository';
import { WebhooksController } from './webhooks.controller';
import { WebhooksService } from './webhooks.service';
import { PortfolioDrift } from './entities/portfolio-drift.entity';
import { RebalancingPlanItem } from './entities/rebalancing-plan-item.entity';
import { RebalancingPlan } from './entities/rebalancing-plan.entity';
import { PlansController } from './plans.controller';
import { PlansService } from './plans.service';
import { TargetAllocation } from './entities/target-allocation.entity';
import { RebalancingController } from './rebalancing.controller';
import { SuggestionsService } from './suggestions.service';
import { TargetsService } from './targets.service';
import { WhatIfService } from './what-if.service';

@Module({
  imports: [TypeOrmModule.forFeature([TargetAllocation, PortfolioDrift, RebalancingPlan, RebalancingPlanItem]), PortfolioModule],
  controllers: [RebalancingController, PlansController, DriftAlertsController, WebhooksController],
  providers: [
    TargetsService,
    DriftHistoryRepository,
    DriftService,
    WhatIfService,
    SuggestionsService,
    PlansService,
    WebhooksService,
    DriftMonitorService,
    DriftAlertsService,
  ],
})
export class RebalancingModule {}
