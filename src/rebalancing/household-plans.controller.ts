import { Body, Controller, Get, HttpCode, HttpStatus, Post, Query } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, RequireScopes } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { ApiProblems } from '../common/http/api-problem-responses.decorator';
import { UuidParam } from '../common/http/uuid-param.decorator';
import { Idempotent } from '../common/idempotency/idempotent.decorator';
import { CommonErrorCode } from '../common/problem/common-errors';
import { LEDGER_VIOLATION_CODES } from '../portfolio/portfolio-errors';
import { CreateHouseholdPlanDto, HouseholdPlanDto, HouseholdRebalanceOptionsDto, HouseholdSuggestionsDto } from './dto/household-plans.dto';
import { HouseholdPlansService } from './household-plans.service';
import { toHouseholdPlanDto, toHouseholdPlanRequest, toHouseholdSuggestionsDto } from './household-plans.mapper';
import { HouseholdSuggestionsService } from './household-suggestions.service';
import { RebalancingErrorCode } from './rebalancing-errors';

const HOW_IT_SOLVES =
  'Solved as a mixed-integer program (HiGHS) over every account of the household at once: no sale beyond a lot, each account’s cash never below cashReserve (no money moves between accounts), the gain budget, the wash-sale rule across the household; drift beyond a band costs most, then distance to target (TO_TARGET), estimated tax at the household’s rates, asset location, turnover and trade count. The answer is converted to exact units, verified exactly (verification) and compared with a tax-blind per-account rebalance (baseline). It buys held assets, the targets’ preferred assets and listed substitutes, and, for a targeted class none of them is in, any asset of the catalogue in that class. Trades are at each asset’s newest price; an asset without a price is left out (held, it counts 0 and is never sold; warnings name it). 503 SOLVER_BUSY with Retry-After when every solver is busy and the queue is full.';

/** Household rebalancing solved across accounts: suggestions, stored plans, execution. */
@ApiTags('household rebalancing')
@Controller('households/:id/rebalance')
export class HouseholdPlansController {
  constructor(
    private readonly suggestions: HouseholdSuggestionsService,
    private readonly plans: HouseholdPlansService,
  ) {}

  @Get('suggestions')
  @RequireScopes('rebalancing:read')
  @ApiOperation({
    operationId: 'getHouseholdSuggestions',
    summary: 'The trades, per account, that rebalance the whole household at the least tax',
    description: HOW_IT_SOLVES,
  })
  @ApiOkResponse({ type: HouseholdSuggestionsDto })
  @ApiProblems(CommonErrorCode.VALIDATION_FAILED, CommonErrorCode.NOT_FOUND, RebalancingErrorCode.TARGETS_NOT_SET, RebalancingErrorCode.SOLVER_BUSY)
  async suggest(
    @CurrentPrincipal() principal: Principal,
    @UuidParam('id') id: string,
    @Query() query: HouseholdRebalanceOptionsDto,
  ): Promise<HouseholdSuggestionsDto> {
    return toHouseholdSuggestionsDto(await this.suggestions.solve(principal, id, toHouseholdPlanRequest(query)));
  }

  @Post('plans')
  @RequireScopes('rebalancing:write')
  @Idempotent()
  @ApiOperation({
    operationId: 'createHouseholdPlan',
    summary: 'Solve the household and store the trades as a PENDING plan, with the history and prices they were solved on',
    description: `${HOW_IT_SOLVES} 422 PLAN_NOT_RECORDABLE, naming the item, when a trade could not be recorded as a transaction.`,
  })
  @ApiBody({
    type: CreateHouseholdPlanDto,
    examples: {
      toTarget: { summary: 'Back to target, whole units, at the least tax', value: { mode: 'TO_TARGET', wholeUnits: true } },
      gainBudget: { summary: 'Within the bands, realizing at most $1,000 of long-term gain', value: { mode: 'WITHIN_BANDS', maxLongTermGain: '1000' } },
    },
  })
  @ApiCreatedResponse({ type: HouseholdPlanDto, description: 'Created, or replayed for a repeated Idempotency-Key' })
  @ApiProblems(
    CommonErrorCode.VALIDATION_FAILED,
    CommonErrorCode.NOT_FOUND,
    RebalancingErrorCode.TARGETS_NOT_SET,
    RebalancingErrorCode.PLAN_NOT_RECORDABLE,
    RebalancingErrorCode.SOLVER_BUSY,
  )
  async create(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string, @Body() dto: CreateHouseholdPlanDto): Promise<HouseholdPlanDto> {
    return toHouseholdPlanDto(await this.plans.create(principal, id, toHouseholdPlanRequest(dto)));
  }

  @Get('plans/:planId')
  @RequireScopes('rebalancing:read')
  @ApiOperation({ operationId: 'getHouseholdPlan', summary: 'One household plan with its trades per account and their status' })
  @ApiOkResponse({ type: HouseholdPlanDto })
  @ApiProblems(CommonErrorCode.VALIDATION_FAILED, CommonErrorCode.NOT_FOUND)
  async get(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string, @UuidParam('planId') planId: string): Promise<HouseholdPlanDto> {
    return toHouseholdPlanDto(await this.plans.get(principal, id, planId));
  }

  @Post('plans/:planId/execute')
  @HttpCode(HttpStatus.OK)
  @RequireScopes('rebalancing:write')
  @Idempotent()
  @ApiOperation({
    operationId: 'executeHouseholdPlan',
    summary: "Record the plan's trades in every account, in one database transaction, exactly once",
    description:
      "Per account, SELLs (one transaction per asset, naming the plan's lots) then BUYs, at the plan's prices, with the household locked. A repeat or concurrent call returns the executed plan and records nothing more (so an Idempotency-Key is honored by construction). 409 PLAN_STALE when a transaction of the household was added or removed, an account moved in or out, or an asset's newest price differs from the plan's. 409 PLAN_CANCELLED for an automatic plan a newer proposal or the alert's resolution cancelled. 409 PLAN_NOT_VERIFIED for a plan whose report.verification is not ok: the exact check found it breaking a hard constraint, so it is never recorded.",
  })
  @ApiOkResponse({ type: HouseholdPlanDto })
  @ApiProblems(
    CommonErrorCode.VALIDATION_FAILED,
    CommonErrorCode.NOT_FOUND,
    RebalancingErrorCode.PLAN_STALE,
    RebalancingErrorCode.PLAN_CANCELLED,
    RebalancingErrorCode.PLAN_NOT_VERIFIED,
    ...LEDGER_VIOLATION_CODES,
  )
  async execute(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string, @UuidParam('planId') planId: string): Promise<HouseholdPlanDto> {
    return toHouseholdPlanDto(await this.plans.execute(principal, id, planId));
  }
}
