import { TeamsInfo, TurnContext } from 'botbuilder';
import { normalizeObjectId } from '../invitation/object-id';
import { PlatformRole, Requester } from '../invitation/requester';
import { boundedCache } from '../bounded-cache';

const MEMBER_CACHE_MS = 10 * 60_000;
/** Bounds the cache in a large tenant; the least recently used entry goes first. */
const MEMBER_CACHE_ENTRIES = 10_000;
const OBJECT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const LOCALE = /^[A-Za-z]{2,8}(?:[-_][A-Za-z0-9]{1,8})*$/;

/** What the roster says about a person: the user principal name and Teams' role for them. */
interface RosterEntry {
  upn?: string;
  role?: PlatformRole;
}

/**
 * Who sent an activity. Teams gives the Entra object id and name on every activity, and often the person's role
 * (`from.userRole`; not in every kind of conversation); the user principal name (which a policy may use to name
 * people) and the role, reliably, come from a roster call, cached per person.
 */
export class RequesterResolver {
  private readonly roster = boundedCache<string, RosterEntry>({ max: MEMBER_CACHE_ENTRIES, ttlMs: MEMBER_CACHE_MS });

  /** Activities are untrusted input: anything but a well-formed object id means "unknown person". */
  async resolve(context: TurnContext): Promise<Requester | undefined> {
    const { from, locale } = context.activity as { from?: { aadObjectId?: unknown; name?: unknown; userRole?: unknown }; locale?: unknown };
    const raw = typeof from?.aadObjectId === 'string' ? from.aadObjectId.trim() : '';
    if (!OBJECT_ID.test(raw)) return undefined;
    // One spelling from here on, so stored requests and lookups by requester agree with Graph's lower case.
    const id = normalizeObjectId(raw);
    const name = typeof from?.name === 'string' ? from.name.replace(/[\u0000-\u001f\u007f]/g, ' ').trim().slice(0, 256) : '';
    const entry = await this.rosterEntryOf(context, id);
    return {
      id,
      displayName: name || id,
      userPrincipalName: entry.upn,
      platformRole: narrowest(platformRole(from?.userRole), entry.role),
      locale: typeof locale === 'string' && locale.length <= 35 && LOCALE.test(locale) ? locale : undefined,
    };
  }

  private async rosterEntryOf(context: TurnContext, aadObjectId: string): Promise<RosterEntry> {
    const cached = this.roster.get(aadObjectId);
    if (cached) return cached;
    let entry: RosterEntry;
    try {
      const member = await TeamsInfo.getMember(context, context.activity.from.id);
      entry = { upn: member.userPrincipalName ?? member.email ?? undefined, role: platformRole(member.userRole) };
    } catch {
      // Not fatal: the policy can name people by object id, which Teams always sends, and the directory says
      // whether they are a guest.
      entry = {};
    }
    this.roster.set(aadObjectId, entry);
    return entry;
  }
}

function platformRole(value: unknown): PlatformRole | undefined {
  const role = typeof value === 'string' ? value.trim().toLowerCase() : '';
  return role === 'user' || role === 'guest' || role === 'anonymous' ? role : undefined;
}

/** Two accounts of the same person: whichever says less trust wins. */
function narrowest(a: PlatformRole | undefined, b: PlatformRole | undefined): PlatformRole | undefined {
  for (const role of ['anonymous', 'guest', 'user'] as const) if (a === role || b === role) return role;
  return undefined;
}
