import { Injectable } from '@nestjs/common';
import type { Page, PageRequest } from '../common/pagination/paginate';
import { NotFoundProblem, AppProblem, ValidationProblem } from '../common/problem/problem';
import { SCOPES_BY_ROLE, type Scope } from './auth.constants';
import { generateApiKey } from './credentials';
import { ApiKeyRepository } from './api-key.repository';
import type { ApiKey } from './entities/api-key.entity';
import type { Principal } from './principal';
import { CommonErrorCode } from '../common/problem/common-errors';
import { AuthErrorCode } from './auth-errors';

/** A key to issue: its label, what it may do and until when (null: no expiry). */
export interface ApiKeyGrant {
  name: string;
  scopes: Scope[];
  expiresAt: Date | null;
}

@Injectable()
export class ApiKeysService {
  constructor(private readonly apiKeys: ApiKeyRepository) {}

  /** The new key, with its secret: the only time the secret is seen. */
  async create(principal: Principal, grant: ApiKeyGrant): Promise<{ key: ApiKey; secret: string }> {
    const allowed = SCOPES_BY_ROLE[principal.role];
    const refused = grant.scopes.filter((scope) => !allowed.includes(scope));
    if (refused.length > 0) {
      throw new AppProblem(AuthErrorCode.SCOPE_NOT_GRANTABLE, `Your role cannot grant ${refused.join(', ')}`, { extensions: { refusedScopes: refused } });
    }
    if (grant.expiresAt && grant.expiresAt.getTime() <= Date.now()) {
      throw new ValidationProblem([{ field: 'expiresAt', rule: 'isFuture', message: 'must be in the future' }], CommonErrorCode.UNPROCESSABLE_FIELDS);
    }
    const generated = generateApiKey();
    const key = await this.apiKeys.insert({
      userId: principal.userId,
      name: grant.name,
      prefix: generated.prefix,
      secretHash: generated.secretHash,
      scopes: grant.scopes,
      expiresAt: grant.expiresAt,
    });
    return { key, secret: generated.secret };
  }

  list(principal: Principal, page: PageRequest): Promise<Page<ApiKey>> {
    return this.apiKeys.pageOwnedUnrevoked(principal.userId, page);
  }

  async revoke(principal: Principal, id: string): Promise<void> {
    // Someone else's key, a missing one and a revoked one give the same 404, so ids leak nothing.
    const key = await this.apiKeys.findOwned(principal.userId, id);
    if (!key || key.revokedAt) throw new NotFoundProblem('API key');
    await this.apiKeys.revoke(key.id);
  }
}
