/** What the directory says about a user, in the domain's words. */

/** Entra's externalUserState; `null` for accounts that were never invited (members, self-service sign-ups). */
export type ExternalUserState = 'PendingAcceptance' | 'Accepted';

export interface DirectoryUser {
  id: string;
  displayName: string;
  userPrincipalName: string;
  mail: string | null;
  /**
   * The user's other email addresses. A redemption reset may only move the guest to an address already in
   * `mail` or here. Optional because not every source reads it; absent means "not known", not "none".
   */
  otherMails?: string[];
  userType: 'Member' | 'Guest' | null;
  externalUserState: ExternalUserState | null;
  externalUserStateChangedAt: Date | null;
  creationType: string | null;
}

/**
 * Graph documents "PendingAcceptance" but Entra's own pages show "Pending Acceptance"; compare without case or
 * spaces so either reads the same. Unknown values are kept out rather than guessed.
 */
export function normalizeExternalUserState(raw: string | null | undefined): ExternalUserState | null {
  const compact = (raw ?? '').replace(/\s+/g, '').toLowerCase();
  if (compact === 'pendingacceptance') return 'PendingAcceptance';
  if (compact === 'accepted') return 'Accepted';
  return null;
}
