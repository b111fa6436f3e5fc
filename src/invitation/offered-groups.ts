import { InvitationPolicy } from './policy';

export type OfferedGroup = InvitationPolicy['offeredGroups'][number];

export type GroupResolution = { ok: true; groupIds: string[] } | { ok: false; unknown: string[] };

/**
 * Turns what a person typed (`--group "Project Falcon"` or an id) into offered group ids. Only groups the policy
 * offers can be named: a guest must not land in an arbitrary group because someone typed its id.
 */
export function resolveOfferedGroups(policy: InvitationPolicy, references: string[]): GroupResolution {
  const ids: string[] = [];
  const unknown: string[] = [];
  for (const reference of references) {
    const wanted = reference.trim().toLowerCase();
    const group = policy.offeredGroups.find(
      (offered) => offered.id.toLowerCase() === wanted || offered.displayName.trim().toLowerCase() === wanted,
    );
    if (group) {
      if (!ids.includes(group.id)) ids.push(group.id);
    } else {
      unknown.push(reference);
    }
  }
  return unknown.length > 0 ? { ok: false, unknown } : { ok: true, groupIds: ids };
}

/** Group ids among `groupIds` the policy does not offer. */
export function groupsNotOffered(policy: InvitationPolicy, groupIds: string[]): string[] {
  return groupIds.filter((id) => !policy.offeredGroups.some((offered) => offered.id === id));
}
