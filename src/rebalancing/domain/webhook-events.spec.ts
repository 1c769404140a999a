import { createHmac } from 'node:crypto';
import { signatureHeader, verifySignature } from './webhook-events';

describe('webhook signatures', () => {
  const secret = 'whsec_test';
  const body = '{"id":"evt_1","type":"drift.alert.opened"}';

  it('is the documented HMAC-SHA256 of "t.body" in hex', () => {
    const expected = createHmac('sha256', secret).update(`1700000000.${body}`).digest('hex');
    expect(signatureHeader(secret, body, 1_700_000_000)).toBe(`t=1700000000,v1=${expected}`);
  });

  it('verifies its own signature within five minutes', () => {
    const header = signatureHeader(secret, body, 1_700_000_000);
    expect(verifySignature(secret, body, header, 1_700_000_000 + 300)).toBe(true);
  });

  it('refuses a tampered body, another secret, an old timestamp and garbage', () => {
    const header = signatureHeader(secret, body, 1_700_000_000);
    expect(verifySignature(secret, body.replace('opened', 'resolved'), header, 1_700_000_000)).toBe(false);
    expect(verifySignature('whsec_other', body, header, 1_700_000_000)).toBe(false);
    expect(verifySignature(secret, body, header, 1_700_000_000 + 301)).toBe(false);
    expect(verifySignature(secret, body, 'v1=abc', 1_700_000_000)).toBe(false);
    expect(verifySignature(secret, body, 't=1700000000,v1=zz', 1_700_000_000)).toBe(false);
  });
});
