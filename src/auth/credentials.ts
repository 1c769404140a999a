import { createHash, randomBytes } from 'node:crypto';

export const API_KEY_PREFIX = 'rb_live_';
/** Characters of a key kept in clear (prefix + a few random ones) to tell keys apart in listings. */
const DISPLAY_PREFIX_LENGTH = API_KEY_PREFIX.length + 8;
export const MIN_PASSWORD_LENGTH = 12;
/** Bounds the work one login can cost the server. */
export const MAX_PASSWORD_LENGTH = 256;

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Why a password is refused for this email, or null when it is acceptable. */
export function passwordPolicyViolation(password: string, email: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `must be at least ${MIN_PASSWORD_LENGTH} characters`;
  if (password.length > MAX_PASSWORD_LENGTH) return `must be at most ${MAX_PASSWORD_LENGTH} characters`;
  if (normalizeEmail(password) === normalizeEmail(email)) return 'must not be the email address';
  return null;
}

export interface NewApiKey {
  /** The whole key: shown to its creator once, never stored. */
  secret: string;
  prefix: string;
  secretHash: string;
}

export function hashApiKey(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** 32 random bytes in base64url after a recognisable prefix (secret scanners can match `rb_live_`). */
export function generateApiKey(): NewApiKey {
  const secret = `${API_KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
  return { secret, prefix: secret.slice(0, DISPLAY_PREFIX_LENGTH), secretHash: hashApiKey(secret) };
}
