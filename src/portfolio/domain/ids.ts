import { createHash } from 'node:crypto';

/** Namespace of every id the ledger derives; with it, deriveId is a plain RFC 9562 UUIDv5. */
export const LEDGER_ID_NAMESPACE = '864b64fb-7f17-443e-ab02-95618d61929e';

const NAMESPACE_BYTES = Buffer.from(LEDGER_ID_NAMESPACE.replace(/-/g, ''), 'hex');

/**
 * A stable UUID for something the ledger creates rather than receives: the UUIDv5 (SHA-1) of
 * the parts joined by ':' in LEDGER_ID_NAMESPACE. Replaying the same history gives the same
 * ids, so the service can upsert by them. Parts are UUIDs and fixed words, so ':' is unambiguous.
 */
export function deriveId(...parts: string[]): string {
  const hash = createHash('sha1').update(NAMESPACE_BYTES).update(parts.join(':'), 'utf8').digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
