import { AccessControl } from '../invitation/access-control';
import { DirectoryError } from '../invitation/directory-error';
import { CommandRegistry, REGISTRY } from './handlers/registry';
import { describeDirectoryError } from '../i18n/labels';
import { PendingWork } from './sso/pending-work';
import { Turn } from './turn';

/**
 * What anyone who can chat with the bot may use, guests included, as each command and button declares it
 * (`audience`): help, their own requests (and withdrawing one), an approval card's read-only view. Everything else
 * invites, decides, or reads the tenant's guests (status and pending list people, addresses and sponsors, which
 * Entra's default guest restrictions hide from guests). A file is a bulk invitation.
 */
function isOpen(work: PendingWork, registry: CommandRegistry): boolean {
  if (work.kind === 'command') return registry.commands.get(work.command.name)?.audience === 'anyone';
  if (work.kind === 'cardAction') return registry.cardActions.get(work.verb)?.audience === 'anyone';
  return false;
}

/**
 * Why this person may not do this, in their language; undefined when they may go on. Asked where the work runs
 * (after the sign-in, in the delegated modes, so nothing reaches Graph before it). The use cases refuse again on
 * their own: the command line reaches them without this gate.
 */
export async function accountRefusal(turn: Turn, access: AccessControl, work: PendingWork, registry: CommandRegistry = REGISTRY): Promise<string | undefined> {
  if (isOpen(work, registry)) return undefined;
  try {
    return await standingRefusal(turn, access);
  } catch (error) {
    if (error instanceof DirectoryError) return describeDirectoryError(turn.t, error);
    throw error;
  }
}

/**
 * Why this person's account may use only what is open to anyone, for `help` to say beside the shorter list;
 * undefined when it may act, or when the directory cannot tell now (help then lists everything: the gate still
 * refuses what it must).
 */
export async function accountNotice(turn: Turn, access: AccessControl): Promise<string | undefined> {
  try {
    return await standingRefusal(turn, access);
  } catch (error) {
    if (error instanceof DirectoryError) return undefined;
    throw error;
  }
}

async function standingRefusal(turn: Turn, access: AccessControl): Promise<string | undefined> {
  if (await access.mayAct(turn.requester)) return undefined;
  return turn.t(`accountRefused.${await access.standingOf(turn.requester)}`);
}
