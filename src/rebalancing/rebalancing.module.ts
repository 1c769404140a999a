import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PortfolioModule } from '../portfolio/portfolio.module';
import { DriftService } from './drift.service';
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
  controllers: [RebalancingController, PlansController],
  providers: [TargetsService, DriftService, WhatIfService, SuggestionsService, PlansService],
})
export class RebalancingModule {}
