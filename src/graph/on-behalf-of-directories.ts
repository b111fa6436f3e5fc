import { createHash } from 'node:crypto';
import { TokenCredential } from '@azure/identity';
import { boundedCache } from '../bounded-cache';
import { GraphConfig } from '../config';
import { DirectoryError } from '../invitation/directory-error';
import { createOnBehalfOfCredential } from './credential';
import { GraphConnection } from './graph-client';
import { GraphDirectory } from './graph-directory';
import { graphScope } from './graph-hosts';
import { expiresAtMs, unverifiedClaims } from './token-claims';

/** Enough for everyone active at once in a large tenant; the least recently used entry goes first. */
const MAX_ENTRIES = 500;
/** Never kept longer than this, even for a token that claims a longer life. */
const MAX_AGE_MS = 2 * 3_600_000;
/**
 * OAuth errors of the on-behalf-of grant that a new sign-in can cure: the token expired or was revoked, or Entra
 * wants the person to interact (MFA, consent). Others (a wrong client secret) are the app's to fix.
 */
const SIGN_IN_AGAIN = new Set(['invalid_grant', 'interaction_required', 'consent_required', 'login_required']);

export interface OnBehalfOfOptions {
  graph: GraphConfig;
  /** The Graph root calls go to (configuration's, the same as the app-only connection's). */
  baseUrl: string;
  /** Tests give their own; the real one exchanges through Entra ID. */
  createCredential?: (assertion: string) => TokenCredential;
  now?: () => number;
}

interface Entry {
  directory: GraphDirectory;
  credential: TokenCredential;
}

/**
 * A Graph directory per signed-in person, on an OnBehalfOfCredential for their sign-on token. Held in memory only
 * (never persisted) and bounded in number and age; a credential caches the Graph token it got, so a person's
 * calls in a row cost one exchange. Entries are keyed by a hash of the token, never by the token itself.
 */
export class OnBehalfOfDirectories {
  private readonly entries;
  private readonly now: () => number;

  constructor(private readonly options: OnBehalfOfOptions) {
    this.now = options.now ?? Date.now;
    this.entries = boundedCache<string, Entry>({ max: MAX_ENTRIES, ttlMs: MAX_AGE_MS, now: this.now });
  }

  directoryFor(assertion: string): GraphDirectory {
    return this.entry(assertion).directory;
  }

  /**
   * Checks, before anything is recorded or sent, that `assertion` is `userId`'s and can be exchanged for a Graph
   * token; undefined when it can. A refusal a new sign-in cures is `signInRequired`.
   */
  async verify(assertion: string, userId: string): Promise<DirectoryError | undefined> {
    const claims = unverifiedClaims(assertion);
    const owner = typeof claims?.oid === 'string' ? claims.oid.toLowerCase() : undefined;
    if (owner !== userId.toLowerCase()) return new DirectoryError('signInRequired', 'The sign-on token is not the acting person\'s');
    if ((expiresAtMs(claims) ?? 0) <= this.now()) return new DirectoryError('signInRequired', 'The sign-on token has expired');
    try {
      await this.entry(assertion).credential.getToken(graphScope(this.options.baseUrl));
      return undefined;
    } catch (error) {
      const oauthError = (error as { errorResponse?: { error?: unknown } }).errorResponse?.error;
      const kind = typeof oauthError === 'string' && SIGN_IN_AGAIN.has(oauthError) ? 'signInRequired' : 'authenticationFailed';
      return new DirectoryError(kind, `The on-behalf-of exchange failed (${typeof oauthError === 'string' ? oauthError : 'no OAuth error'})`);
    }
  }

  /** How many people's credentials are held (for tests of the bound). */
  get size(): number {
    return this.entries.size;
  }

  private entry(assertion: string): Entry {
    const key = createHash('sha256').update(assertion).digest('base64url');
    const found = this.entries.get(key);
    if (found) return found;
    const credential = (this.options.createCredential ?? ((token) => createOnBehalfOfCredential(this.options.graph, token)))(assertion);
    const connection = new GraphConnection({
      baseUrl: this.options.baseUrl,
      credential,
      timeoutSeconds: this.options.graph.timeoutSeconds,
      maxRetries: this.options.graph.maxRetries,
    });
    const now = this.now();
    const lifeMs = (expiresAtMs(unverifiedClaims(assertion)) ?? now + MAX_AGE_MS) - now;
    const entry = { directory: new GraphDirectory(connection, { delegated: true }), credential };
    // Kept as long as the token lives (at most MAX_AGE_MS); one already expired serves this call only.
    this.entries.set(key, entry, { ttl: Math.max(1, Math.min(lifeMs, MAX_AGE_MS)) });
    return entry;
  }
}
