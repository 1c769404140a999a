import { generateApiKey, hashApiKey, normalizeEmail, passwordPolicyViolation } from './credentials';

describe('credentials', () => {
  it('normalizes emails by trimming and lower-casing', () => {
    expect(normalizeEmail('  Ada.Lovelace@Example.COM ')).toBe('ada.lovelace@example.com');
  });

  describe('password policy', () => {
    it('accepts 12 characters that are not the email', () => {
      expect(passwordPolicyViolation('twelve chars', 'ada@example.com')).toBeNull();
    });

    it.each([
      ['eleven char', 'ada@example.com', 'must be at least 12 characters'],
      ['x'.repeat(257), 'ada@example.com', 'must be at most 256 characters'],
      ['ADA.LONGNAME@EXAMPLE.COM', 'ada.longname@example.com', 'must not be the email address'],
      [' ada.longname@example.com ', 'ada.longname@example.com', 'must not be the email address'],
    ])('refuses %p', (password, email, reason) => {
      expect(passwordPolicyViolation(password, email)).toBe(reason);
    });
  });

  describe('API keys', () => {
    it('are prefixed, random, and stored only as a SHA-256 hash', () => {
      const a = generateApiKey();
      const b = generateApiKey();
      expect(a.secret).toMatch(/^rb_live_[A-Za-z0-9_-]{43}$/);
      expect(a.secret).not.toBe(b.secret);
      expect(a.prefix).toBe(a.secret.slice(0, 16));
      expect(a.secretHash).toMatch(/^[0-9a-f]{64}$/);
      expect(a.secretHash).toBe(hashApiKey(a.secret));
      expect(a.secretHash).not.toContain(a.secret.slice(8));
    });
  });
});
