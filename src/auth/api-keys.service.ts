import { Injectable } from '@nestjs/common';
import type { PageQueryDto } from '../common/http/pagination';
import type { Page } from '../common/pagination/paginate';
import { NotFoundProblem, AppProblem, ValidationProblem } from '../common/problem/problem';
import { SCOPES_BY_ROLE } from './auth.constants';
import { generateApiKey } from './credentials';
import { ApiKeyRepository } from './api-key.repository';
import type { CreateApiKeyDto } from './dto/api-key.dto';
import type { ApiKey } from './entities/api-key.entity';
import type { Principal } from './principal';
import { CommonErrorCode } from '../common/problem/common-errors';
import { AuthErrorCode } from './auth-errors';

@Injectable()
export class ApiKeysService {
  constructor(private readonly apiKeys: ApiKeyRepository) {}

  /** The new key, with its secret: the only time the secret is seen. */
  async create(principal: Principal, dto: CreateApiKeyDto): Promise<{ key: ApiKey; secret: string }> {
    const allowed = SCOPES_BY_ROLE[principal.role];
    const refused = dto.scopes.filter((scope) => !allowed.includes(scope));
    if (refused.length > 0) {
      throw new AppProblem(AuthErrorCode.SCOPE_NOT_GRANTABLE, `Your role cannot grant ${refused.join(', ')}`, { extensions: { refusedScopes: refused } });
    }
    if (dto.expiresAt && dto.expiresAt.getTime() <= Date.now()) {
      throw new ValidationProblem([{ field: 'expiresAt', rule: 'isFuture', message: 'must be in the future' }], CommonErrorCode.UNPROCESSABLE_FIELDS);
    }
    const generated = generateApiKey();
    const key = await this.apiKeys.insert({
      userId: principal.userId,
      name: dto.name,
      prefix: generated.prefix,
      secretHash: generated.secretHash,
      scopes: dto.scopes,
      expiresAt: dto.expiresAt ?? null,
    });
    return { key, secret: generated.secret };
  }

  list(principal: Principal, query: PageQueryDto): Promise<Page<ApiKey>> {
    return this.apiKeys.pageOwnedUnrevoked(principal.userId, query);
  }

  async revoke(principal: Principal, id: string): Promise<void> {
    // Someone else's key, a missing one and a revoked one give the same 404, so ids leak nothing.
    const key = await this.apiKeys.findOwned(principal.userId, id);
    if (!key || key.revokedAt) throw new NotFoundProblem('API key');
    await this.apiKeys.revoke(key.id);
  }
}
