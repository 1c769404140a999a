import { Body, Controller, Get, HttpCode, HttpStatus, Post, Put, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, RequireScopes } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { ApiProblems } from '../common/http/api-problem-responses.decorator';
import { toPageRequest } from '../common/http/pagination';
import { UuidParam } from '../common/http/uuid-param.decorator';
import { DriftService } from './drift.service';
import { DriftHistoryDto, DriftHistoryQueryDto, DriftReportDto } from './dto/drift.dto';
import { HarvestDto, HarvestQueryDto, SuggestionQueryDto, SuggestionsDto } from './dto/suggestions.dto';
import { PutTargetsDto, TargetsDto } from './dto/targets.dto';
import { WhatIfRequestDto, WhatIfResponseDto } from './dto/what-if.dto';
import { SuggestionsService } from './suggestions.service';
import { TargetsService } from './targets.service';
import { WhatIfService } from './what-if.service';
import { CommonErrorCode } from '../common/problem/common-errors';
import { RebalancingErrorCode } from './rebalancing-errors';

import { toDriftHistoryDto, toHistoryFilter, toMeasuredDriftDto } from './drift.mapper';
import { toShownSuggestions } from './shown-suggestions';
import { toHarvestCriteria, toHarvestDto, toSuggestionOptions } from './suggestions.mapper';
import { toNewTargets, toTargetsDto } from './targets.mapper';
import { toWhatIfResponseDto, toWhatIfScenario } from './what-if.mapper';
@ApiTags('rebalancing')
@Controller('portfolios/:id')
export class RebalancingController {
  constructor(
    private readonly targets: TargetsService,
    private readonly drift: DriftService,
    private readonly whatIfs: WhatIfService,
    private readonly suggestionsService: SuggestionsService,
  ) {}

  @Get('targets')
  @RequireScopes('rebalancing:read')
  @ApiOperation({ operationId: 'getTargets', summary: 'The target allocation by class' })
  @ApiOkResponse({ type: TargetsDto })
  @ApiProblems(CommonErrorCode.VALIDATION_FAILED, CommonErrorCode.NOT_FOUND)
  async getTargets(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string): Promise<TargetsDto> {
    return toTargetsDto(await this.targets.get(principal, id));
  }

  @Put('targets')
  @RequireScopes('rebalancing:write')
  @ApiOperation({
    operationId: 'putTargets',
    summary: 'Replace the whole target allocation atomically',
    description: 'Each target 0–100 with at most 2 decimals, the set summing to exactly 100, each class once. [] removes the targets.',
  })
  @ApiOkResponse({ type: TargetsDto })
  @ApiProblems(
    CommonErrorCode.VALIDATION_FAILED,
    CommonErrorCode.NOT_FOUND,
    CommonErrorCode.UNPROCESSABLE_FIELDS,
    RebalancingErrorCode.TARGETS_DO_NOT_SUM_TO_100,
  )
  async putTargets(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string, @Body() dto: PutTargetsDto): Promise<TargetsDto> {
    return toTargetsDto(await this.targets.put(principal, id, toNewTargets(dto)));
  }

  @Get('drift')
  @RequireScopes('rebalancing:read')
  @ApiOperation({
    operationId: 'getDrift',
    summary: 'How far each class is from its target, and how serious that is',
    description:
      'Percentages are rounded half-even to 4 decimals for display; levels are decided on exact values. A result that differs from the last one is added to the drift history.',
  })
  @ApiOkResponse({ type: DriftReportDto })
  @ApiProblems(CommonErrorCode.VALIDATION_FAILED, CommonErrorCode.NOT_FOUND, RebalancingErrorCode.TARGETS_NOT_SET)
  async getDrift(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string): Promise<DriftReportDto> {
    return toMeasuredDriftDto(await this.drift.drift(principal, id));
  }

  @Get('drift/history')
  @RequireScopes('rebalancing:read')
  @ApiOperation({ operationId: 'getDriftHistory', summary: 'Drift over time, per class: the series the dashboard draws' })
  @ApiOkResponse({ type: DriftHistoryDto })
  @ApiProblems(CommonErrorCode.VALIDATION_FAILED, CommonErrorCode.NOT_FOUND, CommonErrorCode.INVALID_CURSOR)
  async history(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string, @Query() query: DriftHistoryQueryDto): Promise<DriftHistoryDto> {
    return toDriftHistoryDto(await this.drift.history(principal, id, toHistoryFilter(query), toPageRequest(query)));
  }

  @Get('rebalance/suggestions')
  @RequireScopes('rebalancing:read')
  @ApiOperation({
    operationId: 'getSuggestions',
    summary: 'The trades (asset, units, tax lots) that bring the portfolio back within its bands, tax-aware; nothing is stored',
    description:
      'Solved as the household plans are (a mixed-integer program, HiGHS), for this one account: a class outside its band goes to its target (TO_TARGET) or its nearest band edge (TO_BAND, a cent inside); a class inside its band moves only if the trades need it. Among the trades that do that, the least estimated tax at the household’s rates (losses relieved first, a lot whose loss would be a wash sale last; a loss never pays for a trade on its own: see tax-loss-harvesting), then the least turnover. Cash never goes below zero; no sell exceeds a lot. Buys go to the target’s preferredAssetId, else a held asset of the class, else value into the class (assetId null). Within tolerance everywhere and no cashFlow: an empty list. 503 SOLVER_BUSY with Retry-After when every solver is busy and the queue is full.',
  })
  @ApiOkResponse({ type: SuggestionsDto })
  @ApiProblems(
    CommonErrorCode.VALIDATION_FAILED,
    CommonErrorCode.NOT_FOUND,
    RebalancingErrorCode.TARGETS_NOT_SET,
    CommonErrorCode.UNPROCESSABLE_FIELDS,
    RebalancingErrorCode.SOLVER_BUSY,
  )
  async suggestions(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string, @Query() query: SuggestionQueryDto): Promise<SuggestionsDto> {
    return toShownSuggestions(await this.suggestionsService.suggest(principal, id, toSuggestionOptions(query)));
  }

  @Get('tax-loss-harvesting')
  @RequireScopes('rebalancing:read')
  @ApiOperation({
    operationId: 'getTaxLossHarvesting',
    summary: 'Open lots whose sale would realize a loss, with wash-sale status, replacements and the tax it would save',
    description:
      'Rates are percentages; the defaults (37 short-term, 20 long-term) are the top US federal rates, without state tax or the net investment income tax.',
  })
  @ApiOkResponse({ type: HarvestDto })
  @ApiProblems(CommonErrorCode.VALIDATION_FAILED, CommonErrorCode.NOT_FOUND)
  async harvest(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string, @Query() query: HarvestQueryDto): Promise<HarvestDto> {
    return toHarvestDto(await this.suggestionsService.harvest(principal, id, toHarvestCriteria(query)));
  }

  @Post('rebalance/what-if')
  @HttpCode(HttpStatus.OK)
  @RequireScopes('rebalancing:read')
  @ApiOperation({
    operationId: 'whatIf',
    summary: 'What a set of trades would do to the allocation and the tax bill; nothing is written',
    description:
      'A BUY spends cash and a SELL raises it, so the total changes only by cashFlow. Selling more than is held is a 422 naming the trade; cash going negative is a warning.',
  })
  @ApiOkResponse({ type: WhatIfResponseDto })
  @ApiProblems(
    CommonErrorCode.VALIDATION_FAILED,
    CommonErrorCode.NOT_FOUND,
    RebalancingErrorCode.TARGETS_NOT_SET,
    CommonErrorCode.TOO_MANY_ITEMS,
    CommonErrorCode.UNPROCESSABLE_FIELDS,
  )
  async whatIf(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string, @Body() dto: WhatIfRequestDto): Promise<WhatIfResponseDto> {
    return toWhatIfResponseDto(await this.whatIfs.whatIf(principal, id, toWhatIfScenario(dto)));
  }
}
