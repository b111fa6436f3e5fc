/**
 * The columns of the Microsoft Entra admin center's "Bulk invite users" template, plus a display name and how many
 * days the guest's access lasts (`expiresAfterDays`; empty: the policy's default for the domain). A header is
 * recognised by the short property name in brackets (`Email address to invite [inviteeEmail] Required`), or by
 * that name alone, case-insensitively: Microsoft rewords the long text between template versions, never the name.
 */
export type BulkColumn = 'inviteeEmail' | 'inviteRedirectURL' | 'sendEmail' | 'customizedMessageBody' | 'displayName' | 'expiresAfterDays';

/** The headers as the template writes them (and as GuestPass's sample file does). */
export const TEMPLATE_HEADERS: Readonly<Record<BulkColumn, string>> = {
  inviteeEmail: 'Email address to invite [inviteeEmail] Required',
  inviteRedirectURL: 'Redirection url [inviteRedirectURL] Required',
  sendEmail: 'Send invitation message (true or false) [sendEmail]',
  customizedMessageBody: 'Customized invitation message [customizedMessageBody]',
  displayName: 'Display name [displayName]',
  expiresAfterDays: 'Access ends after (days) [expiresAfterDays]',
};

export const BULK_COLUMNS = Object.keys(TEMPLATE_HEADERS) as BulkColumn[];

/** The template's first line; Entra requires it, GuestPass accepts files with or without it. */
export const TEMPLATE_VERSION_LINE = /^version:/i;

/** The template's examples row, which people are told to remove and sometimes do not. */
export const TEMPLATE_EXAMPLE_ROW = /^example:/i;

export function columnOf(header: string): BulkColumn | undefined {
  const name = (/\[([A-Za-z]+)\]/.exec(header)?.[1] ?? header).trim().toLowerCase();
  return BULK_COLUMNS.find((column) => column.toLowerCase() === name);
}
