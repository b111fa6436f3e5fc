import { InvitationOutcomeSummary, SETTLED_OUTCOMES } from '../invitation/bulk-outcome';
import { EXIT, ExitCode, exitForDirectoryError } from './exit-codes';

/** A single invitation's exit code: settled is 0, bad input 1, refused 2, a failure 2 or 3 by its cause. */
export function exitForOutcome(summary: InvitationOutcomeSummary): ExitCode {
  if (SETTLED_OUTCOMES.includes(summary.kind)) return EXIT.ok;
  if (summary.kind === 'invalid') return EXIT.usage;
  if (summary.kind === 'failed' && summary.error) return exitForDirectoryError(summary.error.kind);
  return EXIT.notDone;
}
