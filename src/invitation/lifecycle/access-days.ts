import { domainMatches } from '../policy';
import { AccessDays, AccessPolicy } from './lifecycle-policy';

/** The access days that apply to an address: the first domain entry whose pattern matches, over the defaults. */
export function accessDaysFor(access: AccessPolicy, address: string): AccessDays {
  const domain = address.slice(address.lastIndexOf('@') + 1);
  const entry = access.domains.find((candidate) => domainMatches(candidate.pattern, domain));
  return {
    defaultDays: entry?.defaultDays ?? access.defaultDays,
    maxDays: entry?.maxDays ?? access.maxDays,
  };
}
