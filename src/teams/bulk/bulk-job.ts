import { renderBulkProgress, renderBulkStopped, renderBulkSummary } from '../../cards/bulk-progress-card';
import { resultCsv } from '../../bulk/result-csv';
import { countOutcomes, redeemUrlCount, resultEntries } from '../../bulk/result-entries';
import { translatorFor } from '../../i18n';
import { BulkRowResult, runBulkInvitation } from '../../invitation/bulk-invite';
import { dateFormatterFor } from '../turn';
import { BulkParts } from './bulk-parts';
import { BulkJob } from './bulk-runs';
import { offerResultFile } from './file-consent';
import { ProgressMessage } from './progress-message';

/** About ten progress updates per run, whatever its size: enough to see it move, few enough for Teams' limits. */
const PROGRESS_UPDATES = 10;

/**
 * A confirmed bulk file, from the first row to the result file: a progress message updated as batches of rows
 * complete, turned into the summary at the end, followed by the file consent card for the result file. Runs
 * outside any turn; never throws (what goes wrong is logged and shown on the progress message). The run is kept
 * in the store (`BulkRuns`) until it is over; `takeOver` names the progress message of a run another instance
 * started and did not finish: this one goes on from the rows still to do, in the same message.
 */
export async function runBulkJob(parts: BulkParts, job: BulkJob, takeOver?: { progressActivityId?: string }): Promise<void> {
  const t = translatorFor(job.locale);
  const total = job.rows.length;
  const seen: BulkRowResult[] = [];
  const progress = new ProgressMessage(parts, job.reference);
  const every = Math.max(1, Math.ceil(total / PROGRESS_UPDATES));
  if (takeOver?.progressActivityId) progress.takeOver(takeOver.progressActivityId);
  else {
    await progress.post(renderBulkProgress(t, { fileName: job.fileName, done: 0, total, counts: countOutcomes([]) }));
    const posted = progress.id;
    if (posted) {
      await parts.runs.noteProgressMessage(job.id, posted).catch((error: unknown) => parts.logger.warn({ err: error }, 'bulk progress message not kept'));
    }
  }
  try {
    const report = await runBulkInvitation(
      parts.invitations,
      { fileId: job.fileId, rows: job.rows, requester: job.requester, replyTo: job.replyTo },
      {
        pacer: parts.pacer,
        ledger: parts.ledger,
        onRow: (result, { done }) => {
          seen.push(result);
          if (done % every === 0 && done < total) {
            void progress.update(renderBulkProgress(t, { fileName: job.fileName, done, total, counts: countOutcomes(seen) }));
          }
        },
      },
    );
    if (report.kind === 'busy') {
      // Taking over, busy means another instance took the run over first: the message and the run are its own.
      if (!takeOver) await finished(parts, job, progress.update(renderBulkStopped(t, job.fileName, 'busy')));
      return;
    }
    const entries = resultEntries(report.results, job.invalid);
    await progress.update(
      renderBulkSummary(t, {
        fileName: job.fileName,
        counts: countOutcomes(entries),
        interrupted: report.interrupted,
        stoppedBy: report.stoppedBy,
        redeemUrls: redeemUrlCount(entries),
      }),
    );
    const content = Buffer.from(resultCsv(t, entries, dateFormatterFor(job.locale)), 'utf8');
    await offerResultFile(parts, job.reference, t, { fileName: resultFileName(job.fileName), content, requesterId: job.requester.id });
    await finished(parts, job);
  } catch (error) {
    parts.logger.error({ err: error, fileId: job.fileId }, 'bulk run failed');
    await finished(parts, job, progress.update(renderBulkStopped(t, job.fileName, 'failed')));
  }
}

/** After `last` (the message that ends the run), no instance takes the run up again. */
async function finished(parts: BulkParts, job: BulkJob, last?: Promise<void>): Promise<void> {
  await last;
  await parts.runs.finish(job.id).catch((error: unknown) => parts.logger.error({ err: error, fileId: job.fileId }, 'bulk run not marked finished'));
}

/** `guests.csv` → `guests-results.csv` */
function resultFileName(fileName: string): string {
  return `${fileName.replace(/\.csv$/i, '')}-results.csv`;
}
