import { InvitationContext } from '../../../src/invitation/invitation-context';
import { Requester } from '../../../src/invitation/requester';

/** Step 1 of CONTRIBUTING.md's "adding a command", the domain use case (src/invitation/remaining-quota.ts): no SDK, the context's ports only. */
export async function remainingQuota(ctx: Pick<InvitationContext, 'policy'>, _requester: Requester): Promise<{ left: number }> {
  return { left: ctx.policy.dailyQuotaPerRequester };
}
