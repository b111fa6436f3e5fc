// The OData `$filter`s of the user queries (GraphUsers), kept apart so they can be built without a Graph client.
import { odataString } from './odata';

/** `externalUserState eq` is supported by default (no advanced query). */
export const PENDING_FILTER = "externalUserState eq 'PendingAcceptance'";

/** `startswith` on displayName is supported by default; the text is an escaped OData literal like every value. */
export function displayNamePrefixFilter(prefix: string): string {
  return `startswith(displayName,${odataString(prefix)})`;
}

/**
 * One request finds a user by any address Entra keeps: the UPN (members), the `local_domain#EXT#@…` UPN of a
 * guest, mail, proxyAddresses and otherMails. All clauses are supported by default (no advanced query needed).
 */
export function existingUserFilter(email: string): string {
  const guestUpnPrefix = `${email.replace('@', '_')}#EXT#@`;
  return [
    `userPrincipalName eq ${odataString(email)}`,
    `startswith(userPrincipalName,${odataString(guestUpnPrefix)})`,
    `mail eq ${odataString(email)}`,
    `proxyAddresses/any(x:x eq ${odataString(`SMTP:${email}`)})`,
    `otherMails/any(x:x eq ${odataString(email)})`,
  ].join(' or ');
}
