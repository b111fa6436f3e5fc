import { describeFileError } from '../../bulk/describe';
import { MAX_BULK_BYTES, parseBulkCsv } from '../../bulk/parse-bulk-csv';
import { BulkValidation, validateBulkRows } from '../../bulk/validate-rows';
import { Translate } from '../../i18n';
import { InvitationLimits } from '../../invitation/validate-invitation';
import { FileTransfer, FileTransferError } from './file-transfer';

export type LoadedBulkFile =
  | { kind: 'loaded'; fileId: string; rows: number; ignoredColumns: string[]; validation: BulkValidation }
  /** Could not be read as a bulk file; `text` tells the sender why. */
  | { kind: 'unusable'; text: string };

/** Downloads a sent file and reads it as the command line reads a local one: same parser, same checks. */
export async function loadBulkFile(
  transfer: FileTransfer,
  file: { name: string; downloadUrl: string },
  limits: InvitationLimits,
  t: Translate,
): Promise<LoadedBulkFile> {
  let bytes: Uint8Array;
  try {
    bytes = await transfer.download(file.downloadUrl, MAX_BULK_BYTES);
  } catch (error) {
    if (error instanceof FileTransferError && error.tooLarge) return unusable(describeFileError(t, { code: 'tooLarge', maxBytes: MAX_BULK_BYTES }));
    return unusable(t('bulk:teams.downloadFailed', { fileName: file.name }));
  }
  const parsed = parseBulkCsv(bytes);
  if (!parsed.ok) return unusable(`${file.name}: ${describeFileError(t, parsed.error)}`);
  return {
    kind: 'loaded',
    fileId: parsed.fileId,
    rows: parsed.rows.length,
    ignoredColumns: parsed.ignoredColumns,
    validation: validateBulkRows(parsed.rows, limits),
  };
}

function unusable(text: string): LoadedBulkFile {
  return { kind: 'unusable', text };
}
