import { Body, Controller, Get, Headers, HttpCode, HttpStatus, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentPrincipal, RequireScopes } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { ApiProblemResponses } from '../common/http/api-problem-responses.decorator';
import { UuidParam } from '../common/http/uuid-param.decorator';
import { ValidationProblem } from '../common/problem/problem';
import { CreatePlanDto, ExecutePlanDto, PlanDto, PlanQueryDto, PlanSummaryListDto } from './dto/plans.dto';
import { PlansService } from './plans.service';

const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{1,255}$/;

function idempotencyKey(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!IDEMPOTENCY_KEY.test(value)) {
    throw new ValidationProblem([{ field: 'Idempotency-Key', rule: 'isIdempotencyKey', message: 'must be 1-255 letters, digits or ._:-' }]);
  }
  return value;
}

const IdempotencyHeader = ApiHeader({
  name: 'Idempotency-Key',
  required: false,
  schema: { type: 'string', pattern: IDEMPOTENCY_KEY.source, maxLength: 255 },
  description: 'Retry safely: the same key with the same body returns the first result instead of doing the work again',
});

@ApiTags('rebalancing')
@Controller('portfolios/:id/rebalance/plans')
export class PlansController {
  constructor(private readonly plans: PlansService) {}

  @Post()
  @RequireScopes('rebalancing:write')
  @IdempotencyHeader
  @ApiOperation({ operationId: 'createPlan', summary: 'Compute suggestions and store them as a PENDING plan, with the prices and holdings they were computed on' })
  @ApiCreatedResponse({ type: PlanDto, description: 'Created' })
  @ApiOkResponse({ type: PlanDto, description: 'An Idempotency-Key replayed the plan it created earlier' })
  @ApiProblemResponses(400, 404, 409, 422)
  async create(
    @CurrentPrincipal() principal: Principal,
    @UuidParam('id') id: string,
    @Body() dto: CreatePlanDto,
    @Headers('idempotency-key') key: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<PlanDto> {
    const { plan, created } = await this.plans.create(principal, id, dto, idempotencyKey(key));
    response.status(created ? HttpStatus.CREATED : HttpStatus.OK);
    return plan;
  }

  @Get()
  @RequireScopes('rebalancing:read')
  @ApiOperation({ operationId: 'listPlans', summary: 'Plans, newest first, paginated' })
  @ApiOkResponse({ type: PlanSummaryListDto })
  @ApiProblemResponses(400, 404)
  list(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string, @Query() query: PlanQueryDto): Promise<PlanSummaryListDto> {
    return this.plans.list(principal, id, query);
  }

  @Get(':planId')
  @RequireScopes('rebalancing:read')
  @ApiOperation({ operationId: 'getPlan', summary: 'One plan with its items and their status' })
  @ApiOkResponse({ type: PlanDto })
  @ApiProblemResponses(400, 404)
  get(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string, @UuidParam('planId') planId: string): Promise<PlanDto> {
    return this.plans.get(principal, id, planId);
  }

  @Post(':planId/cancel')
  @HttpCode(HttpStatus.OK)
  @RequireScopes('rebalancing:write')
  @ApiOperation({ operationId: 'cancelPlan', summary: 'Cancel a PENDING plan (cancelling again changes nothing)' })
  @ApiOkResponse({ type: PlanDto })
  @ApiProblemResponses(400, 404, 409)
  cancel(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string, @UuidParam('planId') planId: string): Promise<PlanDto> {
    return this.plans.cancel(principal, id, planId);
  }

  @Post(':planId/execute')
  @HttpCode(HttpStatus.OK)
  @RequireScopes('rebalancing:write')
  @IdempotencyHeader
  @ApiOperation({
    operationId: 'executePlan',
    summary: 'Record the plan\'s trades as SELL then BUY transactions, exactly once',
    description: 'A repeat or concurrent call returns the executed plan and records nothing more (so an Idempotency-Key is honored by construction). 409 PLAN_STALE when the portfolio changed since the plan was made, 409 PLAN_CANCELLED for a cancelled plan.',
  })
  @ApiOkResponse({ type: PlanDto })
  @ApiProblemResponses(400, 404, 409, 422)
  execute(
    @CurrentPrincipal() principal: Principal,
    @UuidParam('id') id: string,
    @UuidParam('planId') planId: string,
    @Body() dto: ExecutePlanDto,
    @Headers('idempotency-key') key: string | undefined,
  ): Promise<PlanDto> {
    idempotencyKey(key);
    return this.plans.execute(principal, id, planId, dto);
  }
}
