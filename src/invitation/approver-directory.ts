import { boundedCache } from '../bounded-cache';
import { AccessControl, DEFAULT_DIRECTORY_ANSWER_CACHE, DirectoryAnswerCache } from './access-control';
import { Clock } from './clock';
import { DirectoryPort } from './directory-port';
import { InvitationRequest } from './invitation-request';
import { MembershipPort } from './membership-port';
import { ApprovalAudience } from './notifier-port';
import { normalizeObjectId } from './object-id';
import { InvitationPolicy, Principals } from './policy';
import { decidingPrincipals, decisionScopeOf } from './who-decides';

const OBJECT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** More people than this in approver groups is a policy to fix, not a list to page through on every card. */
export const MAX_APPROVERS = 200;

/**
 * The people behind the policy's approvers, admins and fallback approvers, as Entra object ids: the policy may
 * name people by user principal name and by group, while a personal chat or a card's user-specific view needs
 * each person's id. Answers are cached briefly; a lookup that fails leaves that entry out (best effort: the cards
 * still go to everyone else, and the approvers' channel is unaffected).
 */
export class ApproverDirectory {
  private readonly cache;

  constructor(
    private readonly policy: InvitationPolicy,
    private readonly directory: Pick<DirectoryPort, 'findUsersByEmail'>,
    private readonly membership: Pick<MembershipPort, 'membersOf'>,
    private readonly clock: Clock,
    /** Leaves out people whose accounts may not act (guests, unless the policy allows them): they get no card. */
    private readonly access?: Pick<AccessControl, 'thoseWhoMayAct'>,
    cache: DirectoryAnswerCache = DEFAULT_DIRECTORY_ANSWER_CACHE,
  ) {
    this.cache = boundedCache<string, string[]>({ max: cache.max, ttlMs: cache.seconds * 1000, now: () => this.clock.now().getTime() });
  }

  /**
   * Whom to send the approval card to, never the requester: the approvers (admins for admin-only requests), the
   * fallback approvers, or the admins.
   */
  recipients(request: InvitationRequest, audience: ApprovalAudience): Promise<string[]> {
    const principals =
      audience === 'fallbackApprovers'
        ? this.policy.fallbackApprovers
        : audience === 'admins' || request.approval?.adminOnly
          ? this.policy.admins
          : this.policy.approvers;
    return this.withoutRequester(request, principals ? [principals] : []);
  }

  /** Everyone who may decide `request` now: what the card's user-specific view (`refresh.userIds`) lists. */
  deciders(request: InvitationRequest): Promise<string[]> {
    return this.withoutRequester(request, decidingPrincipals(this.policy, decisionScopeOf(request)));
  }

  /** The people of one of the policy's audiences, as object ids: whom a guest's review goes to without sponsors. */
  async people(audience: 'fallbackApprovers' | 'admins'): Promise<string[]> {
    const principals = audience === 'fallbackApprovers' ? this.policy.fallbackApprovers : this.policy.admins;
    if (!principals) return [];
    const people = [...new Set((await this.idsOf(principals)).map(normalizeObjectId))].slice(0, MAX_APPROVERS);
    return this.access ? this.access.thoseWhoMayAct(people) : people;
  }

  private async withoutRequester(request: InvitationRequest, sets: Principals[]): Promise<string[]> {
    const ids = new Set<string>();
    for (const principals of sets) for (const id of await this.idsOf(principals)) ids.add(normalizeObjectId(id));
    ids.delete(normalizeObjectId(request.requester.id));
    const people = [...ids].slice(0, MAX_APPROVERS);
    return this.access ? this.access.thoseWhoMayAct(people) : people;
  }

  private async idsOf(principals: Principals): Promise<string[]> {
    const ids: string[] = [];
    for (const user of principals.users) ids.push(...(OBJECT_ID.test(user) ? [user] : await this.cached(`upn:${user}`, () => this.idOfPrincipalName(user))));
    for (const group of principals.groups) ids.push(...(await this.cached(`group:${group}`, () => this.membership.membersOf(group, MAX_APPROVERS))));
    return ids;
  }

  private async idOfPrincipalName(principalName: string): Promise<string[]> {
    const users = await this.directory.findUsersByEmail(principalName);
    return users.filter((user) => user.userPrincipalName.toLowerCase() === principalName.toLowerCase()).map((user) => user.id);
  }

  private async cached(key: string, load: () => Promise<string[]>): Promise<string[]> {
    const hit = this.cache.get(key.toLowerCase());
    if (hit) return hit;
    try {
      const ids = await load();
      this.cache.set(key.toLowerCase(), ids);
      return ids;
    } catch {
      return [];
    }
  }
}
