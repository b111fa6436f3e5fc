import { boundedCache } from '../bounded-cache';
import { decideAccessEnd } from './access-end';
import { parseEmailAddress, sameAddress } from './email-address';
import { InvitationDraft, ValidationProblem, ValidInvitation } from './invitation-draft';
import { INVITATION_EMAIL_LANGUAGES, invitationEmailSpeaks } from './invitation-languages';
import { AccessPolicy } from './lifecycle/lifecycle-policy';

export interface InvitationLimits {
  maxMessageLength: number;
  /** The redirect URL of a draft that names none; the configured one (DEFAULT_REDIRECT_URL), see effectiveLimits. */
  defaultRedirectUrl: string;
}

export const MAX_DISPLAY_NAME_LENGTH = 256;

/** What the end of access is decided against: the policy's `access` and the time of the request. */
export interface AccessTerms {
  access: AccessPolicy;
  now: Date;
}

/** `accessEndsAt`: when the guest's access ends (with `terms` only); absent, it does not end by itself. */
export type ValidationResult =
  | { ok: true; invitation: ValidInvitation; accessEndsAt?: string }
  | { ok: false; problems: ValidationProblem[] };

/**
 * Checks every field of a draft and reports all problems at once, so a person fixes a form in one go.
 * Nothing here calls the directory: bad input never costs a Graph request.
 */
export function validateInvitation(draft: InvitationDraft, limits: InvitationLimits, terms?: AccessTerms): ValidationResult {
  const problems: ValidationProblem[] = [];

  const emailText = clean(draft.email);
  const email = emailText ? parseEmailAddress(emailText) : undefined;
  if (!emailText) problems.push({ field: 'email', code: 'missing' });
  else if (!email) problems.push({ field: 'email', code: 'invalid', params: { value: shorten(emailText) } });

  const displayName = clean(draft.displayName);
  if (displayName && displayName.length > MAX_DISPLAY_NAME_LENGTH) {
    problems.push({ field: 'displayName', code: 'tooLong', params: { max: MAX_DISPLAY_NAME_LENGTH } });
  }

  const customMessage = cleanMultiline(draft.customMessage);
  if (customMessage && customMessage.length > limits.maxMessageLength) {
    problems.push({
      field: 'customMessage',
      code: 'tooLong',
      params: { max: limits.maxMessageLength, length: customMessage.length },
    });
  }

  const ccText = clean(draft.ccRecipient);
  const cc = ccText ? parseEmailAddress(ccText) : undefined;
  if (ccText && !cc) problems.push({ field: 'ccRecipient', code: 'invalid', params: { value: shorten(ccText) } });
  if (cc && email && sameAddress(cc.value, email.value)) problems.push({ field: 'ccRecipient', code: 'sameAsInvitee' });

  const redirectText = clean(draft.redirectUrl);
  const redirectUrl = redirectText ?? limits.defaultRedirectUrl;
  const redirectProblem = checkRedirectUrl(redirectUrl);
  if (redirectProblem) problems.push({ field: 'redirectUrl', code: redirectProblem, params: { value: shorten(redirectUrl) } });

  const languageText = clean(draft.messageLanguage);
  const messageLanguage = languageText ? canonicalLanguageTag(languageText) : undefined;
  if (languageText && !messageLanguage) {
    problems.push({ field: 'messageLanguage', code: 'invalid', params: { value: shorten(languageText) } });
  } else if (messageLanguage && !invitationEmailSpeaks(messageLanguage)) {
    problems.push({ field: 'messageLanguage', code: 'unsupported', params: { value: shorten(messageLanguage), supported: INVITATION_EMAIL_LANGUAGES.join(', ') } });
  }

  const accessEnd = terms ? decideAccessEnd(terms.access, { domain: email?.domain, requested: draft.accessEnd }, terms.now) : { ok: true as const };
  if (!accessEnd.ok) problems.push(accessEnd.problem);

  if (problems.length > 0 || !email) return { ok: false, problems };
  return {
    ok: true,
    ...(accessEnd.ok && accessEnd.endsAt ? { accessEndsAt: accessEnd.endsAt } : {}),
    invitation: {
      email: email.value,
      domain: email.domain,
      displayName,
      customMessage,
      ccRecipient: cc?.value,
      redirectUrl,
      messageLanguage,
      sendEmail: draft.sendEmail,
      userType: draft.userType,
    },
  };
}

function checkRedirectUrl(text: string): 'invalid' | 'notHttps' | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'invalid';
  }
  if (url.protocol !== 'https:') return 'notHttps';
  if (url.username || url.password) return 'invalid';
  return undefined;
}

/** Tags seen so far and their canonical form (none: malformed); a tenant uses a handful, the bound guards abuse. */
const canonicalTags = boundedCache<string, { canonical?: string }>({ max: 1_000 });

/**
 * `Intl` knows BCP 47 better than any regex: it throws on malformed tags and canonicalizes case. It is also slow
 * enough to show in an invite turn's profile, and every invitation asks again for the same few tags.
 */
function canonicalLanguageTag(tag: string): string | undefined {
  let known = canonicalTags.get(tag);
  if (known === undefined) {
    try {
      known = { canonical: Intl.getCanonicalLocales(tag)[0] };
    } catch {
      known = {};
    }
    canonicalTags.set(tag, known);
  }
  return known.canonical;
}

/** Trims and drops control characters; an empty result counts as not given. */
function clean(text: string | undefined): string | undefined {
  const value = text?.replace(/[\u0000-\u001f\u007f]/g, ' ').trim();
  return value ? value : undefined;
}

/** Like `clean`, but keeps line breaks: a custom message may have paragraphs. */
function cleanMultiline(text: string | undefined): string | undefined {
  const value = text
    ?.replace(/\r\n?/g, '\n')
    .replace(/[\u0000-\u0009\u000b-\u001f\u007f]/g, ' ')
    .trim();
  return value ? value : undefined;
}

function shorten(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
