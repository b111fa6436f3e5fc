/**
 * The address rules POST /invitations enforces on invitedUserEmailAddress, as documented for
 * the invitation resource: none of ~ ! # $ % ^ & * ( ) + = [ ] { } \ / | ; : " < > ? , and no
 * `.` or `-` at the start or end of the local part (`_` is fine anywhere). Plus-addressing is
 * therefore rejected, as Entra documents.
 */
const FORBIDDEN_CHARACTERS = new Set('~!#$%^&*()+=[]{}\\/|;:"<>?,'.split(''));
const DOMAIN_LABEL = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/i;

export type AddressProblem = 'format' | 'forbidden-character' | 'local-part-edge';

/** Why the address would be refused, or null when Graph would accept it. */
export function invitationAddressProblem(address: string): AddressProblem | null {
  const at = address.indexOf('@');
  if (at <= 0 || at !== address.lastIndexOf('@') || /\s/.test(address)) return 'format';
  const local = address.slice(0, at);
  const domain = address.slice(at + 1);
  const labels = domain.split('.');
  if (labels.length < 2 || !labels.every((label) => DOMAIN_LABEL.test(label))) return 'format';
  if ([...address].some((char) => FORBIDDEN_CHARACTERS.has(char))) return 'forbidden-character';
  if (/^[.-]|[.-]$/.test(local)) return 'local-part-edge';
  return null;
}

/** The domain part of an address already known to be valid, lower-cased. */
export function domainOf(address: string): string {
  return address.slice(address.lastIndexOf('@') + 1).toLowerCase();
}
