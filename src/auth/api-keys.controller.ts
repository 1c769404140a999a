import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../common/http/api-problem-responses.decorator';
import { PageQueryDto, toPageRequest } from '../common/http/pagination';
import { UuidParam } from '../common/http/uuid-param.decorator';
import { toApiKeyGrant, toApiKeyList, toCreatedApiKeyResponse } from './api-key.mapper';
import { ApiKeysService } from './api-keys.service';
import { CurrentPrincipal, JwtOnly } from './auth.decorators';
import { ApiKeyListDto, CreateApiKeyDto, CreatedApiKeyResponseDto } from './dto/api-key.dto';
import type { Principal } from './principal';
import { CommonErrorCode } from '../common/problem/common-errors';
import { AuthErrorCode } from './auth-errors';

@ApiTags('api-keys')
// JwtOnly on each handler rather than the class: Nest lets a handler's 403 replace the class's, which would hide JWT_REQUIRED.
@Controller('auth/api-keys')
export class ApiKeysController {
  constructor(private readonly apiKeys: ApiKeysService) {}

  @Post()
  @JwtOnly()
  @ApiOperation({
    operationId: 'createApiKey',
    summary: 'Create a partner API key; its secret is in this response only',
    description: 'Scopes are limited to those of your role: only admins may grant assets:write.',
  })
  @ApiCreatedResponse({ type: CreatedApiKeyResponseDto })
  @ApiProblems(CommonErrorCode.VALIDATION_FAILED, AuthErrorCode.SCOPE_NOT_GRANTABLE, CommonErrorCode.UNPROCESSABLE_FIELDS)
  async create(@CurrentPrincipal() principal: Principal, @Body() dto: CreateApiKeyDto): Promise<CreatedApiKeyResponseDto> {
    return toCreatedApiKeyResponse(await this.apiKeys.create(principal, toApiKeyGrant(dto)));
  }

  @Get()
  @JwtOnly()
  @ApiOperation({ operationId: 'listApiKeys', summary: 'Your active API keys, without secrets' })
  @ApiOkResponse({ type: ApiKeyListDto })
  @ApiProblems(CommonErrorCode.VALIDATION_FAILED, CommonErrorCode.INVALID_CURSOR)
  async list(@CurrentPrincipal() principal: Principal, @Query() query: PageQueryDto): Promise<ApiKeyListDto> {
    return toApiKeyList(await this.apiKeys.list(principal, toPageRequest(query)));
  }

  @Delete(':id')
  @JwtOnly()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ operationId: 'revokeApiKey', summary: 'Revoke an API key at once' })
  @ApiNoContentResponse({ description: 'Revoked' })
  @ApiProblems(CommonErrorCode.VALIDATION_FAILED, CommonErrorCode.NOT_FOUND)
  revoke(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string): Promise<void> {
    return this.apiKeys.revoke(principal, id);
  }
}
