/**
 * Facts about Graph hosts the rest of the gateway derives behaviour from. The Graph client attaches tokens only
 * for the hosts it knows; any other (a private endpoint, a test simulator) must be listed in `customHosts`.
 */
const KNOWN_GRAPH_HOSTS = new Set([
  'graph.microsoft.com',
  'graph.microsoft.us',
  'dod-graph.microsoft.us',
  'graph.microsoft.de',
  'microsoftgraph.chinacloudapi.cn',
  'canary.graph.microsoft.com',
]);

/** invitedUserSponsors exists only in the global cloud's schema (not US Government nor China). */
const CLOUDS_WITHOUT_SPONSORS = new Set(['graph.microsoft.us', 'dod-graph.microsoft.us', 'microsoftgraph.chinacloudapi.cn']);

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

export function customHostsFor(baseUrl: string): Set<string> {
  const host = new URL(baseUrl).hostname;
  return KNOWN_GRAPH_HOSTS.has(host) ? new Set() : new Set([host]);
}

export function cloudSupportsSponsors(baseUrl: string): boolean {
  return !CLOUDS_WITHOUT_SPONSORS.has(new URL(baseUrl).hostname);
}

/**
 * MSAL's instance discovery asks the public cloud about the authority; a private or local authority host has no
 * such entry, so discovery is skipped for it.
 */
export function isPublicAuthorityHost(authorityHost: string): boolean {
  return PUBLIC_AUTHORITY_HOSTS.has(new URL(authorityHost).hostname);
}
