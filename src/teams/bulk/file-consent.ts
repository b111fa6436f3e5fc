import type { Attachment, ConversationReference, FileConsentCard, FileConsentCardResponse, FileInfoCard } from 'botbuilder';
import { Translate } from '../../i18n';
import { replyWithText } from '../handlers/responses';
import { Turn } from '../turn';
import { BulkParts } from './bulk-parts';
import { FileTransferError } from './file-transfer';
import { RESULT_FILE_MINUTES, ResultFileToSend } from './result-files';

/**
 * Sending a file to a personal chat, the Teams way: the bot offers it with a file consent card; when the person
 * accepts, Teams creates the file in their OneDrive and invokes the bot (`fileConsent/invoke`) with an upload
 * URL; the bot PUTs the content there and posts a file info card that opens it. Declining discards it.
 */

const FILE_CONSENT = 'application/vnd.microsoft.teams.card.file.consent';
const FILE_INFO = 'application/vnd.microsoft.teams.card.file.info';

/** What the consent card carries back to the bot: which result file, never its content. */
interface ConsentContext {
  resultId: string;
}

export async function offerResultFile(
  parts: BulkParts,
  reference: Partial<ConversationReference>,
  t: Translate,
  file: ResultFileToSend,
): Promise<void> {
  const context: ConsentContext = { resultId: parts.results.keep(file) };
  const card: FileConsentCard = {
    description: t('bulk:teams.consentDescription', { fileName: file.fileName }),
    sizeInBytes: file.content.byteLength,
    acceptContext: context,
    declineContext: context,
  };
  const attachment: Attachment = { contentType: FILE_CONSENT, name: file.fileName, content: card };
  await parts.continueConversation(reference, async (turnContext) => {
    await turnContext.sendActivity({ attachments: [attachment] });
  });
}

export async function acceptResultFile(turn: Turn, response: FileConsentCardResponse, parts: BulkParts): Promise<void> {
  const resultId = resultIdOf(response);
  const file = resultId ? parts.results.get(resultId, turn.requester.id) : undefined;
  const upload = response.uploadInfo;
  if (!resultId || !file || !upload?.uploadUrl) {
    return replyWithText(turn.context, turn.t('bulk:teams.resultGone', { minutes: RESULT_FILE_MINUTES }));
  }
  try {
    await parts.transfer.upload(upload.uploadUrl, file.content);
  } catch (error) {
    // The file stays in memory: the person can accept the same card again.
    parts.logger.warn({ err: error }, 'result file upload failed');
    const refused = error instanceof FileTransferError && (error.reason === 'refused' || error.reason === 'redirected');
    return replyWithText(turn.context, turn.t(refused ? 'bulk:teams.uploadRefused' : 'bulk:teams.uploadFailed'));
  }
  parts.results.drop(resultId);
  const info: FileInfoCard = { uniqueId: upload.uniqueId, fileType: upload.fileType };
  await turn.context.sendActivity({
    attachments: [{ contentType: FILE_INFO, contentUrl: upload.contentUrl, name: upload.name ?? file.fileName, content: info }],
  });
}

export async function declineResultFile(turn: Turn, response: FileConsentCardResponse, parts: BulkParts): Promise<void> {
  const resultId = resultIdOf(response);
  if (resultId && parts.results.get(resultId, turn.requester.id)) parts.results.drop(resultId);
  await replyWithText(turn.context, turn.t('bulk:teams.declined'));
}

function resultIdOf(response: FileConsentCardResponse): string | undefined {
  const context = response.context as Partial<ConsentContext> | undefined;
  return typeof context?.resultId === 'string' ? context.resultId : undefined;
}
