import { OutcomeCounts, ResultEntry } from '../bulk/result-entries';
import { SETTLED_OUTCOMES } from '../invitation/bulk-outcome';
import { BulkRunReport } from '../invitation/bulk-invite';
import { EXIT, ExitCode, exitForDirectoryError } from './exit-codes';

/**
 * A bulk run's exit code: 130 when Ctrl+C stopped it, 3 when Graph or sign-in failed any row (or stopped the run),
 * 2 when any row is not settled (refused, invalid, requested already by someone, failed, not attempted: what a
 * re-run of the file would try again), 0 otherwise.
 */
export function bulkExitCode(
  counts: OutcomeCounts,
  entries: ResultEntry[],
  report: Extract<BulkRunReport, { kind: 'ran' }>,
  aborted: boolean,
): ExitCode {
  if (report.interrupted && aborted) return EXIT.interrupted;
  if (report.stoppedBy) return EXIT.unavailable;
  const serviceFailure = entries.some(
    (entry) => !('rejected' in entry) && entry.outcome.kind === 'failed' && entry.outcome.error && exitForDirectoryError(entry.outcome.error.kind) === EXIT.unavailable,
  );
  if (serviceFailure) return EXIT.unavailable;
  const unsettled = (Object.entries(counts) as [keyof OutcomeCounts, number][]).some(
    ([kind, count]) => count > 0 && kind !== 'skipped' && !(SETTLED_OUTCOMES as readonly string[]).includes(kind),
  );
  return unsettled ? EXIT.notDone : EXIT.ok;
}
