import { Body, Controller, Get, Post, Put, Query } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiExtraModels, ApiOkResponse, ApiOperation, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { Authenticated, RequireScopes } from '../auth/auth.decorators';
import { Idempotent } from '../common/idempotency/idempotent.decorator';
import { ApiProblems } from '../common/http/api-problem-responses.decorator';
import { UuidParam } from '../common/http/uuid-param.decorator';
import { ValidateArrayPipe } from '../common/http/validate-array.pipe';
import { toPageRequest } from '../common/http/pagination';
import {
  toAssetFilter,
  toAssetList,
  toAssetResponse,
  toClassWeights,
  toNewAsset,
  toPriceFeedResult,
  toPriceFeedRows,
  toPriceList,
  toPriceQuote,
} from './asset.mapper';
import { AssetsService } from './assets.service';
import {
  AssetListDto,
  AssetQueryDto,
  AssetResponseDto,
  CreateAssetDto,
  PriceFeedResultDto,
  PriceFeedRowDto,
  MAX_PRICE_FEED_ROWS,
  PriceHistoryQueryDto,
  PriceListDto,
  PutClassWeightsDto,
  SetPriceDto,
} from './dto/asset.dto';
import { CommonErrorCode } from '../common/problem/common-errors';
import { PortfolioErrorCode } from './portfolio-errors';

@ApiTags('assets')
@Controller()
export class AssetsController {
  constructor(private readonly assets: AssetsService) {}

  @Post('assets')
  @RequireScopes('assets:write')
  @Idempotent()
  @ApiOperation({ operationId: 'createAsset', summary: 'Add an asset to the shared catalogue (admin, or a key with assets:write)' })
  @ApiCreatedResponse({ type: AssetResponseDto })
  @ApiProblems(CommonErrorCode.VALIDATION_FAILED, CommonErrorCode.UNPROCESSABLE_FIELDS, PortfolioErrorCode.SYMBOL_TAKEN)
  async create(@Body() dto: CreateAssetDto): Promise<AssetResponseDto> {
    return toAssetResponse(await this.assets.create(toNewAsset(dto)));
  }

  @Get('assets')
  @Authenticated()
  @ApiOperation({ operationId: 'listAssets', summary: 'The catalogue by symbol, filtered by class and symbol prefix, paginated' })
  @ApiOkResponse({ type: AssetListDto })
  @ApiProblems(CommonErrorCode.VALIDATION_FAILED, CommonErrorCode.INVALID_CURSOR)
  async list(@Query() query: AssetQueryDto): Promise<AssetListDto> {
    return toAssetList(await this.assets.list(toAssetFilter(query), toPageRequest(query)));
  }

  @Get('assets/:id')
  @Authenticated()
  @ApiOperation({ operationId: 'getAsset', summary: 'One asset with its current price and whether that price is stale' })
  @ApiOkResponse({ type: AssetResponseDto })
  @ApiProblems(CommonErrorCode.VALIDATION_FAILED, CommonErrorCode.NOT_FOUND)
  async get(@UuidParam('id') id: string): Promise<AssetResponseDto> {
    return toAssetResponse(await this.assets.get(id));
  }

  @Put('assets/:id/price')
  @RequireScopes('assets:write')
  @ApiOperation({ operationId: 'setAssetPrice', summary: 'Record a price; the newest asOf is the current price' })
  @ApiOkResponse({ type: AssetResponseDto })
  @ApiProblems(CommonErrorCode.VALIDATION_FAILED, CommonErrorCode.NOT_FOUND)
  async setPrice(@UuidParam('id') id: string, @Body() dto: SetPriceDto): Promise<AssetResponseDto> {
    return toAssetResponse(await this.assets.setPrice(id, toPriceQuote(dto)));
  }

  @Put('assets/:id/class-weights')
  @RequireScopes('assets:write')
  @ApiOperation({
    operationId: 'setAssetClassWeights',
    summary: 'Set a look-through fund’s breakdown by class; [] makes the asset 100 % its assetType again',
    description:
      'Drift, the scheduled scan, what-if and suggestions count the fund’s value in each class by these weights; ' +
      'the portfolios holding it are re-checked for drift.',
  })
  @ApiOkResponse({ type: AssetResponseDto })
  @ApiProblems(CommonErrorCode.VALIDATION_FAILED, CommonErrorCode.NOT_FOUND, CommonErrorCode.UNPROCESSABLE_FIELDS)
  async setClassWeights(@UuidParam('id') id: string, @Body() dto: PutClassWeightsDto): Promise<AssetResponseDto> {
    return toAssetResponse(await this.assets.setClassWeights(id, toClassWeights(dto.classWeights)));
  }

  @Get('assets/:id/prices')
  @Authenticated()
  @ApiOperation({ operationId: 'listAssetPrices', summary: 'Price history, newest first, paginated' })
  @ApiOkResponse({ type: PriceListDto })
  @ApiProblems(CommonErrorCode.VALIDATION_FAILED, CommonErrorCode.NOT_FOUND, CommonErrorCode.INVALID_CURSOR)
  async history(@UuidParam('id') id: string, @Query() query: PriceHistoryQueryDto): Promise<PriceListDto> {
    return toPriceList(await this.assets.history(id, toPageRequest(query)));
  }

  @Post('prices')
  @RequireScopes('assets:write')
  @Idempotent()
  @ApiOperation({
    operationId: 'feedPrices',
    summary: 'Bulk price feed: every row is written, or none',
    description: `Up to ${MAX_PRICE_FEED_ROWS} rows. Bad rows are all listed in errors by index, e.g. [3].symbol.`,
  })
  @ApiExtraModels(PriceFeedRowDto)
  @ApiBody({
    schema: { type: 'array', items: { $ref: getSchemaPath(PriceFeedRowDto) }, minItems: 1, maxItems: MAX_PRICE_FEED_ROWS },
    examples: {
      feed: {
        value: [
          { symbol: 'VTI', price: '245.17', asOf: '2026-11-24T16:00:00Z' },
          { symbol: 'BND', price: '72.40', asOf: '2026-11-24T16:00:00Z' },
        ],
      },
    },
  })
  @ApiCreatedResponse({ type: PriceFeedResultDto })
  @ApiProblems(CommonErrorCode.VALIDATION_FAILED, CommonErrorCode.TOO_MANY_ITEMS, CommonErrorCode.UNPROCESSABLE_FIELDS)
  async feed(
    @Body(new ValidateArrayPipe(PriceFeedRowDto, { minItems: 1, maxItems: MAX_PRICE_FEED_ROWS })) rows: PriceFeedRowDto[],
  ): Promise<PriceFeedResultDto> {
    return toPriceFeedResult(await this.assets.feed(toPriceFeedRows(rows)));
  }
}
