/**
 * An email address Microsoft Entra ID accepts for a B2B invitation.
 *
 * Entra refuses `~ ! # $ % ^ & * ( ) + = [ ] { } \ / | ; : " < > ? ,` in the address and a `.` or `-` at either
 * end of the local part; plus-addressing is not supported. An apostrophe is allowed (o'brien@…), which is why
 * every directory query escapes it.
 */
export interface EmailAddress {
  /** The address as typed, with the domain lower-cased. */
  readonly value: string;
  readonly localPart: string;
  /** Lower-cased domain. */
  readonly domain: string;
}

const FORBIDDEN_LOCAL_CHARACTERS = /[~!#$%^&*()+=[\]{}\\/|;:"<>?,\s@]/;
const DOMAIN_LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;
const TOP_LEVEL_DOMAIN = /^(?:[a-z]{2,63}|xn--[a-z0-9-]{2,59})$/;
const MAX_ADDRESS_LENGTH = 254;
const MAX_LOCAL_PART_LENGTH = 64;

export function parseEmailAddress(raw: string): EmailAddress | undefined {
  const text = raw.trim();
  if (text.length === 0 || text.length > MAX_ADDRESS_LENGTH) return undefined;
  const at = text.lastIndexOf('@');
  if (at <= 0 || at !== text.indexOf('@')) return undefined;
  const localPart = text.slice(0, at);
  const domain = text.slice(at + 1).toLowerCase();
  if (!isValidLocalPart(localPart) || !isValidDomain(domain)) return undefined;
  return { value: `${localPart}@${domain}`, localPart, domain };
}

/** Entra treats addresses without regard to case: two addresses with the same key are one person. */
export function addressKey(address: string): string {
  return address.toLowerCase();
}

export function sameAddress(a: string, b: string): boolean {
  return addressKey(a) === addressKey(b);
}

function isValidLocalPart(localPart: string): boolean {
  if (localPart.length > MAX_LOCAL_PART_LENGTH) return false;
  if (FORBIDDEN_LOCAL_CHARACTERS.test(localPart)) return false;
  if (/^[.-]|[.-]$/.test(localPart) || localPart.includes('..')) return false;
  // Control characters and anything outside printable ASCII would not survive the invitation email.
  return /^[\x21-\x7e]+$/.test(localPart);
}

function isValidDomain(domain: string): boolean {
  const labels = domain.split('.');
  if (labels.length < 2) return false;
  if (!labels.every((label) => DOMAIN_LABEL.test(label))) return false;
  return TOP_LEVEL_DOMAIN.test(labels[labels.length - 1] as string);
}
