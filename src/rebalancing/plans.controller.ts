import { Body, Controller, Get, HttpCode, HttpStatus, Post, Query } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, RequireScopes } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { Idempotent } from '../common/idempotency/idempotent.decorator';
import { ApiProblems } from '../common/http/api-problem-responses.decorator';
import { UuidParam } from '../common/http/uuid-param.decorator';
import { CreatePlanDto, ExecutePlanDto, PlanDto, PlanQueryDto, PlanSummaryListDto } from './dto/plans.dto';
import { PlansService } from './plans.service';
import { CommonErrorCode } from '../common/problem/common-errors';
import { LEDGER_VIOLATION_CODES } from '../portfolio/portfolio-errors';
import { RebalancingErrorCode } from './rebalancing-errors';

import { toPlanDto, toPlanFills, toPlanListDto } from './plans.mapper';
import { toSuggestionOptions } from './suggestions.mapper';
import { toPageRequest } from '../common/http/pagination';
@ApiTags('rebalancing')
@Controller('portfolios/:id/rebalance/plans')
export class PlansController {
  constructor(private readonly plans: PlansService) {}

  @Post()
  @RequireScopes('rebalancing:write')
  @Idempotent()
  @ApiOperation({
    operationId: 'createPlan',
    summary: 'Compute suggestions and store them as a PENDING plan, with the prices and holdings they were computed on',
    description:
      "The trades are the suggestions' (GET …/rebalance/suggestions with the same options), solved by the household solver; 503 SOLVER_BUSY with Retry-After when every solver is busy and the queue is full. 422 PLAN_NOT_RECORDABLE, naming the item (items[i].quantity or items[i].price, SELLs first as stored), when a trade could not be recorded as a transaction: its quantity or price breaks the rule of a transaction's field (at most 12 digits before the point and 8 after).",
  })
  // Its own example: the one CreatePlanDto inherits from the suggestions query carries a cashFlow, which execute would record as a DEPOSIT.
  @ApiBody({
    type: CreatePlanDto,
    examples: {
      toTarget: { summary: 'Back to target, tax-aware, with the cash already held', value: { strategy: 'TO_TARGET', allowSells: true, taxAware: true } },
    },
  })
  @ApiCreatedResponse({ type: PlanDto, description: 'Created, or replayed for a repeated Idempotency-Key' })
  @ApiProblems(
    CommonErrorCode.VALIDATION_FAILED,
    CommonErrorCode.NOT_FOUND,
    RebalancingErrorCode.TARGETS_NOT_SET,
    RebalancingErrorCode.PLAN_NOT_RECORDABLE,
    CommonErrorCode.UNPROCESSABLE_FIELDS,
    RebalancingErrorCode.SOLVER_BUSY,
  )
  async create(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string, @Body() dto: CreatePlanDto): Promise<PlanDto> {
    return toPlanDto(await this.plans.create(principal, id, toSuggestionOptions(dto)));
  }

  @Get()
  @RequireScopes('rebalancing:read')
  @ApiOperation({ operationId: 'listPlans', summary: 'Plans, newest first, paginated' })
  @ApiOkResponse({ type: PlanSummaryListDto })
  @ApiProblems(CommonErrorCode.VALIDATION_FAILED, CommonErrorCode.NOT_FOUND, CommonErrorCode.INVALID_CURSOR)
  async list(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string, @Query() query: PlanQueryDto): Promise<PlanSummaryListDto> {
    return toPlanListDto(await this.plans.list(principal, id, toPageRequest(query)));
  }

  @Get(':planId')
  @RequireScopes('rebalancing:read')
  @ApiOperation({ operationId: 'getPlan', summary: 'One plan with its items and their status' })
  @ApiOkResponse({ type: PlanDto })
  @ApiProblems(CommonErrorCode.VALIDATION_FAILED, CommonErrorCode.NOT_FOUND)
  async get(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string, @UuidParam('planId') planId: string): Promise<PlanDto> {
    return toPlanDto(await this.plans.get(principal, id, planId));
  }

  @Post(':planId/cancel')
  @HttpCode(HttpStatus.OK)
  @RequireScopes('rebalancing:write')
  @ApiOperation({ operationId: 'cancelPlan', summary: 'Cancel a PENDING plan (cancelling again changes nothing)' })
  @ApiOkResponse({ type: PlanDto })
  @ApiProblems(CommonErrorCode.VALIDATION_FAILED, CommonErrorCode.NOT_FOUND, RebalancingErrorCode.PLAN_EXECUTED)
  async cancel(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string, @UuidParam('planId') planId: string): Promise<PlanDto> {
    return toPlanDto(await this.plans.cancel(principal, id, planId));
  }

  @Post(':planId/execute')
  @HttpCode(HttpStatus.OK)
  @RequireScopes('rebalancing:write')
  @Idempotent()
  @ApiOperation({
    operationId: 'executePlan',
    summary: "Record the plan's trades as SELL then BUY transactions, exactly once",
    description:
      'A repeat or concurrent call returns the executed plan and records nothing more (so an Idempotency-Key is honored by construction). 409 PLAN_STALE when the portfolio changed since the plan was made, 409 PLAN_CANCELLED for a cancelled plan, 422 PLAN_NOT_RECORDABLE (naming the item, nothing recorded) for an item that cannot be recorded as a transaction.',
  })
  // The body may be left out (every item at the plan's price); fills name items of this plan, so the example names none.
  @ApiBody({ type: ExecutePlanDto, required: false, examples: { atPlanPrices: { summary: "Every item at the plan's price", value: {} } } })
  @ApiOkResponse({ type: PlanDto })
  @ApiProblems(
    CommonErrorCode.VALIDATION_FAILED,
    CommonErrorCode.NOT_FOUND,
    RebalancingErrorCode.PLAN_STALE,
    RebalancingErrorCode.PLAN_CANCELLED,
    CommonErrorCode.UNPROCESSABLE_FIELDS,
    RebalancingErrorCode.PLAN_NOT_RECORDABLE,
    ...LEDGER_VIOLATION_CODES,
  )
  async execute(
    @CurrentPrincipal() principal: Principal,
    @UuidParam('id') id: string,
    @UuidParam('planId') planId: string,
    @Body() dto: ExecutePlanDto,
  ): Promise<PlanDto> {
    return toPlanDto(await this.plans.execute(principal, id, planId, toPlanFills(dto)));
  }
}
