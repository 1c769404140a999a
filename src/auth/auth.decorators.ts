import { applyDecorators, createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiSecurity } from '@nestjs/swagger';
import { API_KEY_AUTH, BEARER_AUTH } from '../common/http/security-schemes';
import { ApiProblems } from '../common/http/api-problem-responses.decorator';
import { CommonErrorCode } from '../common/problem/common-errors';
import { AuthErrorCode } from './auth-errors';
import type { Role, Scope } from './auth.constants';
import type { Principal, RequestWithPrincipal } from './principal';

export const IS_PUBLIC = 'auth:public';
export const REQUIRED_SCOPES = 'auth:scopes';
export const REQUIRED_ROLES = 'auth:roles';
export const JWT_ONLY = 'auth:jwtOnly';

/** No credentials needed. Every other route requires a JWT or an API key. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);

/**
 * Marks a route as authenticated in the OpenAPI document (either scheme) with
 * the answers of the global guard, which enforces it: 401 without valid
 * credentials, 429 once the caller's budget (or the address's budget of
 * failed attempts) is spent, and the 403 of the route's own rule.
 */
function documentAuth(forbidden: AuthRefusal | null, schemes: 'jwt' | 'any' = 'any'): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiBearerAuth(BEARER_AUTH),
    ...(schemes === 'jwt' ? [] : [ApiSecurity(API_KEY_AUTH)]),
    ApiProblems(
      CommonErrorCode.UNAUTHORIZED,
      CommonErrorCode.RATE_LIMITED,
      CommonErrorCode.TOO_MANY_FAILED_AUTHENTICATIONS,
      ...(forbidden === null ? [] : [forbidden]),
    ),
  );
}

type AuthRefusal = CommonErrorCode.FORBIDDEN | AuthErrorCode.INSUFFICIENT_SCOPE | AuthErrorCode.JWT_REQUIRED;

/** The caller needs every listed scope (a JWT user has all of their role's). */
export const RequireScopes = (...scopes: Scope[]): MethodDecorator & ClassDecorator =>
  applyDecorators(SetMetadata(REQUIRED_SCOPES, scopes), documentAuth(AuthErrorCode.INSUFFICIENT_SCOPE));

export const RequireRoles = (...roles: Role[]): MethodDecorator & ClassDecorator =>
  applyDecorators(SetMetadata(REQUIRED_ROLES, roles), documentAuth(CommonErrorCode.FORBIDDEN));

/** Authenticated by anyone, with no particular scope. */
export const Authenticated = (): MethodDecorator & ClassDecorator => documentAuth(null);

/** Only a person's session (JWT): an API key cannot manage API keys, so a leaked key cannot mint more. */
export const JwtOnly = (): MethodDecorator & ClassDecorator => applyDecorators(SetMetadata(JWT_ONLY, true), documentAuth(AuthErrorCode.JWT_REQUIRED, 'jwt'));

export const CurrentPrincipal = createParamDecorator((_data: unknown, context: ExecutionContext): Principal => {
  const principal = context.switchToHttp().getRequest<RequestWithPrincipal>().principal;
  if (!principal) throw new Error('CurrentPrincipal used on a public route');
  return principal;
});
