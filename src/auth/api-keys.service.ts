import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import type { PageQueryDto } from '../common/http/pagination';
import type { Keyset } from '../common/pagination/cursor';
import { paginate } from '../common/pagination/paginate';
import { NotFoundProblem, AppProblem, ValidationProblem } from '../common/problem/problem';
import { SCOPES_BY_ROLE } from './auth.constants';
import { generateApiKey } from './credentials';
import type { ApiKeyListDto, ApiKeyResponseDto, CreateApiKeyDto, CreatedApiKeyResponseDto } from './dto/api-key.dto';
import { ApiKey } from './entities/api-key.entity';
import { findOwnedOrFail } from './ownership';
import type { Principal } from './principal';
import { CommonErrorCode } from '../common/problem/common-errors';
import { AuthErrorCode } from './auth-errors';

function toApiKeyResponse(key: ApiKey): ApiKeyResponseDto {
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

/** Newest first. */
const API_KEY_PAGES: Keyset = {
  direction: 'DESC',
  keys: [
    { column: 'key.created_at', type: 'timestamptz' },
    { column: 'key.id', type: 'uuid' },
  ],
};

@Injectable()
export class ApiKeysService {
  constructor(@InjectRepository(ApiKey) private readonly apiKeys: Repository<ApiKey>) {}

  async create(principal: Principal, dto: CreateApiKeyDto): Promise<CreatedApiKeyResponseDto> {
    const allowed = SCOPES_BY_ROLE[principal.role];
    const refused = dto.scopes.filter((scope) => !allowed.includes(scope));
    if (refused.length > 0) {
      throw new AppProblem(AuthErrorCode.SCOPE_NOT_GRANTABLE, `Your role cannot grant ${refused.join(', ')}`, { extensions: { refusedScopes: refused } });
    }
    if (dto.expiresAt && dto.expiresAt.getTime() <= Date.now()) {
      throw new ValidationProblem([{ field: 'expiresAt', rule: 'isFuture', message: 'must be in the future' }], CommonErrorCode.UNPROCESSABLE_FIELDS);
    }
    const generated = generateApiKey();
    const key = await this.apiKeys.save(
      this.apiKeys.create({
        userId: principal.userId,
        name: dto.name,
        prefix: generated.prefix,
        secretHash: generated.secretHash,
        scopes: dto.scopes,
        expiresAt: dto.expiresAt ?? null,
        lastUsedAt: null,
        revokedAt: null,
      }),
    );
    return { ...toApiKeyResponse(key), secret: generated.secret };
  }

  async list(principal: Principal, query: PageQueryDto): Promise<ApiKeyListDto> {
    const builder = this.apiKeys.createQueryBuilder('key').where('key.user_id = :userId', { userId: principal.userId }).andWhere('key.revoked_at IS NULL');
    const page = await paginate(builder, API_KEY_PAGES, query);
    return { items: page.rows.map(toApiKeyResponse), nextCursor: page.nextCursor };
  }

  async revoke(principal: Principal, id: string): Promise<void> {
    const key = await findOwnedOrFail(this.apiKeys, id, { column: 'userId', userId: principal.userId }, 'API key');
    if (key.revokedAt) throw new NotFoundProblem('API key');
    await this.apiKeys.update({ id: key.id }, { revokedAt: new Date() });
  }
}
