/** The person asking GuestPass to do something, as the transport identified them. */
export interface Requester {
  /** Entra object id of the person (Teams `from.aadObjectId`). */
  id: string;
  displayName: string;
  userPrincipalName?: string;
  /** BCP 47 tag of the requester's client, e.g. `tr-TR`. */
  locale?: string;
}
