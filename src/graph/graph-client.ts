import { TokenCredential } from '@azure/identity';
import { Client, GraphRequest, RetryHandlerOptions } from '@microsoft/microsoft-graph-client';
import { TokenCredentialAuthenticationProvider } from '@microsoft/microsoft-graph-client/authProviders/azureTokenCredentials';
import { customHostsFor, graphScope } from './graph-hosts';
import { CachedTokenCredential } from './token-cache';

export interface GraphClientOptions {
  baseUrl: string;
  /** Undefined for the sandbox's simulated directory, which is reached over loopback without a token. */
  credential?: TokenCredential;
  timeoutSeconds: number;
  maxRetries: number;
}

/** Graph's advice: wait what Retry-After says; without it, start from this many seconds. */
const RETRY_BASE_DELAY_SECONDS = 2;

/**
 * A Graph client whose requests carry the token (also on national clouds and custom hosts), retry 429/503/504
 * honouring Retry-After, and give up after a timeout.
 */
export class GraphConnection {
  readonly client: Client;

  constructor(private readonly options: GraphClientOptions) {
    const credential = options.credential;
    this.client = Client.initWithMiddleware({
      baseUrl: options.baseUrl,
      customHosts: customHostsFor(options.baseUrl),
      authProvider: credential
        ? new TokenCredentialAuthenticationProvider(new CachedTokenCredential(credential), { scopes: [graphScope(options.baseUrl)] })
        : { getAccessToken: async () => '' },
    });
  }

  /** The Graph root this connection talks to, without version (e.g. `https://graph.microsoft.us`). */
  get baseUrl(): string {
    return this.options.baseUrl;
  }

  /** A request on `path` (relative to the version, e.g. `/invitations`) with this connection's retry and timeout. */
  api(path: string): GraphRequest {
    return this.client
      .api(path)
      .middlewareOptions([new RetryHandlerOptions(RETRY_BASE_DELAY_SECONDS, this.options.maxRetries)])
      .option('signal', AbortSignal.timeout(this.options.timeoutSeconds * 1000));
  }
}
