import { DirectoryUser } from './directory-user';

/** A person as the directory names them (a guest's sponsor, for instance). */
export interface DirectoryPerson {
  id: string;
  displayName: string;
  mail: string | null;
}

/** One look at the tenant's pending guests; `complete` is false when there were more than the limit asked for. */
export interface PendingGuestListing {
  guests: DirectoryUser[];
  complete: boolean;
}

/** Users looked up by object id: the ones found, and the ids the directory says do not exist (deleted). */
export interface UsersById {
  found: DirectoryUser[];
  /** Ids the directory answered "not found" for; ids in neither list could not be checked this time. */
  missingIds: string[];
}

/** The directory questions the guest lifecycle asks (status, pending, the redemption watcher). */
export interface GuestDirectoryPort {
  /** Users whose display name starts with `prefix` (case-insensitive), at most `limit`. */
  findUsersByDisplayNamePrefix(prefix: string, limit: number): Promise<DirectoryUser[]>;
  /** Guests anywhere in the tenant whose invitation is still PendingAcceptance, at most `limit`. */
  listPendingGuests(limit: number): Promise<PendingGuestListing>;
  /** Users by object id, in as few round trips as the directory allows. */
  getUsersById(ids: string[]): Promise<UsersById>;
  /** The sponsors Entra records for a guest (the inviter, unless someone named others). */
  listSponsors(userId: string): Promise<DirectoryPerson[]>;
}
