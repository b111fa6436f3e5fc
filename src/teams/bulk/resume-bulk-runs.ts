import { randomUUID } from 'node:crypto';
import { BULK_CLAIM_MS } from '../../bulk/store-ledger';
import { runBulkJob } from './bulk-job';
import { BulkParts } from './bulk-parts';

/**
 * Finishes the bulk runs an instance started and did not finish (it stopped, or crashed): a run is taken up once
 * its claim on the file lapsed, which only happens when the instance running it is gone, since a live run renews
 * the claim before every row. The rows it settled are skipped (the ledger), the rest invited, and the same
 * progress message becomes the summary; the result file is offered by this instance. Returns how many runs were
 * taken up.
 */
export async function resumeBulkRuns(parts: BulkParts): Promise<number> {
  let resumed = 0;
  const now = parts.invitations.clock.now().getTime();
  for (const id of await parts.runs.unfinished()) {
    const kept = await parts.runs.get(id);
    if (!kept) {
      await parts.runs.finish(id);
      continue;
    }
    // A younger run may not have claimed its file yet; an older one whose run lives holds the claim.
    if (now - kept.startedAt.getTime() < BULK_CLAIM_MS) continue;
    const probe = `takeover-${randomUUID()}`;
    if (!(await parts.ledger.claim(kept.job.fileId, probe))) continue;
    await parts.ledger.release(kept.job.fileId, probe);
    parts.logger.info({ fileId: kept.job.fileId, rows: kept.job.rows.length }, 'bulk run taken over');
    parts.background.start('bulk run taken over', () => runBulkJob(parts, kept.job, { progressActivityId: kept.progressActivityId }));
    resumed++;
  }
  return resumed;
}
