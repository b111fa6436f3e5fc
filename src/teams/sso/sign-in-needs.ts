import { BULK_CONFIRM } from '../../cards/bulk-verbs';
import { APPROVE, INVITE_SUBMIT, NEW_LINK, RESEND, RESET, RESET_CONFIRM } from '../../cards/verbs';
import { PendingWork } from './pending-work';

export type DelegatedMode = 'delegated' | 'delegated-app-lookups';

/**
 * Commands and buttons that change the directory: an invitation (or a re-invitation: resend, new link, reset) and
 * the group additions after it. In both delegated modes they carry the person's authority, so the person signs
 * in before they run. Deciding up front matters: an invitation that failed for want of a sign-in would be recorded
 * as a failed request, while asking first keeps the command and runs it once the person has signed in.
 * `invite` asks even when the request then waits for approval (which sends nothing yet): that is known only later.
 */
const CHANGING_COMMANDS = new Set<string>(['invite', 'resend', 'link', 'reset']);
const CHANGING_VERBS = new Set<string>([INVITE_SUBMIT, APPROVE, RESEND, NEW_LINK, RESET, RESET_CONFIRM, BULK_CONFIRM]);

/**
 * The guest lifecycle (my guests, orphans, restore, review answers, extend, remove, assign a sponsor, withdraw) acts
 * with the app's own authority, as its runs do: a sponsor's answer is recorded and carried out by a run with no one
 * signed in, and sponsors and restores are the organisation's, not the person's. So none of it asks for a sign-in;
 * the use cases check who may act.
 */

/** Commands that only read the directory: they need a sign-in where lookups carry the person's authority too. */
const LOOKUP_COMMANDS = new Set<string>(['status', 'pending']);

/**
 * Whether `work` needs the person signed in before it runs. The rest (help, request lists, cancel, reject, the
 * approval card's refresh) asks Graph nothing on the person's behalf: membership checks carry the app's authority.
 */
export function needsSignIn(mode: DelegatedMode, work: PendingWork): boolean {
  switch (work.kind) {
    case 'command':
      return CHANGING_COMMANDS.has(work.command.name) || (mode === 'delegated' && LOOKUP_COMMANDS.has(work.command.name));
    case 'cardAction':
      return CHANGING_VERBS.has(work.verb);
    case 'file':
      // The preview looks up each address (verified domains); a bulk run is confirmed with its own button.
      return mode === 'delegated';
  }
}
