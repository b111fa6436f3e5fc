import { AccessToken, GetTokenOptions, TokenCredential } from '@azure/identity';
import { boundedCache } from '../bounded-cache';

/** Renew this long before expiry, so a token never lapses during a request (or its retries). */
const RENEW_BEFORE_MS = 5 * 60_000;
/** A credential asks for one or two scope lists (Graph's, perhaps the token service's); the bound guards a mistake. */
const MAX_SCOPE_LISTS = 20;

/**
 * Keeps the last token per scope list in memory until shortly before it expires. The Graph client asks for a
 * token on every request, and even a cache hit inside MSAL costs noticeably per call; tokens are never persisted.
 */
export class CachedTokenCredential implements TokenCredential {
  private readonly tokens = boundedCache<string, Promise<AccessToken | null>>({ max: MAX_SCOPE_LISTS });

  constructor(
    private readonly inner: TokenCredential,
    private readonly now: () => number = Date.now,
  ) {}

  async getToken(scopes: string | string[], options?: GetTokenOptions): Promise<AccessToken | null> {
    const key = ([] as string[]).concat(scopes).join(' ');
    const cached = this.tokens.get(key);
    if (cached) {
      const token = await cached.catch(() => null);
      if (token && token.expiresOnTimestamp - RENEW_BEFORE_MS > this.now()) return token;
    }
    const fresh = this.inner.getToken(scopes, options);
    this.tokens.set(key, fresh);
    fresh.catch(() => this.tokens.delete(key));
    return fresh;
  }
}
