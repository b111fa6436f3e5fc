import { createHash } from 'node:crypto';
import { TokenCredential } from '@azure/identity';
import { GraphConfig } from '../config';
import { DirectoryError } from '../invitation/directory-error';
import { createOnBehalfOfCredential } from './credential';
import { GraphConnection } from './graph-client';
import { GraphDirectory } from './graph-directory';
import { graphScope } from './graph-hosts';
import { expiresAtMs, unverifiedClaims } from './token-claims';

/** Enough for everyone active at once in a large tenant; the oldest entry goes first. */
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
  expiresAt: number;
}

/**
 * A Graph directory per signed-in person, on an OnBehalfOfCredential for their sign-on token. Held in memory only
 * (never persisted) and bounded in number and age; a credential caches the Graph token it got, so a person's
 * calls in a row cost one exchange. Entries are keyed by a hash of the token, never by the token itself.
 */
export class OnBehalfOfDirectories {
  private readonly entries = new Map<string, Entry>();
  private readonly now: () => number;

  constructor(private readonly options: OnBehalfOfOptions) {
    this.now = options.now ?? Date.now;
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
    const now = this.now();
    const found = this.entries.get(key);
    if (found && found.expiresAt > now) return found;
    this.entries.delete(key);
    this.evict(now);
    const credential = (this.options.createCredential ?? ((token) => createOnBehalfOfCredential(this.options.graph, token)))(assertion);
    const connection = new GraphConnection({
      baseUrl: this.options.baseUrl,
      credential,
      timeoutSeconds: this.options.graph.timeoutSeconds,
      maxRetries: this.options.graph.maxRetries,
    });
    const expiresAt = Math.min(expiresAtMs(unverifiedClaims(assertion)) ?? now + MAX_AGE_MS, now + MAX_AGE_MS);
    const entry = { directory: new GraphDirectory(connection, { delegated: true }), credential, expiresAt };
    this.entries.set(key, entry);
    return entry;
  }

  private evict(now: number): void {
    for (const [key, entry] of this.entries) if (entry.expiresAt <= now) this.entries.delete(key);
    while (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value as string);
  }
}
