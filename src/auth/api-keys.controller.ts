import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblemResponses } from '../common/http/api-problem-responses.decorator';
import { PageQueryDto } from '../common/http/pagination';
import { UuidParam } from '../common/http/uuid-param.decorator';
import { toApiKeyList, toCreatedApiKeyResponse } from './api-key.mapper';
import { ApiKeysService } from './api-keys.service';
import { CurrentPrincipal, JwtOnly } from './auth.decorators';
import { ApiKeyListDto, CreateApiKeyDto, CreatedApiKeyResponseDto } from './dto/api-key.dto';
import type { Principal } from './principal';

@ApiTags('api-keys')
@Controller('auth/api-keys')
@JwtOnly()
export class ApiKeysController {
  constructor(private readonly apiKeys: ApiKeysService) {}

  @Post()
  @ApiOperation({
    operationId: 'createApiKey',
    summary: 'Create a partner API key; its secret is in this response only',
    description: 'Scopes are limited to those of your role: only admins may grant assets:write.',
  })
  @ApiCreatedResponse({ type: CreatedApiKeyResponseDto })
  @ApiProblemResponses(400, 422)
  async create(@CurrentPrincipal() principal: Principal, @Body() dto: CreateApiKeyDto): Promise<CreatedApiKeyResponseDto> {
    return toCreatedApiKeyResponse(await this.apiKeys.create(principal, dto));
  }

  @Get()
  @ApiOperation({ operationId: 'listApiKeys', summary: 'Your active API keys, without secrets' })
  @ApiOkResponse({ type: ApiKeyListDto })
  @ApiProblemResponses(400)
  async list(@CurrentPrincipal() principal: Principal, @Query() query: PageQueryDto): Promise<ApiKeyListDto> {
    return toApiKeyList(await this.apiKeys.list(principal, query));
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ operationId: 'revokeApiKey', summary: 'Revoke an API key at once' })
  @ApiNoContentResponse({ description: 'Revoked' })
  @ApiProblemResponses(400, 404)
  revoke(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string): Promise<void> {
    return this.apiKeys.revoke(principal, id);
  }
}
