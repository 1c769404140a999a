/** Codes of sign-in, accounts and API keys; statuses in src/common/problem/error-status.ts. */
export enum AuthErrorCode {
  INVALID_CREDENTIALS = 'INVALID_CREDENTIALS',
  JWT_REQUIRED = 'JWT_REQUIRED',
  INSUFFICIENT_SCOPE = 'INSUFFICIENT_SCOPE',
  SCOPE_NOT_GRANTABLE = 'SCOPE_NOT_GRANTABLE',
  EMAIL_TAKEN = 'EMAIL_TAKEN',
}
