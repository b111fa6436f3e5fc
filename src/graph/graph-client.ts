import { TokenCredential } from '@azure/identity';
import type { AuthenticationProvider, Client, GraphRequest } from '@microsoft/microsoft-graph-client';
import { GraphAttemptTelemetry, GraphCallTelemetry } from '../telemetry/graph-telemetry';
import { telemetryIsOn } from '../telemetry/instruments';
import { CallDeadline } from './call-deadline';
import { customHostsFor, graphScope } from './graph-hosts';
import { NodeHttpHandler } from './node-http-handler';
import { SDK_MAX_RETRY_DELAY_SECONDS } from './retry-after';
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
export { SDK_MAX_RETRY_DELAY_SECONDS };

/**
 * The longest a single Graph call (one `api(…)` request with its retries) can take with these options: every
 * attempt running into the timeout, and the longest wait before each retry. The deadline actually spans the
 * whole call (see CallDeadline), so this over-counts on purpose: it also covers a token fetched on the way, and
 * stays true if the timeout were ever made per attempt.
 */
export function longestGraphCallMs({ timeoutSeconds, maxRetries }: Pick<GraphClientOptions, 'timeoutSeconds' | 'maxRetries'>): number {
  return ((maxRetries + 1) * timeoutSeconds + maxRetries * SDK_MAX_RETRY_DELAY_SECONDS) * 1000;
}

type GraphSdk = typeof import('@microsoft/microsoft-graph-client');
let sdk: GraphSdk | undefined;

/** The Graph SDK, loaded with the first request rather than at start-up (it is a share of start-up time). */
function graphSdk(): GraphSdk {
  sdk ??= require('@microsoft/microsoft-graph-client') as GraphSdk;
  return sdk;
}

/**
 * A Graph client whose requests carry the token (also on national clouds and custom hosts), retry 429/503/504
 * honouring Retry-After, and give up after a timeout. The chain is the SDK's default one (authentication, retry,
 * redirect, telemetry) ending in GuestPass's own HTTP handler instead of `fetch` (see NodeHttpHandler). The
 * client is made on first use.
 */
export class GraphConnection {
  private made: Client | undefined;

  constructor(private readonly options: GraphClientOptions) {}

  get client(): Client {
    if (!this.made) {
      const { AuthenticationHandler, Client, RedirectHandler, RedirectHandlerOptions, RetryHandler, RetryHandlerOptions, TelemetryHandler } =
        graphSdk();
      this.made = Client.initWithMiddleware({
        baseUrl: this.options.baseUrl,
        customHosts: customHostsFor(this.options.baseUrl),
        middleware: [
          // With telemetry on: a span per call around the retries, and each attempt seen just before it goes out.
          ...(telemetryIsOn() ? [new GraphCallTelemetry()] : []),
          new AuthenticationHandler(tokenProvider(this.options)),
          new RetryHandler(new RetryHandlerOptions()),
          new RedirectHandler(new RedirectHandlerOptions()),
          new TelemetryHandler(),
          ...(telemetryIsOn() ? [new GraphAttemptTelemetry()] : []),
          new NodeHttpHandler(this.options.timeoutSeconds * 1000),
        ],
      });
    }
    return this.made;
  }

  /** The Graph root this connection talks to, without version (e.g. `https://graph.microsoft.us`). */
  get baseUrl(): string {
    return this.options.baseUrl;
  }

  /** A request on `path` (relative to the version, e.g. `/invitations`) with this connection's retry and timeout. */
  api(path: string): GraphRequest {
    const { RetryHandlerOptions } = graphSdk();
    return this.client
      .api(path)
      .middlewareOptions([new RetryHandlerOptions(RETRY_BASE_DELAY_SECONDS, this.options.maxRetries), CallDeadline.after(this.options.timeoutSeconds * 1000)]);
  }
}

/** Hands the Graph client the (cached) token for this Graph cloud's scope on every request. */
function tokenProvider({ credential, baseUrl }: GraphClientOptions): AuthenticationProvider {
  if (!credential) return { getAccessToken: async () => '' };
  const tokens = new CachedTokenCredential(credential);
  const scopes = [graphScope(baseUrl)];
  return {
    async getAccessToken() {
      const token = await tokens.getToken(scopes);
      if (!token) throw Object.assign(new Error('The credential returned no Graph token'), { name: 'CredentialUnavailableError' });
      return token.token;
    },
  };
}
