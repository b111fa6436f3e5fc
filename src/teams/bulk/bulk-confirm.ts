import { AdaptiveCardInvokeResponse, TurnContext } from 'botbuilder';
import { renderActionNote } from '../../cards/action-note-card';
import { renderBulkCancelled } from '../../cards/bulk-progress-card';
import { renderBulkPreview } from '../../cards/bulk-preview-card';
import { BulkCsvRow } from '../../bulk/parse-bulk-csv';
import { validateBulkRows } from '../../bulk/validate-rows';
import { previewBulkInvitation } from '../../invitation/bulk-preview';
import { effectiveLimits } from '../../invitation/invitation-defaults';
import { conversationKey } from '../conversation-keys';
import { cardResponse, messageResponse } from '../handlers/responses';
import { Turn } from '../turn';
import { runBulkJob } from './bulk-job';
import { BulkParts } from './bulk-parts';
import { BulkJob } from './bulk-runs';
import { BulkUpload } from './bulk-uploads';

/**
 * The preview's Confirm button. The upload leaves the preview state first (once, whoever presses first), and the
 * answer comes at once: checking the rows kept with the preview again (the policy or the limits may have changed
 * since) and looking their addresses up can outlast the few seconds Teams waits. That continues in the background;
 * the card then becomes the preview without its buttons, and the run posts its own progress message.
 */
export async function confirmBulk(turn: Turn, data: Record<string, unknown>, parts: BulkParts): Promise<AdaptiveCardInvokeResponse> {
  const { t, requester } = turn;
  const upload = await parts.uploads.get(String(data.uploadId ?? ''));
  if (!upload) return messageResponse(t('bulk:teams.expired'));
  if (upload.requesterId.toLowerCase() !== requester.id.toLowerCase()) return messageResponse(t('bulk:teams.notYours'));
  if (upload.state !== 'previewed') return messageResponse(t(upload.state === 'cancelled' ? 'bulk:teams.expired' : 'bulk:teams.alreadyStarted'));

  const rows = await parts.uploads.rows(upload);
  if (!rows) return messageResponse(t('bulk:teams.expired'));
  if (!(await parts.uploads.leavePreview(upload.id, 'started'))) return messageResponse(t('bulk:teams.alreadyStarted'));

  // The turn's context is gone once the answer is sent: what the run needs of it is taken now.
  const { activity } = turn.context;
  const chat = { reference: TurnContext.getConversationReference(activity), replyTo: conversationKey(activity.conversation.id), locale: activity.locale };
  const note = (text: string, refused: boolean) => renderActionNote(t, { action: 'bulk', text, refused });
  return parts.followUp.answerNow(turn, {
    label: 'bulk confirm',
    interim: renderActionNote(t, { action: 'bulk', text: t('cards:actionNote.bulkStarting', { fileName: upload.fileName }), working: true }),
    finish: () => startRun({ turn, upload, rows, chat }, parts),
    failed: () => note(t('errors.unfinished'), true),
  });
}

/** Checks the previewed rows again and starts the run; resolves to the card that replaces the preview. */
async function startRun(
  { turn, upload, rows, chat }: { turn: Turn; upload: BulkUpload; rows: BulkCsvRow[]; chat: Pick<BulkJob, 'reference' | 'replyTo' | 'locale'> },
  parts: BulkParts,
): Promise<object> {
  const { t, requester } = turn;
  const ctx = parts.invitations;
  const { valid, invalid } = validateBulkRows(rows, effectiveLimits(ctx), { access: ctx.policy.access, now: ctx.clock.now() });
  const preview = await previewBulkInvitation(ctx, valid.map((row) => row.invitation), requester, { fileId: upload.fileId, ledger: parts.ledger });

  const job: BulkJob = { id: upload.id, fileName: upload.fileName, fileId: upload.fileId, rows: valid, invalid, requester, ...chat };
  // Kept before it starts, so that another instance can finish it if this one stops.
  await parts.runs.keep(job);
  parts.background.start('bulk run', () => runBulkJob(parts, job));
  parts.logger.info({ uploadId: upload.id, rows: valid.length }, 'bulk run started');
  return renderBulkPreview(t, {
    uploadId: upload.id,
    fileName: upload.fileName,
    rows: rows.length,
    invalid,
    ignoredColumns: upload.ignoredColumns,
    preview,
    started: true,
  });
}

/** The preview's Cancel button: nothing was sent, and the preview can no longer be confirmed. */
export async function cancelBulk(turn: Turn, data: Record<string, unknown>, parts: BulkParts): Promise<AdaptiveCardInvokeResponse> {
  const upload = await parts.uploads.get(String(data.uploadId ?? ''));
  if (!upload) return messageResponse(turn.t('bulk:teams.expired'));
  if (upload.requesterId.toLowerCase() !== turn.requester.id.toLowerCase()) return messageResponse(turn.t('bulk:teams.notYours'));
  if (!(await parts.uploads.leavePreview(upload.id, 'cancelled'))) return messageResponse(turn.t('bulk:teams.alreadyStarted'));
  return cardResponse(renderBulkCancelled(turn.t, upload.fileName));
}
