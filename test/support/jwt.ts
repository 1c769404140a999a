import { createHmac } from 'node:crypto';

const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Builds a JWT by hand, so tests can forge what a library would refuse to sign (alg none, past exp). */
export function forgeJwt(payload: object, secret: string | null, alg = 'HS256'): string {
  const unsigned = `${encode({ alg, typ: 'JWT' })}.${encode(payload)}`;
  const signature = secret === null ? '' : createHmac('sha256', secret).update(unsigned).digest('base64url');
  return `${unsigned}.${signature}`;
}
