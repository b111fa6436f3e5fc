import type { Activity } from 'botbuilder';
import { FILE_DOWNLOAD_INFO } from '../../../src/teams/bulk/sent-file';
import { ActivityOptions, adaptiveCardActionInvoke, personalMessage } from '../../support/teams-activities';

/** A message with a file, as Teams delivers one sent to the bot in a personal chat. */
export function fileMessage(options: ActivityOptions, name: string, downloadUrl: string): Partial<Activity> {
  const message = personalMessage('', options);
  const fileType = name.split('.').pop();
  return { ...message, attachments: [{ contentType: FILE_DOWNLOAD_INFO, name, content: { downloadUrl, uniqueId: 'file-unique-id', fileType } }] };
}

/** The invoke Teams sends when the person answers a file consent card. */
export function fileConsentInvoke(options: ActivityOptions, value: Record<string, unknown>): Partial<Activity> {
  return { ...adaptiveCardActionInvoke({ ...options, verb: 'unused' }), name: 'fileConsent/invoke', value: { type: 'fileUpload', ...value } };
}
