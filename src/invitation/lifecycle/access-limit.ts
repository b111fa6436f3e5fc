import { accessDaysFor, decideAccessEnd, MAX_ACCESS_DAYS } from '../access-end';
import { AccessPolicy } from './lifecycle-policy';

export const DAY_MS = 24 * 3_600_000;

export function addDays(at: Date | string, days: number): Date {
  return new Date(new Date(at).getTime() + days * DAY_MS);
}

export function domainOf(address: string): string {
  return address.slice(address.lastIndexOf('@') + 1).toLowerCase();
}

export type AccessExtension = { kind: 'ok'; endsAt: string } | { kind: 'invalidDays' } | { kind: 'tooLong'; maxDays: number };

/**
 * The end of access when a sponsor keeps a guest (or an admin restores one) for `days`: whole days of at least one,
 * within the policy's maximum for the guest's domain, ending like a request's end date (the close of a UTC day).
 */
export function extendedAccess(access: AccessPolicy, address: string, days: number, now: Date): AccessExtension {
  if (!Number.isInteger(days) || days < 1) return { kind: 'invalidDays' };
  const domain = domainOf(address);
  const maxDays = Math.min(accessDaysFor(access, domain).maxDays ?? MAX_ACCESS_DAYS, MAX_ACCESS_DAYS);
  if (days > maxDays) return { kind: 'tooLong', maxDays };
  const end = decideAccessEnd(access, { domain, requested: { days: String(days) } }, now);
  return end.ok && end.endsAt ? { kind: 'ok', endsAt: end.endsAt } : { kind: 'tooLong', maxDays };
}

/** The policy's default end of access for a guest of this address from `now`; none when the policy sets no default. */
export function defaultAccessEnd(access: AccessPolicy, address: string, now: Date): string | undefined {
  const end = decideAccessEnd(access, { domain: domainOf(address) }, now);
  return end.ok ? end.endsAt : undefined;
}
