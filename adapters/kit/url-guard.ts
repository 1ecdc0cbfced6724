// SECURITY-MATRIX B1: an upstream or feed URL must not reach the hub's own network.
// Two gates, both before any byte is sent:
// 1. `check(url)`: scheme, credentials, non-canonical IP spellings ("2130706433", "0x7f.1",
//    "0177.0.0.1", "%31…"), and IP literals in private, loopback, link-local, mapped ranges;
// 2. `lookup`: a DNS lookup for the HTTP agent that refuses names resolving to those ranges,
//    so a public-looking name (or a DNS rebinding) cannot lead inside either.
// Deployments and tests allow their own upstreams explicitly (`allowHosts`, `allowCidrs`).
import dns from 'node:dns';
import net from 'node:net';

export type UrlRefusal = 'invalid-url' | 'scheme' | 'credentials' | 'non-canonical-ip' | 'private-address';

/** A URL the guard refused. Its message names the reason, never the URL. */
export class UrlRefusedError extends Error {
  constructor(readonly reason: UrlRefusal) {
    super(`URL refused: ${reason}`);
    this.name = 'UrlRefusedError';
  }
}

export interface UrlGuardOptions {
  /** Default: https and http. `file:`, `gopher:`, `ftp:`, `data:` … are never sensible here. */
  allowedSchemes?: readonly string[];
  /** Host names or IP literals allowed even when they are (or resolve to) private addresses. */
  allowHosts?: readonly string[];
  /** Address ranges allowed even though private, e.g. an internal integration platform. */
  allowCidrs?: readonly string[];
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | dns.LookupAddress[], family?: number) => void;
export type GuardedLookup = (hostname: string, options: dns.LookupOptions, callback: LookupCallback) => void;

export interface UrlGuard {
  /** Parse and check a URL; throws UrlRefusedError. */
  check(url: string | URL): URL;
  /** Whether a connection to this address (reached through this host name) is allowed. */
  isAddressAllowed(address: string, hostname?: string): boolean;
  /** `lookup` for `net.connect`/undici's `connect` option. */
  lookup: GuardedLookup;
}

const DENIED_V4: Array<[string, number]> = [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
];
// IPv6 ranges that embed IPv4 (mapped, compatible, NAT64) are handled by `embedsIPv4`: a
// BlockList given ::ffff:0:0/96 would also match every IPv4 address.
const DENIED_V6: Array<[string, number]> = [
  ['::', 128],
  ['::1', 128],
  ['100::', 64],
  ['2001:db8::', 32],
  ['fc00::', 7],
  ['fe80::', 10],
  ['fec0::', 10],
  ['ff00::', 8],
];

function blockList(v4: Array<[string, number]>, v6: Array<[string, number]>): net.BlockList {
  const list = new net.BlockList();
  for (const [address, prefix] of v4) list.addSubnet(address, prefix, 'ipv4');
  for (const [address, prefix] of v6) list.addSubnet(address, prefix, 'ipv6');
  return list;
}
const DENIED_V4_LIST = blockList(DENIED_V4, []);
const DENIED_V6_LIST = blockList([], DENIED_V6);

/** Expand an IPv6 address to its eight 16-bit groups. */
function ipv6Groups(address: string): number[] {
  const [head = '', tail = ''] = address.split('::');
  const parse = (part: string) =>
    (part ? part.split(':') : []).flatMap((group) => {
      if (!group.includes('.')) return [parseInt(group, 16)];
      const [a = 0, b = 0, c = 0, d = 0] = group.split('.').map(Number);
      return [(a << 8) | b, (c << 8) | d];
    });
  const left = parse(head);
  const right = parse(tail);
  const zeros = address.includes('::') ? Array(8 - left.length - right.length).fill(0) : [];
  return [...left, ...zeros, ...right];
}

/** IPv4-mapped (::ffff:a.b.c.d), IPv4-compatible (::a.b.c.d) and NAT64 (64:ff9b::/96). */
function embedsIPv4(address: string): boolean {
  const g = ipv6Groups(address);
  const firstFiveZero = g.slice(0, 5).every((x) => x === 0);
  if (firstFiveZero && (g[5] === 0xffff || (g[5] === 0 && (g[6] !== 0 || (g[7] ?? 0) > 1)))) return true;
  return g[0] === 0x64 && g[1] === 0xff9b && g.slice(2, 6).every((x) => x === 0);
}

export function isPrivateAddress(address: string): boolean {
  const family = net.isIP(address);
  if (family === 4) return DENIED_V4_LIST.check(address, 'ipv4');
  if (family === 6) return embedsIPv4(address) || DENIED_V6_LIST.check(address, 'ipv6');
  return true; // not an address at all: refuse rather than guess
}

const CANONICAL_V4 = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;
const NUMERIC_LABEL = /^(?:0x[0-9a-f]*|\d+)$/i;

/** The host exactly as written in the URL string (before WHATWG normalisation). */
function rawHost(url: string): string {
  const afterScheme = url.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '');
  const authority = afterScheme.split(/[/?#\\]/)[0] ?? '';
  const hostPort = authority.slice(authority.lastIndexOf('@') + 1);
  return hostPort.startsWith('[') ? hostPort.slice(0, hostPort.indexOf(']') + 1) : hostPort.replace(/:\d*$/, '');
}

/** Decimal, hex, octal or shortened IPv4 spellings, and percent-encoded hosts. */
function isNonCanonicalIp(host: string): boolean {
  if (host.includes('%')) return true;
  if (host.startsWith('[')) return false;
  const labels = host.split('.');
  return labels.every((l) => NUMERIC_LABEL.test(l)) && !CANONICAL_V4.test(host);
}

export function createUrlGuard(options: UrlGuardOptions = {}): UrlGuard {
  const schemes = new Set((options.allowedSchemes ?? ['https', 'http']).map((s) => s.replace(/:$/, '').toLowerCase()));
  const allowHosts = new Set((options.allowHosts ?? []).map((h) => h.toLowerCase().replace(/^\[|\]$/g, '')));
  const allowed = new net.BlockList();
  for (const cidr of options.allowCidrs ?? []) {
    const [address = '', prefix = ''] = cidr.split('/');
    const family = net.isIP(address) === 6 ? 'ipv6' : 'ipv4';
    allowed.addSubnet(address, Number(prefix || (family === 'ipv6' ? 128 : 32)), family);
  }

  const isAddressAllowed = (address: string, hostname?: string): boolean => {
    if (hostname && allowHosts.has(hostname.toLowerCase())) return true;
    if (allowHosts.has(address.toLowerCase())) return true;
    const family = net.isIP(address);
    if (family && allowed.check(address, family === 6 ? 'ipv6' : 'ipv4')) return true;
    return !isPrivateAddress(address);
  };

  const check = (input: string | URL): URL => {
    const text = String(input);
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      throw new UrlRefusedError('invalid-url');
    }
    if (!schemes.has(url.protocol.replace(/:$/, ''))) throw new UrlRefusedError('scheme');
    if (url.username || url.password) throw new UrlRefusedError('credentials');
    if (isNonCanonicalIp(rawHost(text))) throw new UrlRefusedError('non-canonical-ip');
    const host = url.hostname.replace(/^\[|\]$/g, '');
    if (!host) throw new UrlRefusedError('invalid-url');
    if (net.isIP(host) && !isAddressAllowed(host)) throw new UrlRefusedError('private-address');
    return url;
  };

  const lookup: GuardedLookup = (hostname, lookupOptions, callback) => {
    dns.lookup(hostname, { ...lookupOptions, all: true }, (err, addresses) => {
      if (err) return callback(err, []);
      const list = addresses as dns.LookupAddress[];
      if (list.length === 0 || list.some((a) => !isAddressAllowed(a.address, hostname))) {
        return callback(new UrlRefusedError('private-address') as NodeJS.ErrnoException, []);
      }
      if (lookupOptions.all) return callback(null, list);
      const first = list[0]!;
      return callback(null, first.address, first.family);
    });
  };

  return { check, isAddressAllowed, lookup };
}
