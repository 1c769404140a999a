import type { Role, Scope } from './auth.constants';

/** Who is calling: set on the request by the global AuthGuard. */
export interface Principal {
  userId: string;
  email: string;
  role: Role;
  scopes: readonly Scope[];
  authMethod: 'jwt' | 'apiKey';
  apiKeyId: string | null;
}

export type RequestWithPrincipal = { principal?: Principal; headers: Record<string, string | string[] | undefined> };
