import { lookup } from 'node:dns/promises';
import type { LookupFunction } from 'node:net';
import * as dns from 'node:dns';
import ipaddr from 'ipaddr.js';

/**
 * Only globally routable unicast addresses: no loopback, private, link-local,
 * carrier-grade NAT, unique-local, multicast, documentation or other reserved
 * ranges, and IPv4-mapped IPv6 is judged as the IPv4 address it carries.
 */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  return ipaddr.process(address).range() === 'unicast';
}

export type TargetRefusal = { rule: 'httpsUrl' | 'publicAddress' | 'resolvable'; message: string };

/**
 * Why a webhook may not be sent to this URL, or null when it may. Checked after
 * DNS resolution, so a public name pointing at a private address is refused.
 */
export async function refuseTarget(rawUrl: string, allowPrivate: boolean): Promise<TargetRefusal | null> {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return { rule: 'httpsUrl', message: 'is not a URL' };
  }
  const schemes = allowPrivate ? ['https:', 'http:'] : ['https:'];
  if (!schemes.includes(url.protocol)) return { rule: 'httpsUrl', message: allowPrivate ? 'must be an http or https URL' : 'must be an https URL' };
  if (url.username || url.password) return { rule: 'httpsUrl', message: 'must not carry credentials' };
  if (allowPrivate) return null;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  let addresses: string[];
  try {
    addresses = ipaddr.isValid(host) ? [host] : (await lookup(host, { all: true })).map((entry) => entry.address);
  } catch {
    return { rule: 'resolvable', message: `host ${host} does not resolve` };
  }
  const blocked = addresses.find((address) => !isPublicAddress(address));
  return blocked ? { rule: 'publicAddress', message: `host ${host} resolves to ${blocked}, which is not a public address` } : null;
}

/**
 * A DNS lookup for http.request that refuses non-public answers, so a name
 * that changes its answer after the check (DNS rebinding) still cannot reach
 * an internal address.
 */
export function publicOnlyLookup(): LookupFunction {
  return (hostname, options, callback) => {
    dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, '', 4);
      const blocked = addresses.find((entry) => !isPublicAddress(entry.address));
      if (blocked) return callback(new Error(`${hostname} resolves to ${blocked.address}, which is not a public address`), '', 4);
      if (options.all) return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, addresses);
      return callback(null, addresses[0].address, addresses[0].family);
    });
  };
}
