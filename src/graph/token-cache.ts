import { AccessToken, GetTokenOptions, TokenCredential } from '@azure/identity';

/** Renew this long before expiry, so a token never lapses during a request (or its retries). */
const RENEW_BEFORE_MS = 5 * 60_000;

/**
 * Keeps the last token per scope list in memory until shortly before it expires. The Graph client asks for a
 * token on every request, and even a cache hit inside MSAL costs noticeably per call; tokens are never persisted.
 */
export class CachedTokenCredential implements TokenCredential {
  private readonly tokens = new Map<string, Promise<AccessToken | null>>();

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
