import type { Activity, Attachment, FileDownloadInfo } from 'botbuilder';
import { extname } from 'node:path';

/** How Teams delivers a file someone sends the bot in a personal chat (the manifest's `supportsFiles`). */
export const FILE_DOWNLOAD_INFO = 'application/vnd.microsoft.teams.file.download.info';

export interface SentFile {
  name: string;
  /** Pre-authenticated and short-lived: a credential for the file, never logged or shown. */
  downloadUrl: string;
  isCsv: boolean;
}

/** The file in a message, if it carries one; whatever text came with it does not matter. */
export function sentFile(activity: Partial<Activity>): SentFile | undefined {
  // Activities come from outside: a malformed one is simply not a file message.
  const attachments: unknown[] = Array.isArray(activity.attachments) ? activity.attachments : [];
  const attachment = attachments.find(
    (candidate): candidate is Attachment => (candidate as Attachment | null)?.contentType === FILE_DOWNLOAD_INFO,
  );
  const info = attachment?.content as FileDownloadInfo | null | undefined;
  if (!attachment || typeof info?.downloadUrl !== 'string' || info.downloadUrl === '') return undefined;
  const name = (typeof attachment.name === 'string' && attachment.name ? attachment.name : 'file').slice(0, 200);
  const type = (typeof info.fileType === 'string' ? info.fileType : extname(name).slice(1)).toLowerCase();
  return { name, downloadUrl: info.downloadUrl, isCsv: type === 'csv' };
}
