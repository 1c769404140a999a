import { applyDecorators, createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiSecurity } from '@nestjs/swagger';
import { API_KEY_AUTH, BEARER_AUTH } from '../common/http/security-schemes';
import { ApiProblemResponses } from '../common/http/api-problem-responses.decorator';
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
 * its 401/403 answers; the global guard enforces it.
 */
function documentAuth(note?: string): MethodDecorator & ClassDecorator {
  return applyDecorators(ApiBearerAuth(BEARER_AUTH), ...(note === 'jwt' ? [] : [ApiSecurity(API_KEY_AUTH)]), ApiProblemResponses(401, 403));
}

/** The caller needs every listed scope (a JWT user has all of their role's). */
export const RequireScopes = (...scopes: Scope[]): MethodDecorator & ClassDecorator => applyDecorators(SetMetadata(REQUIRED_SCOPES, scopes), documentAuth());

export const RequireRoles = (...roles: Role[]): MethodDecorator & ClassDecorator => applyDecorators(SetMetadata(REQUIRED_ROLES, roles), documentAuth());

/** Authenticated by anyone, with no particular scope. */
export const Authenticated = (): MethodDecorator & ClassDecorator => documentAuth();

/** Only a person's session (JWT): an API key cannot manage API keys, so a leaked key cannot mint more. */
export const JwtOnly = (): MethodDecorator & ClassDecorator => applyDecorators(SetMetadata(JWT_ONLY, true), documentAuth('jwt'));

export const CurrentPrincipal = createParamDecorator((_data: unknown, context: ExecutionContext): Principal => {
  const principal = context.switchToHttp().getRequest<RequestWithPrincipal>().principal;
  if (!principal) throw new Error('CurrentPrincipal used on a public route');
  return principal;
});
