import type { Activity, FileConsentCardResponse } from 'botbuilder';
import { validateBulkRows } from '../../bulk/validate-rows';
import { renderBulkPreview } from '../../cards/bulk-preview-card';
import { previewBulkInvitation } from '../../invitation/bulk-preview';
import { effectiveLimits } from '../../invitation/invitation-defaults';
import type { AdaptiveCardInvokeResponse } from 'botbuilder';
import { replyWithCard, replyWithText } from '../handlers/responses';
import { Turn } from '../turn';
import { cancelBulk, confirmBulk } from './bulk-confirm';
import { BulkParts, TeamsBulkDeps } from './bulk-parts';
import { BulkRuns } from './bulk-runs';
import { resumeBulkRuns } from './resume-bulk-runs';
import { BulkUploads } from './bulk-uploads';
import { acceptResultFile, declineResultFile } from './file-consent';
import { httpsFileTransfer } from './file-transfer';
import { loadBulkFile } from './load-bulk-file';
import { ResultFiles } from './result-files';
import { sentFile } from './sent-file';

/**
 * Bulk invitations from Teams: a CSV sent to the bot in a personal chat gets a preview card; its Confirm button
 * starts the run, whose progress card is kept up to date; the result file comes back through the file consent
 * flow. `GuestPassBot` routes the file messages, the two card verbs and the file consent invokes here.
 */
export class TeamsBulk {
  private readonly parts: BulkParts;

  constructor(deps: TeamsBulkDeps) {
    this.parts = {
      ...deps,
      uploads: new BulkUploads(deps.state, deps.invitations.clock),
      runs: new BulkRuns(deps.state, deps.invitations.clock),
      results: new ResultFiles(),
      transfer: deps.transfer ?? httpsFileTransfer({ hosts: deps.fileHosts }),
    };
  }

  /** A message that carries a file is a bulk file, whatever text came with it. */
  isFileMessage(activity: Partial<Activity>): boolean {
    return sentFile(activity) !== undefined;
  }

  /** The preview card's buttons (their handlers sit with the bot's other verbs, handlers/bulk-actions.ts). */
  confirm(turn: Turn, data: Record<string, unknown>): Promise<AdaptiveCardInvokeResponse> {
    return confirmBulk(turn, data, this.parts);
  }

  cancel(turn: Turn, data: Record<string, unknown>): Promise<AdaptiveCardInvokeResponse> {
    return cancelBulk(turn, data, this.parts);
  }

  /** Reads the sent file and answers with the preview; nothing is sent to the directory yet. */
  async onFileMessage(turn: Turn): Promise<void> {
    const { context, t, requester } = turn;
    const file = sentFile(context.activity);
    if (!file) return;
    if (context.activity.conversation.conversationType !== 'personal') return replyWithText(context, t('bulk:teams.notPersonal'));
    if (!file.isCsv) return replyWithText(context, t('bulk:teams.notCsv'));
    const ctx = this.parts.invitations;
    const loaded = await loadBulkFile(this.parts.transfer, file, t);
    if (loaded.kind === 'unusable') return replyWithText(context, loaded.text);
    const { valid, invalid } = validateBulkRows(loaded.rows, effectiveLimits(ctx), { access: ctx.policy.access, now: ctx.clock.now() });
    const preview = await previewBulkInvitation(ctx, valid.map((row) => row.invitation), requester, { fileId: loaded.fileId, ledger: this.parts.ledger });
    const upload = await this.parts.uploads.create({
      fileId: loaded.fileId,
      fileName: file.name,
      ignoredColumns: loaded.ignoredColumns,
      rows: loaded.rows,
      requesterId: requester.id,
    });
    this.parts.logger.info({ uploadId: upload.id, rows: loaded.rows.length, invalid: invalid.length }, 'bulk file previewed');
    await replyWithCard(
      context,
      renderBulkPreview(t, {
        uploadId: upload.id,
        fileName: file.name,
        rows: loaded.rows.length,
        invalid,
        ignoredColumns: loaded.ignoredColumns,
        preview,
      }),
    );
  }

  /** Finishes the runs other instances started and did not finish; how many were taken up. */
  resumeAbandonedRuns(): Promise<number> {
    return resumeBulkRuns(this.parts);
  }

  async onFileConsent(turn: Turn, response: FileConsentCardResponse): Promise<void> {
    if (response.action === 'accept') await acceptResultFile(turn, response, this.parts);
    else await declineResultFile(turn, response, this.parts);
  }
}
