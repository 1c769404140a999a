import { lookup } from 'node:dns/promises';
import type { LookupFunction } from 'node:net';
import * as dns from 'node:dns';
import ipaddr from 'ipaddr.js';

type Address = ipaddr.IPv4 | ipaddr.IPv6;

/**
 * Cloud instance-metadata services, which hand out credentials to whoever asks
 * from inside: refused as webhook targets even when private targets are allowed.
 * 169.254.169.254 serves AWS, GCP, Azure, Oracle and OpenStack; 169.254.170.2
 * is the AWS ECS task endpoint; fd00:ec2::254 is AWS over IPv6; 100.100.100.200
 * is Alibaba Cloud.
 */
const METADATA = ['169.254.169.254', '169.254.170.2', 'fd00:ec2::254', '100.100.100.200'].map((address) => ipaddr.parse(address).toNormalizedString());

const IPV4_COMPATIBLE = ipaddr.parseCIDR('::/96');
const NAT64_WELL_KNOWN = ipaddr.parseCIDR('64:ff9b::/96');
const SIX_TO_FOUR = ipaddr.parseCIDR('2002::/16');
// Local-use NAT64 (RFC 8215) is never globally routed, and where the IPv4 address sits in it depends on the site's prefix length.
const NAT64_LOCAL_USE = ipaddr.parseCIDR('64:ff9b:1::/48');

const ipv4Of = (high: number, low: number) => new ipaddr.IPv4([high >> 8, high & 0xff, low >> 8, low & 0xff]);

/**
 * The IPv4 address an IPv6 address carries and would reach: IPv4-mapped
 * (::ffff:a.b.c.d), IPv4-compatible (::a.b.c.d, deprecated, where :: and ::1
 * also fall), NAT64 (64:ff9b::a.b.c.d) and 6to4 (2002:aabb:ccdd::/48).
 */
function embeddedIPv4(address: ipaddr.IPv6): ipaddr.IPv4 | null {
  const parts = address.parts;
  if (address.isIPv4MappedAddress() || address.match(IPV4_COMPATIBLE) || address.match(NAT64_WELL_KNOWN)) return ipv4Of(parts[6], parts[7]);
  if (address.match(SIX_TO_FOUR)) return ipv4Of(parts[1], parts[2]);
  return null;
}

/** The address itself, or for an IPv6 form that embeds an IPv4 address, that IPv4 address: it is judged in its place. */
function effective(address: string): Address | null {
  if (!ipaddr.isValid(address)) return null;
  const parsed = ipaddr.parse(address);
  return parsed.kind() === 'ipv6' ? (embeddedIPv4(parsed as ipaddr.IPv6) ?? parsed) : parsed;
}

/**
 * Only globally routable unicast addresses: no loopback, private, link-local,
 * carrier-grade NAT, unique-local, multicast, documentation or other reserved
 * ranges; an IPv6 address that embeds an IPv4 address is judged as that IPv4
 * address, so ::127.0.0.1, ::ffff:10.0.0.1, 64:ff9b::a9fe:a9fe and
 * 2002:c0a8:1::1 are all refused.
 */
export function isPublicAddress(address: string): boolean {
  const target = effective(address);
  if (!target) return false;
  if (target.kind() === 'ipv6' && (target as ipaddr.IPv6).match(NAT64_LOCAL_USE)) return false;
  return target.range() === 'unicast';
}

export function isMetadataAddress(address: string): boolean {
  const target = effective(address);
  return target !== null && METADATA.includes(target.toNormalizedString());
}

/** May a webhook connect here: never to a metadata service, and only to public addresses unless private ones are allowed. */
export function isAllowedTarget(address: string, allowPrivate: boolean): boolean {
  if (!ipaddr.isValid(address) || isMetadataAddress(address)) return false;
  return allowPrivate || isPublicAddress(address);
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
  const host = url.hostname.replace(/^\[|\]$/g, '');
  let addresses: string[];
  try {
    addresses = ipaddr.isValid(host) ? [host] : (await lookup(host, { all: true })).map((entry) => entry.address);
  } catch {
    return { rule: 'resolvable', message: `host ${host} does not resolve` };
  }
  const blocked = addresses.find((address) => !isAllowedTarget(address, allowPrivate));
  if (!blocked) return null;
  const why = isMetadataAddress(blocked) ? 'a cloud metadata address' : 'not a public address';
  return { rule: 'publicAddress', message: `host ${host} resolves to ${blocked}, which is ${why}` };
}

/**
 * A DNS lookup for http.request that refuses answers isAllowedTarget refuses,
 * so a name that changes its answer after the check (DNS rebinding) still
 * cannot reach an internal address or a metadata service.
 */
export function guardedLookup(allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, '', 4);
      const blocked = addresses.find((entry) => !isAllowedTarget(entry.address, allowPrivate));
      if (blocked) return callback(new Error(`${hostname} resolves to ${blocked.address}, which is not an allowed webhook target`), '', 4);
      if (options.all) return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, addresses);
      return callback(null, addresses[0].address, addresses[0].family);
    });
  };
}
