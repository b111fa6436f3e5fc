import { RequestedAccessEnd } from './access-end';

/** An invitation as a person typed it (command, card form, CSV row): untrusted text, not yet validated. */
export interface InvitationDraft {
  email?: string;
  displayName?: string;
  customMessage?: string;
  ccRecipient?: string;
  redirectUrl?: string;
  messageLanguage?: string;
  sendEmail: boolean;
  userType: 'Guest' | 'Member';
  /** When the guest's access should end; none: the policy's default for the domain (see access-end.ts). */
  accessEnd?: RequestedAccessEnd;
}

/** A draft that passed validation; every field is in the form Graph accepts. */
export interface ValidInvitation {
  email: string;
  domain: string;
  displayName?: string;
  customMessage?: string;
  ccRecipient?: string;
  redirectUrl: string;
  messageLanguage?: string;
  sendEmail: boolean;
  userType: 'Guest' | 'Member';
}

/**
 * What the draft asks for that only the invitation email carries, when no email is sent: Entra drops it, and the
 * person should hear so rather than find out later.
 */
export function unusedWithoutEmail(draft: InvitationDraft): ('customMessage' | 'ccRecipient')[] {
  if (draft.sendEmail) return [];
  const given = (text: string | undefined) => (text ?? '').trim() !== '';
  return [...(given(draft.customMessage) ? (['customMessage'] as const) : []), ...(given(draft.ccRecipient) ? (['ccRecipient'] as const) : [])];
}

export type InvitationField = 'email' | 'displayName' | 'customMessage' | 'ccRecipient' | 'redirectUrl' | 'messageLanguage' | 'accessEnd';

export type TextFieldProblemCode = 'missing' | 'invalid' | 'tooLong' | 'notHttps' | 'sameAsInvitee' | 'unsupported';

/** An unreadable date, a number of days that is not a whole number in range, a date before today, beyond the maximum. */
export type AccessEndProblemCode = 'invalid' | 'invalidDays' | 'inPast' | 'beyondMax';

/** One reason a draft was refused; `code` is a stable key the transports localize. */
export type ValidationProblem = (
  | { field: Exclude<InvitationField, 'accessEnd'>; code: TextFieldProblemCode }
  | { field: 'accessEnd'; code: AccessEndProblemCode }
) & {
  /** Values for the localized message (limits, the offending text shortened). */
  params?: Record<string, string | number>;
};
