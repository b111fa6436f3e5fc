/**
 * The directory operations the guest lifecycle needs, in the domain's words; `src/graph` implements them (GET, PATCH
 * and DELETE on /users, sponsors, signInActivity), each call paced and batched where Graph allows it.
 */
export interface GuestAccount {
  id: string;
  displayName: string;
  mail: string | null;
  userPrincipalName: string;
  /** Only `Guest` accounts are ever disabled or deleted. */
  userType: 'Member' | 'Guest' | null;
  accountEnabled: boolean;
  externalUserState: 'PendingAcceptance' | 'Accepted' | null;
  createdAt: string | null;
}

/**
 * Last sign-ins by user id, or why they cannot be read: `forbidden` when the app lacks AuditLog.Read.All or the
 * tenant has no Entra ID P1 licence (Graph answers 403 for `signInActivity`). A user absent from `at` never signed in.
 */
export type LastSignIns = { available: true; at: Map<string, string> } | { available: false; why: 'forbidden' };

export interface GuestAccountPort {
  /** Accounts by object id; ids the directory does not know are in `missingIds`, ids in neither could not be read. */
  getAccounts(ids: string[]): Promise<{ found: GuestAccount[]; missingIds: string[] }>;
  lastSignIns(ids: string[]): Promise<LastSignIns>;
  /** Every guest of the tenant (`userType eq 'Guest'`), for the `allGuests` scope; at most `limit`. */
  listGuests(limit: number): Promise<{ guests: GuestAccount[]; complete: boolean }>;
  /** Sponsor object ids of a guest (users only). */
  sponsorIdsOf(userId: string): Promise<string[]>;
  /**
   * Sponsor object ids (users only) of many guests, read together; a guest whose sponsors could not be read for a
   * passing reason (throttled, gone) is left out, so the caller falls back to what its record says.
   */
  sponsorIdsOfMany(userIds: string[]): Promise<Map<string, string[]>>;
  addSponsor(userId: string, sponsorId: string): Promise<void>;
  /** `PATCH /users/{id}` with `accountEnabled`. */
  setAccountEnabled(userId: string, enabled: boolean): Promise<void>;
  /** `DELETE /users/{id}`; resolves when already gone. */
  deleteAccount(userId: string): Promise<void>;
}
