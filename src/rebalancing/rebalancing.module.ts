import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PortfolioModule } from '../portfolio/portfolio.module';
import { DriftService } from './drift.service';
import { PortfolioDrift } from './entities/portfolio-drift.entity';
import { TargetAllocation } from './entities/target-allocation.entity';
import { RebalancingController } from './rebalancing.controller';
import { SuggestionsService } from './suggestions.service';
import { TargetsService } from './targets.service';
import { WhatIfService } from './what-if.service';

@Module({
  imports: [TypeOrmModule.forFeature([TargetAllocation, PortfolioDrift]), PortfolioModule],
  controllers: [RebalancingController],
  providers: [TargetsService, DriftService, WhatIfService, SuggestionsService],
})
export class RebalancingModule {}
