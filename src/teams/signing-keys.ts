import { StatusCodes } from 'botbuilder';
import { AuthenticationError } from 'botframework-connector';
// Not exported from the package's index; botbuilder-js is archived, so these internals no longer move.
import { JwtTokenExtractor } from 'botframework-connector/lib/auth/jwtTokenExtractor';
import { OpenIdMetadata } from 'botframework-connector/lib/auth/openIdMetadata';

/** Two small JSON documents; the Bot Connector itself gives up on a turn after about 15 s. */
export const SIGNING_KEYS_TIMEOUT_MS = 10_000;

interface OpenIdMetadataInternals {
  url: string;
  keys?: unknown[];
  lastUpdated: number;
  refreshCache(): Promise<void>;
}

/**
 * Bounds the SDK's download of the channel's signing keys. botframework-connector fetches the OpenID metadata and
 * the JWKS with no time-out, inside the turn, whenever its keys are a day old or a token names a key it has not
 * seen (at most hourly): a metadata host that accepts the connection and never answers holds every such turn, and
 * its socket, forever. The SDK keeps one OpenIdMetadata per URL in JwtTokenExtractor's cache; GuestPass puts its
 * own there first, whose refresh gives up after `timeoutMs` and is shared by the turns that wait for it. Finding
 * the key and checking it (RSA key from the JWKS, endorsements) stay the SDK's.
 */
export function boundSigningKeyDownloads(metadataUrls: string[], timeoutMs = SIGNING_KEYS_TIMEOUT_MS): void {
  const cache = (JwtTokenExtractor as unknown as { openIdMetadataCache: Map<string, OpenIdMetadata> }).openIdMetadataCache;
  for (const url of metadataUrls) {
    const metadata = cache.get(url) ?? new OpenIdMetadata(url);
    const internals = metadata as unknown as OpenIdMetadataInternals;
    let refreshing: Promise<void> | undefined;
    internals.refreshCache = () => {
      refreshing ??= refresh(internals, timeoutMs).finally(() => {
        refreshing = undefined;
      });
      return refreshing;
    };
    cache.set(url, metadata);
  }
}

async function refresh(metadata: OpenIdMetadataInternals, timeoutMs: number): Promise<void> {
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const configuration = (await fetchJson(metadata.url, signal)) as { jwks_uri?: unknown };
    if (typeof configuration.jwks_uri !== 'string') throw new Error('no jwks_uri in the OpenID configuration');
    const jwks = (await fetchJson(configuration.jwks_uri, signal)) as { keys?: unknown };
    if (!Array.isArray(jwks.keys)) throw new Error('no keys in the JWKS');
    metadata.keys = jwks.keys;
    metadata.lastUpdated = Date.now();
  } catch (error) {
    const reason = signal.aborted ? `no answer within ${timeoutMs} ms` : (error as Error).message;
    // What the SDK throws when it cannot load the keys; the adapter answers the turn with 401.
    throw new AuthenticationError(`Failed to load the signing keys from ${metadata.url}: ${reason}`, StatusCodes.INTERNAL_SERVER_ERROR);
  }
}

async function fetchJson(url: string, signal: AbortSignal): Promise<unknown> {
  const response = await fetch(url, { signal, headers: { accept: 'application/json' } });
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  return response.json();
}
