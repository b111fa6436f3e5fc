/**
 * Facts about Graph hosts the rest of the gateway derives behaviour from. The Graph client attaches tokens only
 * for the hosts it knows; any other (a private endpoint, a test simulator) must be listed in `customHosts`.
 */
/** The clouds Microsoft Graph runs in, each known by its Graph host. */
export type Cloud = 'global' | 'usGovernment' | 'usGovernmentDoD' | 'china' | 'germany';

const CLOUD_BY_GRAPH_HOST: Readonly<Record<string, Cloud>> = {
  'graph.microsoft.com': 'global',
  'canary.graph.microsoft.com': 'global',
  // US Government GCC High.
  'graph.microsoft.us': 'usGovernment',
  'dod-graph.microsoft.us': 'usGovernmentDoD',
  // Operated by 21Vianet.
  'microsoftgraph.chinacloudapi.cn': 'china',
  // Microsoft Cloud Deutschland (closed; kept so an old configuration still names its own cloud).
  'graph.microsoft.de': 'germany',
};

/** invitedUserSponsors exists only in the global cloud's schema (not US Government nor China). */
const CLOUDS_WITHOUT_SPONSORS: ReadonlySet<Cloud> = new Set(['usGovernment', 'usGovernmentDoD', 'china']);

const PUBLIC_AUTHORITY_HOSTS = new Set([
  'login.microsoftonline.com',
  'login.microsoftonline.us',
  'login.chinacloudapi.cn',
  'login.microsoftonline.de',
]);

/** The token scope for a Graph host: tokens are per cloud, so the scope follows the configured host. */
export function graphScope(baseUrl: string): string {
  return `${new URL(baseUrl).origin}/.default`;
}

/** The cloud of a Graph base URL; undefined for a host of no known cloud (a private endpoint, a simulator). */
export function cloudOf(baseUrl: string): Cloud | undefined {
  return CLOUD_BY_GRAPH_HOST[new URL(baseUrl).hostname];
}

export function customHostsFor(baseUrl: string): Set<string> {
  return cloudOf(baseUrl) ? new Set() : new Set([new URL(baseUrl).hostname]);
}

export function cloudSupportsSponsors(baseUrl: string): boolean {
  const cloud = cloudOf(baseUrl);
  return cloud === undefined || !CLOUDS_WITHOUT_SPONSORS.has(cloud);
}

/**
 * MSAL's instance discovery asks the public cloud about the authority; a private or local authority host has no
 * such entry, so discovery is skipped for it.
 */
export function isPublicAuthorityHost(authorityHost: string): boolean {
  return PUBLIC_AUTHORITY_HOSTS.has(new URL(authorityHost).hostname);
}
