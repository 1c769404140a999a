import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, RequireScopes } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { Idempotent } from '../common/idempotency/idempotent.decorator';
import { ApiProblems } from '../common/http/api-problem-responses.decorator';
import { PageQueryDto, toPageRequest } from '../common/http/pagination';
import { UuidParam } from '../common/http/uuid-param.decorator';
import { LotListDto, PositionListDto, RealizedGainListDto, RealizedGainQueryDto } from './dto/holdings.dto';
import { CreatePortfolioDto, PortfolioDetailDto, PortfolioListDto, PortfolioQueryDto, PortfolioSummaryDto, UpdatePortfolioDto } from './dto/portfolio.dto';
import {
  toDisposalRange,
  toLotList,
  toNewPortfolio,
  toPortfolioChanges,
  toPortfolioDetail,
  toPortfolioFilter,
  toPortfolioList,
  toPortfolioSummary,
  toPositionList,
  toRealizedGainList,
} from './portfolio.mapper';
import { PortfoliosService } from './portfolios.service';
import { CommonErrorCode } from '../common/problem/common-errors';
import { PortfolioErrorCode, LEDGER_VIOLATION_CODES } from './portfolio-errors';

@ApiTags('portfolios')
@Controller('portfolios')
export class PortfoliosController {
  constructor(private readonly portfolios: PortfoliosService) {}

  @Post()
  @RequireScopes('portfolios:write')
  @Idempotent()
  @ApiOperation({ operationId: 'createPortfolio', summary: 'Create a portfolio, an account of a household (cash starts at 0: record a DEPOSIT)' })
  @ApiCreatedResponse({ type: PortfolioSummaryDto })
  @ApiProblems(CommonErrorCode.VALIDATION_FAILED, CommonErrorCode.UNPROCESSABLE_FIELDS, PortfolioErrorCode.EXTERNAL_ID_TAKEN)
  async create(@CurrentPrincipal() principal: Principal, @Body() dto: CreatePortfolioDto): Promise<PortfolioSummaryDto> {
    return toPortfolioSummary(await this.portfolios.create(principal, toNewPortfolio(dto)));
  }

  @Get()
  @RequireScopes('portfolios:read')
  @ApiOperation({ operationId: 'listPortfolios', summary: 'Your portfolios, oldest first, paginated; filter by householdId or externalId' })
  @ApiOkResponse({ type: PortfolioListDto })
  @ApiProblems(CommonErrorCode.VALIDATION_FAILED, CommonErrorCode.INVALID_CURSOR)
  async list(@CurrentPrincipal() principal: Principal, @Query() query: PortfolioQueryDto): Promise<PortfolioListDto> {
    return toPortfolioList(await this.portfolios.list(principal, toPortfolioFilter(query), toPageRequest(query)));
  }

  @Get(':id')
  @RequireScopes('portfolios:read')
  @ApiOperation({ operationId: 'getPortfolio', summary: 'A portfolio with its totals: cash, market value, cost basis, unrealized gain' })
  @ApiOkResponse({ type: PortfolioDetailDto })
  @ApiProblems(CommonErrorCode.VALIDATION_FAILED, CommonErrorCode.NOT_FOUND)
  async get(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string): Promise<PortfolioDetailDto> {
    return toPortfolioDetail(await this.portfolios.detail(principal, id));
  }

  @Patch(':id')
  @RequireScopes('portfolios:write')
  @ApiOperation({
    operationId: 'updatePortfolio',
    summary: 'Rename, move to another household, change the account type, or change the lot method while there is no SELL yet',
  })
  @ApiOkResponse({ type: PortfolioSummaryDto })
  @ApiProblems(
    CommonErrorCode.VALIDATION_FAILED,
    CommonErrorCode.NOT_FOUND,
    CommonErrorCode.UNPROCESSABLE_FIELDS,
    PortfolioErrorCode.LOT_METHOD_LOCKED,
    PortfolioErrorCode.EXTERNAL_ID_TAKEN,
    ...LEDGER_VIOLATION_CODES,
  )
  async update(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string, @Body() dto: UpdatePortfolioDto): Promise<PortfolioSummaryDto> {
    return toPortfolioSummary(await this.portfolios.update(principal, id, toPortfolioChanges(dto)));
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @RequireScopes('portfolios:write')
  @ApiOperation({ operationId: 'deletePortfolio', summary: 'Delete a portfolio and all its data, in one transaction' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiProblems(CommonErrorCode.VALIDATION_FAILED, CommonErrorCode.NOT_FOUND, ...LEDGER_VIOLATION_CODES)
  remove(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string): Promise<void> {
    return this.portfolios.remove(principal, id);
  }

  @Get(':id/positions')
  @RequireScopes('portfolios:read')
  @ApiOperation({ operationId: 'listPositions', summary: 'Holdings per asset at current prices, plus the cash line' })
  @ApiOkResponse({ type: PositionListDto })
  @ApiProblems(CommonErrorCode.VALIDATION_FAILED, CommonErrorCode.NOT_FOUND, CommonErrorCode.INVALID_CURSOR)
  async positions(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string, @Query() query: PageQueryDto): Promise<PositionListDto> {
    return toPositionList(await this.portfolios.positions(principal, id, toPageRequest(query)));
  }

  @Get(':id/lots')
  @RequireScopes('portfolios:read')
  @ApiOperation({ operationId: 'listLots', summary: 'Open tax lots with basis, holding period and term' })
  @ApiOkResponse({ type: LotListDto })
  @ApiProblems(CommonErrorCode.VALIDATION_FAILED, CommonErrorCode.NOT_FOUND, CommonErrorCode.INVALID_CURSOR)
  async lots(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string, @Query() query: PageQueryDto): Promise<LotListDto> {
    return toLotList(await this.portfolios.lots(principal, id, toPageRequest(query)));
  }

  @Get(':id/realized-gains')
  @RequireScopes('portfolios:read')
  @ApiOperation({ operationId: 'listRealizedGains', summary: 'Realized gains per relieved lot, with wash-sale adjustments and totals by term' })
  @ApiOkResponse({ type: RealizedGainListDto })
  @ApiProblems(CommonErrorCode.VALIDATION_FAILED, CommonErrorCode.NOT_FOUND, CommonErrorCode.INVALID_CURSOR)
  async realizedGains(
    @CurrentPrincipal() principal: Principal,
    @UuidParam('id') id: string,
    @Query() query: RealizedGainQueryDto,
  ): Promise<RealizedGainListDto> {
    return toRealizedGainList(await this.portfolios.realizedGains(principal, id, toDisposalRange(query), toPageRequest(query)));
  }
}
