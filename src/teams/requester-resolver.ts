import { TeamsInfo, TurnContext } from 'botbuilder';
import { Requester } from '../invitation/requester';

const UPN_CACHE_MS = 10 * 60_000;

/**
 * Who sent an activity. Teams gives the Entra object id and name on every activity; the user principal name
 * (which a policy may use to name people) needs a roster call, cached per person.
 */
export class RequesterResolver {
  private readonly upns = new Map<string, { upn?: string; at: number }>();

  async resolve(context: TurnContext): Promise<Requester | undefined> {
    const { from, locale } = context.activity;
    const id = from?.aadObjectId?.trim();
    if (!id) return undefined;
    return {
      id,
      displayName: (from.name ?? '').slice(0, 256) || id,
      userPrincipalName: await this.upnOf(context, id),
      locale: typeof locale === 'string' ? locale.slice(0, 35) : undefined,
    };
  }

  private async upnOf(context: TurnContext, aadObjectId: string): Promise<string | undefined> {
    const cached = this.upns.get(aadObjectId);
    if (cached && Date.now() - cached.at < UPN_CACHE_MS) return cached.upn;
    let upn: string | undefined;
    try {
      const member = await TeamsInfo.getMember(context, context.activity.from.id);
      upn = member.userPrincipalName ?? member.email ?? undefined;
    } catch {
      // Not fatal: the policy can name people by object id, which Teams always sends.
      upn = undefined;
    }
    this.upns.set(aadObjectId, { upn, at: Date.now() });
    return upn;
  }
}
