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

export type InvitationField = 'email' | 'displayName' | 'customMessage' | 'ccRecipient' | 'redirectUrl' | 'messageLanguage';

/** One reason a draft was refused; `code` is a stable key the transports localize. */
export interface ValidationProblem {
  field: InvitationField;
  code: 'missing' | 'invalid' | 'tooLong' | 'notHttps' | 'sameAsInvitee' | 'unsupported';
  /** Values for the localized message (limits, the offending text shortened). */
  params?: Record<string, string | number>;
}
