import { AccessPolicy, DEFAULT_ACCESS_POLICY, DEFAULT_LIFECYCLE_POLICY, LifecyclePolicy } from './lifecycle/lifecycle-policy';
import { ResendLimits } from './resend-limit';

/**
 * The organisation's rules for guest invitations (loaded from the policy file). With no file, `DEFAULT_POLICY`
 * applies: everyone may invite any domain without approval, nobody is an admin.
 */
export interface Principals {
  /** Entra object ids or user principal names. */
  users: string[];
  /** Entra group object ids (membership is transitive). */
  groups: string[];
}

export type DomainRule =
  | { mode: 'any' }
  /** Only these domains; `*.example.com` matches every subdomain of example.com (not example.com itself). */
  | { mode: 'allow'; domains: string[] }
  | { mode: 'block'; domains: string[] };

export type ApprovalRule = 'never' | 'always' | 'untrustedDomains';

/** Where approval cards go: a Teams channel and/or each approver in a personal chat. */
export interface ApprovalDelivery {
  channel?: { teamId: string; channelId: string; serviceUrl: string };
  personal: boolean;
}

export interface InvitationPolicy {
  /** Who may invite: `everyone` in the tenant, or members of these groups (admins always may). */
  inviters: 'everyone' | { groups: string[] };
  /**
   * Whether guest accounts (and people the directory does not know) may invite, approve or administer at all,
   * whatever group or list names them. Off by default: a guest brought in for one project should not bring in
   * others.
   */
  allowGuests: boolean;
  domains: DomainRule;
  approval: {
    rule: ApprovalRule;
    /** With `untrustedDomains`: invitations to these domains need no approval. */
    trustedDomains: string[];
  };
  approvers: Principals;
  delivery: ApprovalDelivery;
  /** Asked when nobody decided within `afterMinutes`. */
  fallbackApprovers?: Principals & { afterMinutes: number };
  admins: Principals;
  redirectUrls: {
    /** Allowed redirect URLs (exact origin + path prefix); empty means any https URL. */
    allowed: string[];
    default?: string;
  };
  defaultMessageLanguage?: string;
  requestExpiryHours: number;
  /** Invitation requests a person may make per UTC day; admins are not limited. */
  dailyQuotaPerRequester: number;
  /** How often invitation emails may be sent again; see resend-limit.ts. */
  resend: ResendLimits;
  /** Groups and teams a request may add the guest to (ids with a label people recognise). */
  offeredGroups: { id: string; displayName: string; kind: 'group' | 'team' }[];
  /** How long guest access lasts (per domain pattern). */
  access: AccessPolicy;
  /** Reviews, reminders and cleanup after the invitation. */
  lifecycle: LifecyclePolicy;
}

export const DEFAULT_POLICY: InvitationPolicy = {
  inviters: 'everyone',
  allowGuests: false,
  domains: { mode: 'any' },
  approval: { rule: 'never', trustedDomains: [] },
  approvers: { users: [], groups: [] },
  delivery: { personal: true },
  admins: { users: [], groups: [] },
  redirectUrls: { allowed: [] },
  requestExpiryHours: 72,
  dailyQuotaPerRequester: 50,
  resend: { perGuestMinutes: 60, perRequesterPerHour: 20 },
  offeredGroups: [],
  access: DEFAULT_ACCESS_POLICY,
  lifecycle: DEFAULT_LIFECYCLE_POLICY,
};

/** `example.com` matches only itself; `*.example.com` matches any subdomain of it at any depth. */
export function domainMatches(pattern: string, domain: string): boolean {
  const p = pattern.trim().toLowerCase();
  const d = domain.trim().toLowerCase();
  if (p.startsWith('*.')) return d.endsWith(p.slice(1)) && d.length > p.length - 1;
  return p === d;
}

export function domainAllowed(rule: DomainRule, domain: string): boolean {
  switch (rule.mode) {
    case 'any':
      return true;
    case 'allow':
      return rule.domains.some((pattern) => domainMatches(pattern, domain));
    case 'block':
      return !rule.domains.some((pattern) => domainMatches(pattern, domain));
  }
}

/** A redirect URL is allowed when it starts with an allowed URL on a path boundary (same origin). */
export function redirectUrlAllowed(allowed: string[], candidate: string): boolean {
  if (allowed.length === 0) return true;
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return false;
  }
  return allowed.some((entry) => {
    const base = new URL(entry);
    if (base.origin !== url.origin) return false;
    const basePath = base.pathname.endsWith('/') ? base.pathname : `${base.pathname}/`;
    return url.pathname === base.pathname || url.pathname.startsWith(basePath) || base.pathname === '/';
  });
}
