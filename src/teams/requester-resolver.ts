import { TeamsInfo, TurnContext } from 'botbuilder';
import { Requester } from '../invitation/requester';

const UPN_CACHE_MS = 10 * 60_000;
/** Bounds the cache in a large tenant; the oldest entry goes first. */
const UPN_CACHE_ENTRIES = 10_000;
const OBJECT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const LOCALE = /^[A-Za-z]{2,8}(?:[-_][A-Za-z0-9]{1,8})*$/;

/**
 * Who sent an activity. Teams gives the Entra object id and name on every activity; the user principal name
 * (which a policy may use to name people) needs a roster call, cached per person.
 */
export class RequesterResolver {
  private readonly upns = new Map<string, { upn?: string; at: number }>();

  /** Activities are untrusted input: anything but a well-formed object id means "unknown person". */
  async resolve(context: TurnContext): Promise<Requester | undefined> {
    const { from, locale } = context.activity as { from?: { aadObjectId?: unknown; name?: unknown }; locale?: unknown };
    const id = typeof from?.aadObjectId === 'string' ? from.aadObjectId.trim() : '';
    if (!OBJECT_ID.test(id)) return undefined;
    const name = typeof from?.name === 'string' ? from.name.replace(/[\u0000-\u001f\u007f]/g, ' ').trim().slice(0, 256) : '';
    return {
      id,
      displayName: name || id,
      userPrincipalName: await this.upnOf(context, id),
      locale: typeof locale === 'string' && locale.length <= 35 && LOCALE.test(locale) ? locale : undefined,
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
    if (this.upns.size >= UPN_CACHE_ENTRIES) this.upns.delete(this.upns.keys().next().value as string);
    this.upns.set(aadObjectId, { upn, at: Date.now() });
    return upn;
  }
}
