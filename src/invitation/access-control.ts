import { boundedCache } from '../bounded-cache';
import { AccountPort } from './account-port';
import { Clock } from './clock';
import { MembershipPort } from './membership-port';
import { normalizeObjectId, sameObjectId } from './object-id';
import { InvitationPolicy, Principals } from './policy';
import { Requester } from './requester';
import { decidingPrincipals } from './who-decides';

/**
 * What a person's account is: a member of the tenant, a guest (for Teams or for the directory), or an id the
 * directory does not know (deleted, another tenant's, or made up).
 */
export type AccountStanding = 'member' | 'guest' | 'unknown';

/** How long directory answers about a person are trusted, and how many are kept (a large tenant's active people). */
export interface DirectoryAnswerCache {
  seconds: number;
  max: number;
}

export const DEFAULT_DIRECTORY_ANSWER_CACHE: DirectoryAnswerCache = { seconds: 300, max: 10_000 };
/** Approver lists are looked at together; a few lookups at a time keep Graph's throttling away. */
const LOOKUPS_AT_ONCE = 10;

/**
 * Who someone is in the policy's eyes: inviter, approver, admin. Directory answers (the account's type, group
 * membership) are cached briefly, since one turn may ask several questions about the same person.
 */
export class AccessControl {
  private readonly groups;
  private readonly standings;
  /** Lookups under way, so concurrent questions about one person (a bulk run's rows) share one Graph call. */
  private readonly lookups = new Map<string, Promise<AccountStanding>>();

  constructor(
    private readonly policy: InvitationPolicy,
    private readonly membership: MembershipPort,
    /** Asked with the app's own authority: whether someone is a guest is GuestPass's question, not theirs. */
    private readonly accounts: AccountPort,
    private readonly clock: Clock,
    cache: DirectoryAnswerCache = DEFAULT_DIRECTORY_ANSWER_CACHE,
  ) {
    const bounds = { max: cache.max, ttlMs: cache.seconds * 1000, now: () => this.clock.now().getTime() };
    this.groups = boundedCache<string, Set<string>>(bounds);
    this.standings = boundedCache<string, { standing: AccountStanding }>(bounds);
  }

  /**
   * Whether this person may use any privileged action at all (invite, approve, resend, link, reset, administer).
   * Members may; guests and people the directory does not know only when the policy allows guests. Either
   * source saying "guest" is enough: Teams' role for the person, or the directory's `userType`.
   */
  async mayAct(person: Requester): Promise<boolean> {
    if (this.policy.allowGuests) return true;
    return (await this.standingOf(person)) === 'member';
  }

  /**
   * Of these object ids, those whose accounts may act: whom approval cards may go to. An id the directory could
   * not answer for is left out, like any approver lookup that fails.
   */
  async thoseWhoMayAct(ids: string[]): Promise<string[]> {
    if (this.policy.allowGuests) return ids;
    const kept: string[] = [];
    for (let start = 0; start < ids.length; start += LOOKUPS_AT_ONCE) {
      const slice = ids.slice(start, start + LOOKUPS_AT_ONCE);
      const standings = await Promise.all(slice.map((id) => this.standingOf({ id, displayName: id }).catch(() => 'unknown' as const)));
      kept.push(...slice.filter((_, index) => standings[index] === 'member'));
    }
    return kept;
  }

  async standingOf(person: Requester): Promise<AccountStanding> {
    if (person.platformRole === 'guest' || person.platformRole === 'anonymous') return 'guest';
    const id = normalizeObjectId(person.id);
    const hit = this.standings.get(id);
    if (hit) return hit.standing;
    let lookup = this.lookups.get(id);
    if (!lookup) {
      lookup = this.lookUp(id).finally(() => this.lookups.delete(id));
      this.lookups.set(id, lookup);
    }
    return lookup;
  }

  /** A directory failure propagates: refusing on it would pass an outage off as a rule. */
  private async lookUp(id: string): Promise<AccountStanding> {
    const account = await this.accounts.accountOf(id);
    // Entra leaves userType empty on some old member accounts; only an explicit Guest is a guest.
    const standing: AccountStanding = !account ? 'unknown' : account.userType === 'Guest' ? 'guest' : 'member';
    this.standings.set(id, { standing });
    return standing;
  }

  async isAdmin(person: Requester): Promise<boolean> {
    return (await this.mayAct(person)) && this.isIn(person, this.policy.admins);
  }

  async mayInvite(person: Requester): Promise<boolean> {
    if (!(await this.mayAct(person))) return false;
    if (this.policy.inviters === 'everyone') return true;
    if (await this.isIn(person, this.policy.admins)) return true;
    return this.isIn(person, { users: [], groups: this.policy.inviters.groups });
  }

  /** Approvers may decide ordinary requests; requests that are admin-only need an admin. */
  async mayDecide(person: Requester, adminOnly: boolean, includeFallback: boolean): Promise<boolean> {
    if (!(await this.mayAct(person))) return false;
    for (const principals of decidingPrincipals(this.policy, { adminOnly, escalated: includeFallback })) {
      if (await this.isIn(person, principals)) return true;
    }
    return false;
  }

  /** Whether the principals name this person, directly or through a group; says nothing of the account's type. */
  async isIn(person: Requester, principals: Principals): Promise<boolean> {
    if (principals.users.some((entry) => namesPerson(entry, person))) return true;
    if (principals.groups.length === 0) return false;
    const groups = await this.groupsOf(person.id, principals.groups);
    return principals.groups.some((id) => groups.has(normalizeObjectId(id)));
  }

  private async groupsOf(userId: string, candidates: string[]): Promise<Set<string>> {
    const key = `${normalizeObjectId(userId)}|${candidates.map(normalizeObjectId).sort().join(',')}`;
    const hit = this.groups.get(key);
    if (hit) return hit;
    const groups = new Set((await this.membership.memberOf(userId, candidates)).map(normalizeObjectId));
    this.groups.set(key, groups);
    return groups;
  }
}

function namesPerson(entry: string, person: Requester): boolean {
  const value = entry.trim().toLowerCase();
  return sameObjectId(value, person.id) || (!!person.userPrincipalName && value === person.userPrincipalName.trim().toLowerCase());
}
