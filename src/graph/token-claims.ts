/**
 * The payload of a JWT, read WITHOUT checking its signature. Good only for housekeeping on a token GuestPass
 * already holds for a person (whose it is, until when): Entra verifies the token itself when it is exchanged
 * on-behalf-of them, so nothing is granted on the strength of these claims alone.
 */
export function unverifiedClaims(token: string): Record<string, unknown> | undefined {
  const payload = token.split('.')[1];
  if (!payload) return undefined;
  try {
    const claims: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    return typeof claims === 'object' && claims !== null && !Array.isArray(claims) ? (claims as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** When the token expires, in milliseconds since the epoch; undefined when it does not say. */
export function expiresAtMs(claims: Record<string, unknown> | undefined): number | undefined {
  return typeof claims?.exp === 'number' ? claims.exp * 1000 : undefined;
}
