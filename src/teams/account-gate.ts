import { CANCEL, REFRESH_APPROVAL } from '../cards/verbs';
import { AccessControl } from '../invitation/access-control';
import { DirectoryError } from '../invitation/directory-error';
import { CommandName } from './handlers/handler';
import { describeDirectoryError } from '../i18n/labels';
import { PendingWork } from './sso/pending-work';
import { Turn } from './turn';

/**
 * What anyone who can chat with the bot may use, guests included: help, their own requests (and withdrawing one),
 * and an approval card's read-only view. Everything else invites, decides, or reads the tenant's guests (status
 * and pending list people, addresses and sponsors, which Entra's default guest restrictions hide from guests).
 */
const OPEN_COMMANDS: ReadonlySet<CommandName> = new Set<CommandName>(['help', 'usageError', 'unknown', 'myRequests', 'cancel']);
const OPEN_VERBS: ReadonlySet<string> = new Set([REFRESH_APPROVAL, CANCEL]);

function isOpen(work: PendingWork): boolean {
  if (work.kind === 'command') return OPEN_COMMANDS.has(work.command.name);
  if (work.kind === 'cardAction') return OPEN_VERBS.has(work.verb);
  return false;
}

/**
 * Why this person may not do this, in their language; undefined when they may go on. Asked where the work runs
 * (after the sign-in, in the delegated modes, so nothing reaches Graph before it). The use cases refuse again on
 * their own: the command line reaches them without this gate.
 */
export async function accountRefusal(turn: Turn, access: AccessControl, work: PendingWork): Promise<string | undefined> {
  if (isOpen(work)) return undefined;
  try {
    if (await access.mayAct(turn.requester)) return undefined;
    return turn.t(`accountRefused.${await access.standingOf(turn.requester)}`);
  } catch (error) {
    if (error instanceof DirectoryError) return describeDirectoryError(turn.t, error);
    throw error;
  }
}
