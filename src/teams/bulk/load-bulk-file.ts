import { describeFileError } from '../../bulk/describe';
import { BulkCsvRow, MAX_BULK_BYTES, parseBulkCsv } from '../../bulk/parse-bulk-csv';
import { Translate } from '../../i18n';
import { FileTransfer, FileTransferError } from './file-transfer';

export type LoadedBulkFile =
  | { kind: 'loaded'; fileId: string; rows: BulkCsvRow[]; ignoredColumns: string[] }
  /** Could not be read as a bulk file; `text` tells the sender why. */
  | { kind: 'unusable'; text: string };

/** Downloads a sent file and reads it as the command line reads a local one: same parser, same checks. */
export async function loadBulkFile(transfer: FileTransfer, file: { name: string; downloadUrl: string }, t: Translate): Promise<LoadedBulkFile> {
  let bytes: Uint8Array;
  try {
    bytes = await transfer.download(file.downloadUrl, MAX_BULK_BYTES);
  } catch (error) {
    return unusable(describeTransferFailure(t, error, file.name));
  }
  const parsed = parseBulkCsv(bytes);
  if (!parsed.ok) return unusable(`${file.name}: ${describeFileError(t, parsed.error)}`);
  return { kind: 'loaded', fileId: parsed.fileId, rows: parsed.rows, ignoredColumns: parsed.ignoredColumns };
}

function describeTransferFailure(t: Translate, error: unknown, fileName: string): string {
  const failure = error instanceof FileTransferError ? error : undefined;
  switch (failure?.reason) {
    case 'tooLarge':
      return describeFileError(t, { code: 'tooLarge', maxBytes: MAX_BULK_BYTES });
    case 'refused':
      return t('bulk:teams.downloadRefused', { fileName });
    case 'redirected':
      return t('bulk:teams.downloadRedirected', { fileName });
    case 'timedOut':
      return t('bulk:teams.downloadTimedOut', { fileName, seconds: failure.timeoutSeconds });
    default:
      return t('bulk:teams.downloadFailed', { fileName });
  }
}

function unusable(text: string): LoadedBulkFile {
  return { kind: 'unusable', text };
}
