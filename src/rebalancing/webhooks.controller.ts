import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, RequireScopes } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { Idempotent } from '../common/idempotency/idempotent.decorator';
import { ApiProblems } from '../common/http/api-problem-responses.decorator';
import { PageQueryDto, toPageRequest } from '../common/http/pagination';
import { UuidParam } from '../common/http/uuid-param.decorator';
import { CreatedWebhookDto, CreateWebhookDto, WebhookDeliveryListDto, WebhookListDto } from './dto/webhooks.dto';
import { WebhooksService } from './webhooks.service';
import { CommonErrorCode } from '../common/problem/common-errors';

import { toCreatedWebhookDto, toWebhookDeliveryListDto, toWebhookListDto, toWebhookSubscription } from './webhooks.mapper';
@ApiTags('webhooks')
@Controller('webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Post()
  @RequireScopes('rebalancing:write')
  @Idempotent()
  @ApiOperation({
    operationId: 'createWebhook',
    summary: 'Subscribe a URL to events; the signing secret is in this response only',
    description:
      'Each delivery is POSTed with X-Rebalance-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, t + "." + raw body)>. Verify it and refuse timestamps older than 5 minutes; de-duplicate on the event id.',
  })
  @ApiCreatedResponse({ type: CreatedWebhookDto })
  @ApiProblems(CommonErrorCode.VALIDATION_FAILED, CommonErrorCode.UNPROCESSABLE_FIELDS)
  async create(@CurrentPrincipal() principal: Principal, @Body() dto: CreateWebhookDto): Promise<CreatedWebhookDto> {
    return toCreatedWebhookDto(await this.webhooks.create(principal, toWebhookSubscription(dto)));
  }

  @Get()
  @RequireScopes('rebalancing:read')
  @ApiOperation({ operationId: 'listWebhooks', summary: "The caller's webhook endpoints, oldest first, paginated" })
  @ApiOkResponse({ type: WebhookListDto })
  @ApiProblems(CommonErrorCode.VALIDATION_FAILED, CommonErrorCode.INVALID_CURSOR)
  async list(@CurrentPrincipal() principal: Principal, @Query() query: PageQueryDto): Promise<WebhookListDto> {
    return toWebhookListDto(await this.webhooks.list(principal, toPageRequest(query)));
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @RequireScopes('rebalancing:write')
  @ApiOperation({ operationId: 'deleteWebhook', summary: 'Stop deliveries to this endpoint and forget its delivery log' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiProblems(CommonErrorCode.VALIDATION_FAILED, CommonErrorCode.NOT_FOUND)
  async remove(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string): Promise<void> {
    await this.webhooks.remove(principal, id);
  }

  @Get(':id/deliveries')
  @RequireScopes('rebalancing:read')
  @ApiOperation({ operationId: 'listWebhookDeliveries', summary: 'The delivery log: each event sent to this endpoint with every attempt, newest first' })
  @ApiOkResponse({ type: WebhookDeliveryListDto })
  @ApiProblems(CommonErrorCode.VALIDATION_FAILED, CommonErrorCode.NOT_FOUND, CommonErrorCode.INVALID_CURSOR)
  async deliveries(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string, @Query() query: PageQueryDto): Promise<WebhookDeliveryListDto> {
    return toWebhookDeliveryListDto(await this.webhooks.deliveries(principal, id, toPageRequest(query)));
  }
}
