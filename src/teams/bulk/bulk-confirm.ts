import { AdaptiveCardInvokeResponse, TurnContext } from 'botbuilder';
import { renderBulkCancelled } from '../../cards/bulk-progress-card';
import { renderBulkPreview } from '../../cards/bulk-preview-card';
import { validateBulkRows } from '../../bulk/validate-rows';
import { previewBulkInvitation } from '../../invitation/bulk-preview';
import { conversationKey } from '../conversation-keys';
import { cardResponse, messageResponse } from '../handlers/responses';
import { Turn } from '../turn';
import { runBulkJob } from './bulk-job';
import { BulkParts } from './bulk-parts';

/**
 * The preview's Confirm button. The rows kept with the preview are checked again (the policy or the limits may
 * have changed since); then the upload leaves the preview state (once, whoever presses first) and the run starts
 * in the background, since it can outlast the few seconds Teams waits for an answer. The preview card stays,
 * without its buttons.
 */
export async function confirmBulk(turn: Turn, data: Record<string, unknown>, parts: BulkParts): Promise<AdaptiveCardInvokeResponse> {
  const { t, requester } = turn;
  const upload = await parts.uploads.get(String(data.uploadId ?? ''));
  if (!upload) return messageResponse(t('bulk:teams.expired'));
  if (upload.requesterId.toLowerCase() !== requester.id.toLowerCase()) return messageResponse(t('bulk:teams.notYours'));
  if (upload.state !== 'previewed') return messageResponse(t(upload.state === 'cancelled' ? 'bulk:teams.expired' : 'bulk:teams.alreadyStarted'));

  const ctx = parts.invitations;
  const rows = await parts.uploads.rows(upload);
  if (!rows) return messageResponse(t('bulk:teams.expired'));
  const { valid, invalid } = validateBulkRows(rows, ctx.limits);
  const preview = await previewBulkInvitation(ctx, valid.map((row) => row.invitation), requester, { fileId: upload.fileId, ledger: parts.ledger });
  if (!(await parts.uploads.leavePreview(upload.id, 'started'))) return messageResponse(t('bulk:teams.alreadyStarted'));

  const { activity } = turn.context;
  void runBulkJob(parts, {
    fileName: upload.fileName,
    fileId: upload.fileId,
    rows: valid,
    invalid,
    requester,
    reference: TurnContext.getConversationReference(activity),
    replyTo: conversationKey(activity.conversation.id),
    locale: activity.locale,
  });
  parts.logger.info({ uploadId: upload.id, rows: valid.length }, 'bulk run started');
  return cardResponse(
    renderBulkPreview(t, {
      uploadId: upload.id,
      fileName: upload.fileName,
      rows: rows.length,
      invalid,
      ignoredColumns: upload.ignoredColumns,
      preview,
      started: true,
    }),
  );
}

/** The preview's Cancel button: nothing was sent, and the preview can no longer be confirmed. */
export async function cancelBulk(turn: Turn, data: Record<string, unknown>, parts: BulkParts): Promise<AdaptiveCardInvokeResponse> {
  const upload = await parts.uploads.get(String(data.uploadId ?? ''));
  if (!upload) return messageResponse(turn.t('bulk:teams.expired'));
  if (upload.requesterId.toLowerCase() !== turn.requester.id.toLowerCase()) return messageResponse(turn.t('bulk:teams.notYours'));
  if (!(await parts.uploads.leavePreview(upload.id, 'cancelled'))) return messageResponse(turn.t('bulk:teams.alreadyStarted'));
  return cardResponse(renderBulkCancelled(turn.t, upload.fileName));
}
