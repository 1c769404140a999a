import { type CanActivate, type ExecutionContext, HttpStatus, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Response } from 'express';
import { JwtService } from '@nestjs/jwt';
import { isUUID } from 'class-validator';
import { CommonErrorCode } from '../common/problem/common-errors';
import { AppProblem } from '../common/problem/problem';
import { AuthErrorCode } from './auth-errors';
import { FailedAuthLimiter } from './rate-limit/failed-auth-limiter';
import { RateLimiter } from './rate-limit/rate-limiter';
import { ApiKeyRepository } from './api-key.repository';
import { UserRepository } from './user.repository';
import { type Role, type Scope, SCOPES_BY_ROLE } from './auth.constants';
import { IS_PUBLIC, JWT_ONLY, REQUIRED_ROLES, REQUIRED_SCOPES } from './auth.decorators';
import { hashApiKey } from './credentials';
import type { Principal, RequestWithPrincipal } from './principal';

export interface AccessTokenPayload {
  sub: string;
}

function unauthorized(detail: string): AppProblem {
  return new AppProblem(CommonErrorCode.UNAUTHORIZED, detail).withHeader('WWW-Authenticate', 'Bearer realm="rebalance", ApiKey header="X-API-Key"');
}

function header(request: RequestWithPrincipal, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * The one global guard: every route needs a JWT or an API key unless marked
 * @Public(); an address sending bad credentials is slowed before any of them
 * is looked up; the caller's rate limit is counted, then the route's role,
 * scope and JWT-only rules apply.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
    private readonly apiKeys: ApiKeyRepository,
    private readonly users: UserRepository,
    private readonly rateLimiter: RateLimiter,
    private readonly failedAuth: FailedAuthLimiter,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const request = context.switchToHttp().getRequest<RequestWithPrincipal & { ip?: string }>();
    const response = context.switchToHttp().getResponse<Response>();
    this.failedAuth.check(request.ip, response);
    let principal: Principal;
    try {
      principal = await this.authenticate(request, response);
    } catch (error) {
      if (error instanceof AppProblem && error.getStatus() === HttpStatus.UNAUTHORIZED) this.failedAuth.recordFailure(request.ip, response);
      throw error;
    }
    request.principal = principal;

    if (this.reflector.getAllAndOverride<boolean>(JWT_ONLY, targets) && principal.authMethod !== 'jwt') {
      throw new AppProblem(AuthErrorCode.JWT_REQUIRED, 'This operation needs a signed-in user (Bearer token), not an API key');
    }
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, targets);
    if (roles && !roles.includes(principal.role)) {
      throw new AppProblem(CommonErrorCode.FORBIDDEN, `This operation needs the role ${roles.join(' or ')}`);
    }
    const scopes = this.reflector.getAllAndOverride<Scope[] | undefined>(REQUIRED_SCOPES, targets) ?? [];
    const missing = scopes.filter((scope) => !principal.scopes.includes(scope));
    if (missing.length > 0) {
      throw new AppProblem(AuthErrorCode.INSUFFICIENT_SCOPE, `The credentials lack the scope ${missing.join(', ')}`, {
        extensions: { missingScopes: missing },
      });
    }
    return true;
  }

  /**
   * The caller, with this request counted against its rate limit (429 once spent): counted before
   * the role and scope checks, so a caller hammering a forbidden route is limited too.
   */
  private async authenticate(request: RequestWithPrincipal, response: Response): Promise<Principal> {
    // Swagger UI sends both headers once both schemes are authorized; the person's token wins.
    const authorization = header(request, 'authorization');
    const apiKey = header(request, 'x-api-key');
    let principal: Principal;
    if (authorization !== undefined) principal = await this.fromBearer(authorization);
    else if (apiKey !== undefined) principal = await this.fromApiKey(apiKey);
    else throw unauthorized('Authentication required: send Authorization: Bearer <token> or an X-API-Key header');
    await this.rateLimiter.consume(principal, response);
    return principal;
  }

  private async fromBearer(authorization: string): Promise<Principal> {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
    if (!match) throw unauthorized('The Authorization header must be "Bearer <token>"');
    let payload: Partial<AccessTokenPayload> & { exp?: unknown };
    try {
      payload = await this.jwt.verifyAsync<AccessTokenPayload & object>(match[1], { algorithms: ['HS256'] });
    } catch {
      throw unauthorized('The access token is invalid or expired');
    }
    // Tokens we issue always carry both; one without an expiry would be valid for ever, and a
    // sub that is not a UUID must not reach a uuid column.
    const user = typeof payload.exp === 'number' && typeof payload.sub === 'string' && isUUID(payload.sub) ? await this.users.findIdentity(payload.sub) : null;
    if (!user) throw unauthorized('The access token is invalid or expired');
    return { userId: user.id, email: user.email, role: user.role, scopes: SCOPES_BY_ROLE[user.role], authMethod: 'jwt', apiKeyId: null };
  }

  private async fromApiKey(secret: string): Promise<Principal> {
    const key = await this.apiKeys.findUsableBySecretHash(hashApiKey(secret));
    if (!key?.user) throw unauthorized('The API key is invalid, revoked or expired');
    await this.apiKeys.touchLastUsed(key.id);
    const roleScopes = SCOPES_BY_ROLE[key.user.role];
    return {
      userId: key.user.id,
      email: key.user.email,
      role: key.user.role,
      // A key never outgrows its owner's role, even if the owner was demoted after creating it.
      scopes: key.scopes.filter((scope) => roleScopes.includes(scope)),
      authMethod: 'apiKey',
      apiKeyId: key.id,
    };
  }
}
