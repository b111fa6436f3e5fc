import { BlockList, isIP } from 'node:net';
import { Cloud, cloudOf } from '../graph/graph-hosts';

/**
 * Where Teams keeps the files people send the bot and the result files it sends back: SharePoint and OneDrive of
 * the tenant's cloud. A file URL is fetched only when it is https, carries no user name or password, and names a
 * host (and port) on this list; every download and upload is checked against it before a connection is made.
 */
export interface FileHostPattern {
  /** A host name, or an IP address when listed as one explicitly. */
  host: string;
  /** `*.host`: any name under `host` (not `host` itself). */
  subdomains: boolean;
  port: number;
}

export type FileUrlRefusal = 'malformed' | 'notHttps' | 'credentials' | 'ipLiteral' | 'hostNotAllowed';

export type CheckedFileUrl = { ok: true; url: URL } | { ok: false; refusal: FileUrlRefusal };

const HTTPS_PORT = 443;
const HOST_NAME = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/;

/** SharePoint Online (OneDrive for Business is `<tenant>-my.` under the same domain) per cloud. */
const SHAREPOINT_DOMAINS_BY_CLOUD: Readonly<Record<Cloud, readonly string[]>> = {
  global: ['sharepoint.com'],
  usGovernment: ['sharepoint.us'],
  // DoD tenants are on sharepoint-mil.us, newer ones on dps.mil.
  usGovernmentDoD: ['sharepoint-mil.us', 'dps.mil'],
  china: ['sharepoint.cn'],
  germany: ['sharepoint.de'],
};

/**
 * The file hosts of the cloud whose Graph GuestPass calls. A Graph host of no known cloud (a private endpoint or
 * proxy in front of the global service) gets the global cloud's; `BULK_FILE_HOSTS` replaces the list.
 */
export function fileHostsForGraph(graphBaseUrl: string): FileHostPattern[] {
  const domains = SHAREPOINT_DOMAINS_BY_CLOUD[cloudOf(graphBaseUrl) ?? 'global'];
  return domains.map((host) => ({ host, subdomains: true, port: HTTPS_PORT }));
}

/**
 * Reads a list such as `*.sharepoint.com, files.contoso.com:8443, 127.0.0.1:9443`: `*.` for any name under a
 * domain (of at least two labels), a port when not 443. An address (IPv6 in brackets) is reachable only when listed
 * itself, never through a wildcard or a name that resolves to it.
 */
export function parseFileHostPatterns(text: string): { patterns: FileHostPattern[]; problems: string[] } {
  const patterns: FileHostPattern[] = [];
  const problems: string[] = [];
  for (const entry of text.split(/[\s,]+/).filter(Boolean)) {
    const subdomains = entry.startsWith('*.');
    const rest = subdomains ? entry.slice(2) : entry;
    let url: URL | undefined;
    try {
      url = new URL(`https://${rest}`);
    } catch {
      url = undefined;
    }
    const literal = url !== undefined && isIpLiteral(url.hostname);
    const valid =
      url !== undefined &&
      (literal || HOST_NAME.test(url.hostname)) &&
      url.host === rest.toLowerCase() &&
      url.pathname === '/' &&
      !url.username &&
      !url.password &&
      !(subdomains && (literal || url.hostname.split('.').length < 2));
    if (!valid) {
      problems.push(`"${entry}" is not a host such as *.sharepoint.com, files.contoso.com:8443 or 127.0.0.1:9443`);
      continue;
    }
    patterns.push({ host: url!.hostname, subdomains, port: url!.port ? Number(url!.port) : HTTPS_PORT });
  }
  if (patterns.length === 0 && problems.length === 0) problems.push('lists no host');
  return { patterns, problems };
}

/** Whether `text` may be fetched: the URL, parsed as fetch would, or why not. */
export function checkFileUrl(text: string, hosts: readonly FileHostPattern[]): CheckedFileUrl {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, refusal: 'malformed' };
  }
  if (url.protocol !== 'https:') return { ok: false, refusal: 'notHttps' };
  // The WHATWG parser already turned 2130706433, 0x7f.1 or 017700000001 into 127.0.0.1.
  if (url.username || url.password) return { ok: false, refusal: 'credentials' };
  const hostname = url.hostname.toLowerCase();
  const port = url.port ? Number(url.port) : HTTPS_PORT;
  const literal = isIpLiteral(hostname);
  const listed = hosts.some(
    (pattern) =>
      pattern.port === port &&
      (pattern.subdomains ? !literal && hostname.endsWith(`.${pattern.host}`) : hostname === pattern.host),
  );
  if (listed) return { ok: true, url };
  return { ok: false, refusal: literal ? 'ipLiteral' : 'hostNotAllowed' };
}

export function isIpLiteral(hostname: string): boolean {
  return isIP(hostname.replace(/^\[(.*)\]$/, '$1')) !== 0;
}

/**
 * Addresses that are not on the public internet (IANA special-purpose registries): loopback, private, link-local
 * (the cloud metadata endpoint 169.254.169.254), carrier-grade NAT, documentation, multicast and reserved ranges,
 * and the IPv6 forms that embed an IPv4 address (mapped, NAT64, 6to4, Teredo).
 */
const NOT_PUBLIC_V4 = new BlockList();
// Apart: a BlockList also matches IPv4 addresses against IPv6 rules (as ::ffff:a.b.c.d), so ::ffff:0:0/96 would
// refuse every IPv4 address.
const NOT_PUBLIC_V6 = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  NOT_PUBLIC_V4.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 96],
  ['::ffff:0:0', 96],
  ['64:ff9b::', 96],
  ['64:ff9b:1::', 48],
  ['100::', 64],
  ['2001::', 23],
  ['2001:db8::', 32],
  ['2002::', 16],
  ['fc00::', 7],
  ['fe80::', 10],
  ['fec0::', 10],
  ['ff00::', 8],
] as const) {
  NOT_PUBLIC_V6.addSubnet(network, prefix, 'ipv6');
}

export function isPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return false;
  return family === 4 ? !NOT_PUBLIC_V4.check(address, 'ipv4') : !NOT_PUBLIC_V6.check(address, 'ipv6');
}
