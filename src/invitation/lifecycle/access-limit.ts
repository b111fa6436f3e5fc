import { domainMatches } from '../policy';
import { AccessDays, AccessPolicy } from './lifecycle-policy';

export const DAY_MS = 24 * 3_600_000;

/**
 * The access days that apply to an address: the first domain entry whose pattern matches, over the policy's
 * defaults (each of `defaultDays` and `maxDays` separately, so an entry may set one and inherit the other).
 */
export function accessDaysFor(access: AccessPolicy, address: string): AccessDays {
  const domain = address.slice(address.lastIndexOf('@') + 1).toLowerCase();
  const entry = access.domains.find((candidate) => domainMatches(candidate.pattern, domain));
  return {
    defaultDays: entry?.defaultDays ?? access.defaultDays,
    maxDays: entry?.maxDays ?? access.maxDays,
  };
}

export function addDays(at: Date | string, days: number): Date {
  return new Date(new Date(at).getTime() + days * DAY_MS);
}
