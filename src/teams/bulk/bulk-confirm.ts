import { AdaptiveCardInvokeResponse, TurnContext } from 'botbuilder';
import { renderActionNote } from '../../cards/action-note-card';
import { renderBulkCancelled } from '../../cards/bulk-progress-card';
import { renderBulkPreview } from '../../cards/bulk-preview-card';
import { previewBulkInvitation } from '../../invitation/bulk-preview';
import { conversationKey } from '../conversation-keys';
import { cardResponse, messageResponse } from '../handlers/responses';
import { Turn } from '../turn';
import { BulkJob, runBulkJob } from './bulk-job';
import { BulkParts } from './bulk-parts';
import { BulkUpload } from './bulk-uploads';
import { loadBulkFile } from './load-bulk-file';

/**
 * The preview's Confirm button. The upload leaves the preview state first (once, whoever presses first), and the
 * answer comes at once: downloading the file again, checking it is the one previewed and looking its addresses up
 * can outlast the few seconds Teams waits. That continues in the background; the card then becomes the preview
 * without its buttons (or says why the run could not start), and the run posts its own progress message.
 */
export async function confirmBulk(turn: Turn, data: Record<string, unknown>, parts: BulkParts): Promise<AdaptiveCardInvokeResponse> {
  const { t, requester } = turn;
  const upload = await parts.uploads.get(String(data.uploadId ?? ''));
  if (!upload) return messageResponse(t('bulk:teams.expired'));
  if (upload.requesterId.toLowerCase() !== requester.id.toLowerCase()) return messageResponse(t('bulk:teams.notYours'));
  if (upload.state !== 'previewed') return messageResponse(t(upload.state === 'cancelled' ? 'bulk:teams.expired' : 'bulk:teams.alreadyStarted'));
  if (!(await parts.uploads.leavePreview(upload.id, 'started'))) return messageResponse(t('bulk:teams.alreadyStarted'));

  // The turn's context is gone once the answer is sent: what the run needs of it is taken now.
  const { activity } = turn.context;
  const chat = { reference: TurnContext.getConversationReference(activity), replyTo: conversationKey(activity.conversation.id), locale: activity.locale };
  const note = (text: string, refused: boolean) => renderActionNote(t, { action: 'bulk', text, refused });
  return parts.followUp.answerNow(turn, {
    label: 'bulk confirm',
    interim: renderActionNote(t, { action: 'bulk', text: t('cards:actionNote.bulkStarting', { fileName: upload.fileName }), working: true }),
    finish: () => startRun({ turn, upload, chat }, parts, note),
    failed: () => note(t('errors.unfinished'), true),
  });
}

/** Checks the file again and starts the run; resolves to the card that replaces the preview. */
async function startRun(
  { turn, upload, chat }: { turn: Turn; upload: BulkUpload; chat: Pick<BulkJob, 'reference' | 'replyTo' | 'locale'> },
  parts: BulkParts,
  note: (text: string, refused: boolean) => object,
): Promise<object> {
  const { t, requester } = turn;
  const ctx = parts.invitations;
  const loaded = await loadBulkFile(parts.transfer, { name: upload.fileName, downloadUrl: upload.downloadUrl }, ctx.limits, t);
  if (loaded.kind === 'unusable') return note(loaded.text, true);
  if (loaded.fileId !== upload.fileId) return note(t('bulk:teams.changed'), true);
  const { valid, invalid } = loaded.validation;
  const preview = await previewBulkInvitation(ctx, valid.map((row) => row.invitation), requester);

  const job: BulkJob = { fileName: upload.fileName, fileId: upload.fileId, rows: valid, invalid, requester, ...chat };
  parts.background.start('bulk run', () => runBulkJob(parts, job));
  parts.logger.info({ uploadId: upload.id, rows: valid.length }, 'bulk run started');
  return renderBulkPreview(t, {
    uploadId: upload.id,
    fileName: upload.fileName,
    rows: loaded.rows,
    ready: valid.length,
    invalid,
    ignoredColumns: loaded.ignoredColumns,
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
