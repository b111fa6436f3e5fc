import { ConversationReference } from 'botbuilder';
import { renderBulkProgress, renderBulkStopped, renderBulkSummary } from '../../cards/bulk-progress-card';
import { resultCsv } from '../../bulk/result-csv';
import { countOutcomes, redeemUrlCount, resultEntries } from '../../bulk/result-entries';
import { InvalidRow, ValidRow } from '../../bulk/validate-rows';
import { translatorFor } from '../../i18n';
import { BulkRowResult, runBulkInvitation } from '../../invitation/bulk-invite';
import { Requester } from '../../invitation/requester';
import { dateFormatterFor } from '../turn';
import { BulkParts } from './bulk-parts';
import { offerResultFile } from './file-consent';
import { ProgressMessage } from './progress-message';

export interface BulkJob {
  fileName: string;
  fileId: string;
  rows: ValidRow[];
  invalid: InvalidRow[];
  requester: Requester;
  /** The personal chat the file came from: progress, summary and result file go there. */
  reference: Partial<ConversationReference>;
  /** Where the requester hears of approvals later, as for requests made one by one. */
  replyTo: string;
  locale?: string;
}

/** About ten progress updates per run, whatever its size: enough to see it move, few enough for Teams' limits. */
const PROGRESS_UPDATES = 10;

/**
 * A confirmed bulk file, from the first row to the result file: a progress message updated as batches of rows
 * complete, turned into the summary at the end, followed by the file consent card for the result file. Runs
 * outside any turn; never throws (what goes wrong is logged and shown on the progress message).
 */
export async function runBulkJob(parts: BulkParts, job: BulkJob): Promise<void> {
  const t = translatorFor(job.locale);
  const total = job.rows.length;
  const seen: BulkRowResult[] = [];
  const progress = new ProgressMessage(parts, job.reference);
  const every = Math.max(1, Math.ceil(total / PROGRESS_UPDATES));
  await progress.post(renderBulkProgress(t, { fileName: job.fileName, done: 0, total, counts: countOutcomes([]) }));
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
    if (report.kind === 'busy') return await progress.update(renderBulkStopped(t, job.fileName, 'busy'));
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
  } catch (error) {
    parts.logger.error({ err: error, fileId: job.fileId }, 'bulk run failed');
    await progress.update(renderBulkStopped(t, job.fileName, 'failed'));
  }
}

/** `guests.csv` → `guests-results.csv` */
function resultFileName(fileName: string): string {
  return `${fileName.replace(/\.csv$/i, '')}-results.csv`;
}
