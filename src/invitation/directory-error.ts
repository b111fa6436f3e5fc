/**
 * Why a directory operation failed, in terms a requester can act on. Gateways translate their transport's
 * errors into these kinds; the domain and the transports never look at the gateway's own error shapes.
 */
export type DirectoryErrorKind =
  /** The app (or the signed-in user) lacks the Graph permission or directory role for this operation. */
  | 'insufficientPrivileges'
  /** Entra refused the invitation: the tenant's external collaboration settings block it (invitations disabled, domain on the deny list or off the allow list, cross-tenant access settings). */
  | 'blockedByTenantPolicy'
  /** Entra did not accept the request as made (for example an address it considers invalid). */
  | 'rejected'
  /** Graph kept answering 429 after the retries allowed. */
  | 'throttled'
  /** Graph could not be reached, timed out, or answered with a server error. */
  | 'unavailable'
  /** The credential could not obtain a token (wrong secret, expired certificate, unknown tenant). */
  | 'authenticationFailed'
  /**
   * The person acting may not invite: Entra refused an invitation sent with their own (delegated) authorization,
   * because the tenant's guest invite settings or their directory roles do not let them.
   */
  | 'inviterNotAllowed'
  /** The operation must run with the acting person's authorization, and they have not signed in (or must again). */
  | 'signInRequired'
  | 'notFound'
  | 'alreadyExists'
  | 'unknown';

export class DirectoryError extends Error {
  constructor(
    readonly kind: DirectoryErrorKind,
    message: string,
    /** Graph's request-id, for the administrator's support ticket. */
    readonly requestId?: string,
    readonly retryable: boolean = kind === 'throttled' || kind === 'unavailable',
    /** How long the directory asked to be left alone before the next try (Graph's Retry-After), when it said. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'DirectoryError';
  }
}
