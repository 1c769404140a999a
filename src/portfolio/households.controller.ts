import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, RequireScopes } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { ApiProblems } from '../common/http/api-problem-responses.decorator';
import { PageQueryDto, toPageRequest } from '../common/http/pagination';
import { UuidParam } from '../common/http/uuid-param.decorator';
import { Idempotent } from '../common/idempotency/idempotent.decorator';
import { CommonErrorCode } from '../common/problem/common-errors';
import {
  CreateHouseholdDto,
  HouseholdDetailDto,
  HouseholdDto,
  HouseholdListDto,
  HouseholdPositionListDto,
  HouseholdQueryDto,
  UpdateHouseholdDto,
} from './dto/household.dto';
import {
  toHouseholdChanges,
  toHouseholdDetail,
  toHouseholdFilter,
  toHouseholdList,
  toHouseholdPositionList,
  toHouseholdResponse,
  toHouseholdSettings,
} from './household.mapper';
import { HouseholdsService } from './households.service';
import { PortfolioErrorCode } from './portfolio-errors';

/** Households are portfolio data: the portfolios scopes reach them. */
@ApiTags('households')
@Controller('households')
export class HouseholdsController {
  constructor(private readonly households: HouseholdsService) {}

  @Post()
  @RequireScopes('portfolios:write')
  @Idempotent()
  @ApiOperation({
    operationId: 'createHousehold',
    summary: 'Create a household: the taxpayer (a client, or a couple filing jointly) whose accounts are portfolios',
  })
  @ApiCreatedResponse({ type: HouseholdDto })
  @ApiProblems(CommonErrorCode.VALIDATION_FAILED, PortfolioErrorCode.EXTERNAL_ID_TAKEN)
  async create(@CurrentPrincipal() principal: Principal, @Body() dto: CreateHouseholdDto): Promise<HouseholdDto> {
    return toHouseholdResponse(await this.households.create(principal, toHouseholdSettings(dto)));
  }

  @Get()
  @RequireScopes('portfolios:read')
  @ApiOperation({ operationId: 'listHouseholds', summary: 'Your households, oldest first, paginated; filter by externalId' })
  @ApiOkResponse({ type: HouseholdListDto })
  @ApiProblems(CommonErrorCode.VALIDATION_FAILED, CommonErrorCode.INVALID_CURSOR)
  async list(@CurrentPrincipal() principal: Principal, @Query() query: HouseholdQueryDto): Promise<HouseholdListDto> {
    return toHouseholdList(await this.households.list(principal, toHouseholdFilter(query), toPageRequest(query)));
  }

  @Get(':id')
  @RequireScopes('portfolios:read')
  @ApiOperation({ operationId: 'getHousehold', summary: 'A household with the value of each account and of each account type' })
  @ApiOkResponse({ type: HouseholdDetailDto })
  @ApiProblems(CommonErrorCode.VALIDATION_FAILED, CommonErrorCode.NOT_FOUND)
  async get(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string): Promise<HouseholdDetailDto> {
    return toHouseholdDetail(await this.households.detail(principal, id));
  }

  @Patch(':id')
  @RequireScopes('portfolios:write')
  @ApiOperation({ operationId: 'updateHousehold', summary: 'Rename, set or clear the externalId, change the tax rates used for estimates' })
  @ApiOkResponse({ type: HouseholdDto })
  @ApiProblems(CommonErrorCode.VALIDATION_FAILED, CommonErrorCode.NOT_FOUND, PortfolioErrorCode.EXTERNAL_ID_TAKEN)
  async update(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string, @Body() dto: UpdateHouseholdDto): Promise<HouseholdDto> {
    return toHouseholdResponse(await this.households.update(principal, id, toHouseholdChanges(dto)));
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @RequireScopes('portfolios:write')
  @ApiOperation({ operationId: 'deleteHousehold', summary: 'Delete an empty household (one with accounts is 409 HOUSEHOLD_NOT_EMPTY)' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiProblems(CommonErrorCode.VALIDATION_FAILED, CommonErrorCode.NOT_FOUND, PortfolioErrorCode.HOUSEHOLD_NOT_EMPTY)
  remove(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string): Promise<void> {
    return this.households.remove(principal, id);
  }

  @Get(':id/positions')
  @RequireScopes('portfolios:read')
  @ApiOperation({
    operationId: 'listHouseholdPositions',
    summary: "Holdings per asset across the household's accounts, with each account's part, and the cash of each",
  })
  @ApiOkResponse({ type: HouseholdPositionListDto })
  @ApiProblems(CommonErrorCode.VALIDATION_FAILED, CommonErrorCode.NOT_FOUND, CommonErrorCode.INVALID_CURSOR)
  async positions(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string, @Query() query: PageQueryDto): Promise<HouseholdPositionListDto> {
    return toHouseholdPositionList(await this.households.positionsOf(principal, id, toPageRequest(query)));
  }
}
