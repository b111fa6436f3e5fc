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

export type InvitationField = 'email' | 'displayName' | 'customMessage' | 'ccRecipient' | 'redirectUrl' | 'messageLanguage';

/** One reason a draft was refused; `code` is a stable key the transports localize. */
export interface ValidationProblem {
  field: InvitationField;
  code: 'missing' | 'invalid' | 'tooLong' | 'notHttps' | 'sameAsInvitee';
  /** Values for the localized message (limits, the offending text shortened). */
  params?: Record<string, string | number>;
}
