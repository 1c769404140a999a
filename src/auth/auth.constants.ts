export const ROLES = ['user', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const SCOPES = ['portfolios:read', 'portfolios:write', 'rebalancing:read', 'rebalancing:write', 'assets:write'] as const;
export type Scope = (typeof SCOPES)[number];

/** A JWT caller has every scope of their role; an API key is limited to a subset of these. */
export const SCOPES_BY_ROLE: Record<Role, readonly Scope[]> = {
  user: SCOPES.filter((scope) => scope !== 'assets:write'),
  admin: SCOPES,
};
