import type { Page } from '../common/pagination/paginate';
import type { ApiKeyGrant } from './api-keys.service';
import type { ApiKeyListDto, ApiKeyResponseDto, CreateApiKeyDto, CreatedApiKeyResponseDto } from './dto/api-key.dto';
import type { ApiKey } from './entities/api-key.entity';

export function toApiKeyGrant(dto: CreateApiKeyDto): ApiKeyGrant {
  return { name: dto.name, scopes: dto.scopes, expiresAt: dto.expiresAt ?? null };
}

export function toApiKeyResponse(key: ApiKey): ApiKeyResponseDto {
  return {
    id: key.id,
    name: key.name,
    prefix: key.prefix,
    scopes: key.scopes,
    createdAt: key.createdAt.toISOString(),
    lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
    expiresAt: key.expiresAt?.toISOString() ?? null,
  };
}

/** The secret is shown this once; only its hash is stored. */
export function toCreatedApiKeyResponse({ key, secret }: { key: ApiKey; secret: string }): CreatedApiKeyResponseDto {
  return { ...toApiKeyResponse(key), secret };
}

export function toApiKeyList(page: Page<ApiKey>): ApiKeyListDto {
  return { items: page.rows.map(toApiKeyResponse), nextCursor: page.nextCursor };
}
