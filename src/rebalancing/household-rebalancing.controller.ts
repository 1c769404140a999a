import { Body, Controller, Get, Put, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, RequireScopes } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { ApiProblems } from '../common/http/api-problem-responses.decorator';
import { toPageRequest } from '../common/http/pagination';
import { UuidParam } from '../common/http/uuid-param.decorator';
import { CommonErrorCode } from '../common/problem/common-errors';
import { toHistoryFilter, toHouseholdDriftDto, toHouseholdDriftHistoryDto } from './drift.mapper';
import { DriftService } from './drift.service';
import { DriftHistoryQueryDto, HouseholdDriftHistoryDto, HouseholdDriftReportDto } from './dto/drift.dto';
import { HouseholdTargetsDto, PutTargetsDto } from './dto/targets.dto';
import { RebalancingErrorCode } from './rebalancing-errors';
import { toHouseholdTargetsDto, toNewTargets } from './targets.mapper';
import { TargetsService } from './targets.service';

/** Targets and drift of a whole household: its accounts taken together. */
@ApiTags('household rebalancing')
@Controller('households/:id')
export class HouseholdRebalancingController {
  constructor(
    private readonly targets: TargetsService,
    private readonly drift: DriftService,
  ) {}

  @Get('targets')
  @RequireScopes('rebalancing:read')
  @ApiOperation({ operationId: 'getHouseholdTargets', summary: 'The household’s target allocation by class, over all its accounts' })
  @ApiOkResponse({ type: HouseholdTargetsDto })
  @ApiProblems(CommonErrorCode.VALIDATION_FAILED, CommonErrorCode.NOT_FOUND)
  async getTargets(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string): Promise<HouseholdTargetsDto> {
    return toHouseholdTargetsDto(await this.targets.getOfHousehold(principal, id));
  }

  @Put('targets')
  @RequireScopes('rebalancing:write')
  @ApiOperation({
    operationId: 'putHouseholdTargets',
    summary: 'Replace the household’s whole target allocation atomically',
    description:
      'The same shape and rules as a portfolio’s targets: each target 0–100 with at most 2 decimals, the set summing to exactly 100, each class once. [] removes the targets. Each account keeps its own targets, if any; the household’s are judged over the sum of its accounts.',
  })
  @ApiOkResponse({ type: HouseholdTargetsDto })
  @ApiProblems(
    CommonErrorCode.VALIDATION_FAILED,
    CommonErrorCode.NOT_FOUND,
    CommonErrorCode.UNPROCESSABLE_FIELDS,
    RebalancingErrorCode.TARGETS_DO_NOT_SUM_TO_100,
  )
  async putTargets(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string, @Body() dto: PutTargetsDto): Promise<HouseholdTargetsDto> {
    return toHouseholdTargetsDto(await this.targets.putOfHousehold(principal, id, toNewTargets(dto)));
  }

  @Get('drift')
  @RequireScopes('rebalancing:read')
  @ApiOperation({
    operationId: 'getHouseholdDrift',
    summary: 'How far each class of the whole household is from the household’s target',
    description:
      'Every account’s positions at their newest prices and every account’s cash, summed by class (a look-through fund split by its class weights). Percentages are rounded half-even to 4 decimals for display; levels are decided on exact values. A class held without a household target is judged against a band of 0. A result that differs from the last one is added to the household’s drift history.',
  })
  @ApiOkResponse({ type: HouseholdDriftReportDto })
  @ApiProblems(CommonErrorCode.VALIDATION_FAILED, CommonErrorCode.NOT_FOUND, RebalancingErrorCode.TARGETS_NOT_SET)
  async getDrift(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string): Promise<HouseholdDriftReportDto> {
    return toHouseholdDriftDto(await this.drift.householdDrift(principal, id));
  }

  @Get('drift/history')
  @RequireScopes('rebalancing:read')
  @ApiOperation({
    operationId: 'getHouseholdDriftHistory',
    summary: 'The household’s drift over time, per class: the series of its own targets, as a portfolio’s history is',
  })
  @ApiOkResponse({ type: HouseholdDriftHistoryDto })
  @ApiProblems(CommonErrorCode.VALIDATION_FAILED, CommonErrorCode.NOT_FOUND, CommonErrorCode.INVALID_CURSOR)
  async history(
    @CurrentPrincipal() principal: Principal,
    @UuidParam('id') id: string,
    @Query() query: DriftHistoryQueryDto,
  ): Promise<HouseholdDriftHistoryDto> {
    return toHouseholdDriftHistoryDto(await this.drift.householdHistory(principal, id, toHistoryFilter(query), toPageRequest(query)));
  }
}
