import { Controller, Get, HttpCode, HttpStatus, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, RequireRoles, RequireScopes } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { Idempotent } from '../common/idempotency/idempotent.decorator';
import { ApiProblems } from '../common/http/api-problem-responses.decorator';
import { toPageRequest } from '../common/http/pagination';
import { UuidParam } from '../common/http/uuid-param.decorator';
import { DriftAlertsService } from './drift-alerts.service';
import { toAlertStateFilter, toDriftAlertDto, toDriftAlertListDto, toDriftScanDto } from './drift-alerts.mapper';
import { DriftScanScheduler } from './drift-scan.scheduler';
import { DriftAlertDto, DriftAlertListDto, DriftAlertQueryDto, DriftScanDto } from './dto/drift-alerts.dto';
import { CommonErrorCode } from '../common/problem/common-errors';

@ApiTags('drift alerts')
@Controller()
export class DriftAlertsController {
  constructor(
    private readonly alerts: DriftAlertsService,
    private readonly scheduler: DriftScanScheduler,
  ) {}

  @Get('drift-alerts')
  @RequireScopes('rebalancing:read')
  @ApiOperation({
    operationId: 'listDriftAlerts',
    summary: "Drift alerts of all the caller's portfolios and households, newest first, paginated",
    description:
      'A portfolio’s alert names its portfolioId (householdId null); a household’s, judged against the household’s own targets, names its householdId (portfolioId null).',
  })
  @ApiOkResponse({ type: DriftAlertListDto })
  @ApiProblems(CommonErrorCode.VALIDATION_FAILED, CommonErrorCode.INVALID_CURSOR)
  async list(@CurrentPrincipal() principal: Principal, @Query() query: DriftAlertQueryDto): Promise<DriftAlertListDto> {
    return toDriftAlertListDto(await this.alerts.list(principal, toAlertStateFilter(query), toPageRequest(query)));
  }

  @Get('portfolios/:id/drift-alerts')
  @RequireScopes('rebalancing:read')
  @ApiOperation({ operationId: 'listPortfolioDriftAlerts', summary: 'Drift alerts of one portfolio, newest first, paginated' })
  @ApiOkResponse({ type: DriftAlertListDto })
  @ApiProblems(CommonErrorCode.VALIDATION_FAILED, CommonErrorCode.NOT_FOUND, CommonErrorCode.INVALID_CURSOR)
  async listForPortfolio(
    @CurrentPrincipal() principal: Principal,
    @UuidParam('id') id: string,
    @Query() query: DriftAlertQueryDto,
  ): Promise<DriftAlertListDto> {
    return toDriftAlertListDto(await this.alerts.listForPortfolio(principal, id, toAlertStateFilter(query), toPageRequest(query)));
  }

  @Get('households/:id/drift-alerts')
  @RequireScopes('rebalancing:read')
  @ApiOperation({
    operationId: 'listHouseholdDriftAlerts',
    summary: 'Drift alerts of one household’s own targets (GET /households/{id}/drift), newest first, paginated',
    description: 'Only the household’s alerts; each account’s alerts against its own targets are listed under the account.',
  })
  @ApiOkResponse({ type: DriftAlertListDto })
  @ApiProblems(CommonErrorCode.VALIDATION_FAILED, CommonErrorCode.NOT_FOUND, CommonErrorCode.INVALID_CURSOR)
  async listForHousehold(
    @CurrentPrincipal() principal: Principal,
    @UuidParam('id') id: string,
    @Query() query: DriftAlertQueryDto,
  ): Promise<DriftAlertListDto> {
    return toDriftAlertListDto(await this.alerts.listForHousehold(principal, id, toAlertStateFilter(query), toPageRequest(query)));
  }

  @Post('drift-alerts/:id/acknowledge')
  @HttpCode(HttpStatus.OK)
  @RequireScopes('rebalancing:write')
  @ApiOperation({
    operationId: 'acknowledgeDriftAlert',
    summary: 'Mark an open alert as seen; it stays unresolved until the portfolio (or household) is back within tolerance, and an escalation re-opens it',
  })
  @ApiOkResponse({ type: DriftAlertDto })
  @ApiProblems(CommonErrorCode.VALIDATION_FAILED, CommonErrorCode.NOT_FOUND)
  async acknowledge(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string): Promise<DriftAlertDto> {
    return toDriftAlertDto(await this.alerts.acknowledge(principal, id));
  }

  @Post('rebalancing/scan')
  @HttpCode(HttpStatus.ACCEPTED)
  @RequireRoles('admin')
  @Idempotent()
  @ApiOperation({
    operationId: 'startDriftScan',
    summary: 'Admin: evaluate every portfolio and every household with targets now, as the schedule does',
    description: 'The scan is split into batches that the job workers of every instance share; follow it with GET /rebalancing/scans/{id}.',
  })
  @ApiAcceptedResponse({ type: DriftScanDto })
  @ApiProblems(CommonErrorCode.VALIDATION_FAILED)
  async startScan(): Promise<DriftScanDto> {
    return toDriftScanDto(await this.scheduler.startScan('MANUAL'));
  }

  @Get('rebalancing/scans/:id')
  @RequireRoles('admin')
  @ApiOperation({ operationId: 'getDriftScan', summary: 'Admin: the progress and outcome of a drift scan' })
  @ApiOkResponse({ type: DriftScanDto })
  @ApiProblems(CommonErrorCode.VALIDATION_FAILED, CommonErrorCode.NOT_FOUND)
  async getScan(@UuidParam('id') id: string): Promise<DriftScanDto> {
    return toDriftScanDto(await this.alerts.scan(id));
  }
}
