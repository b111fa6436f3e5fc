import { TEMPLATE_HEADERS } from '../../../src/bulk/csv-columns';

/** The Entra admin center template's header row, as downloaded. */
export const TEMPLATE_HEADER = [
  TEMPLATE_HEADERS.inviteeEmail,
  TEMPLATE_HEADERS.inviteRedirectURL,
  TEMPLATE_HEADERS.sendEmail,
  TEMPLATE_HEADERS.customizedMessageBody,
  TEMPLATE_HEADERS.displayName,
].join(',');

/** A template file: version line, header, then one line per guest (email, redirect, sendEmail, message, name). */
export function templateCsv(rows: string[]): string {
  return ['version:v1.0', TEMPLATE_HEADER, ...rows].join('\r\n') + '\r\n';
}

/** `count` valid rows for guests of tailspin.com (an external domain in the sandbox tenant). */
export function guestRows(count: number, prefix = 'guest'): string[] {
  return Array.from({ length: count }, (_, i) => `${prefix}${i + 1}@tailspin.com,https://myapps.microsoft.com,true,,Guest ${i + 1}`);
}
