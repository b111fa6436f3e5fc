import { Clock } from './clock';
import { MembershipPort } from './membership-port';
import { InvitationPolicy, Principals } from './policy';
import { Requester } from './requester';

/**
 * Who someone is in the policy's eyes: inviter, approver, admin. Group answers come from the directory and are
 * cached briefly, since one turn may ask several questions about the same person.
 */
export class AccessControl {
  private readonly cache = new Map<string, { groups: Set<string>; at: number }>();

  constructor(
    private readonly policy: InvitationPolicy,
    private readonly membership: MembershipPort,
    private readonly clock: Clock,
    private readonly cacheSeconds = 300,
  ) {}

  isAdmin(person: Requester): Promise<boolean> {
    return this.isIn(person, this.policy.admins);
  }

  async mayInvite(person: Requester): Promise<boolean> {
    if (this.policy.inviters === 'everyone') return true;
    if (await this.isAdmin(person)) return true;
    return this.isIn(person, { users: [], groups: this.policy.inviters.groups });
  }

  /** Approvers may decide ordinary requests; requests that are admin-only need an admin. */
  async mayDecide(person: Requester, adminOnly: boolean, includeFallback: boolean): Promise<boolean> {
    if (await this.isAdmin(person)) return true;
    if (adminOnly) return false;
    if (await this.isIn(person, this.policy.approvers)) return true;
    const fallback = this.policy.fallbackApprovers;
    return includeFallback && fallback !== undefined && this.isIn(person, fallback);
  }

  async isIn(person: Requester, principals: Principals): Promise<boolean> {
    if (principals.users.some((entry) => namesPerson(entry, person))) return true;
    if (principals.groups.length === 0) return false;
    const groups = await this.groupsOf(person.id, principals.groups);
    return principals.groups.some((id) => groups.has(id.toLowerCase()));
  }

  private async groupsOf(userId: string, candidates: string[]): Promise<Set<string>> {
    const key = `${userId}|${[...candidates].sort().join(',')}`;
    const now = this.clock.now().getTime();
    const hit = this.cache.get(key);
    if (hit && now - hit.at < this.cacheSeconds * 1000) return hit.groups;
    const groups = new Set((await this.membership.memberOf(userId, candidates)).map((id) => id.toLowerCase()));
    this.cache.set(key, { groups, at: now });
    return groups;
  }
}

function namesPerson(entry: string, person: Requester): boolean {
  const value = entry.trim().toLowerCase();
  return value === person.id.toLowerCase() || (!!person.userPrincipalName && value === person.userPrincipalName.toLowerCase());
}
