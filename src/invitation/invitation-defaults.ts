import { boundedCache } from '../bounded-cache';
import { InvitationDraft } from './invitation-draft';
import { invitationEmailSpeaks } from './invitation-languages';
import { OfferedGroup } from './offered-groups';
import { InvitationPolicy } from './policy';
import { Requester } from './requester';
import { InvitationLimits } from './validate-invitation';

/**
 * What an invitation gets where the requester left something out, and what a requester may choose from: decided
 * here, from the policy and the configuration, for Teams, the command line, bulk runs and the jobs alike.
 */
export interface InvitationDefaults {
  /** Where the guest lands after redeeming: the policy's default, else the configured one (DEFAULT_REDIRECT_URL). */
  redirectUrl: string;
  /** The organization's language for invitation emails and for cards nobody's chat language decides. */
  messageLanguage?: string;
  /** The groups and teams a request may add the guest to. */
  offeredGroups: OfferedGroup[];
}

export function invitationDefaults(ctx: { policy: InvitationPolicy; limits: InvitationLimits }): InvitationDefaults {
  const { policy, limits } = ctx;
  return {
    redirectUrl: policy.redirectUrls.default ?? limits.defaultRedirectUrl,
    ...(policy.defaultMessageLanguage ? { messageLanguage: policy.defaultMessageLanguage } : {}),
    offeredGroups: policy.offeredGroups,
  };
}

/** The limits validation applies, with the effective default redirect URL for a draft that names none. */
export function effectiveLimits(ctx: { policy: InvitationPolicy; limits: InvitationLimits }): InvitationLimits {
  return { ...ctx.limits, defaultRedirectUrl: invitationDefaults(ctx).redirectUrl };
}

/**
 * A draft with the defaults filled in: what was asked for wins. The requester's Teams language is only a guess at
 * the guest's: one Entra's email does not speak is left to Entra's default.
 */
export function withInvitationDefaults(defaults: InvitationDefaults, draft: InvitationDraft, requester: Requester): InvitationDraft {
  return {
    ...draft,
    messageLanguage: draft.messageLanguage ?? defaults.messageLanguage ?? emailLanguageOf(requester.locale),
    redirectUrl: draft.redirectUrl ?? defaults.redirectUrl,
  };
}

/**
 * A Teams client sends one of a few dozen locales, and canonicalizing one is a measurable share of an invite turn;
 * the locale is the sender's to choose, so the memory is bounded (an answer of `undefined` is kept too).
 */
const EMAIL_LANGUAGE_BY_LOCALE = boundedCache<string, { language: string | undefined }>({ max: 256 });

function emailLanguageOf(locale: string | undefined): string | undefined {
  if (!locale) return undefined;
  let known = EMAIL_LANGUAGE_BY_LOCALE.get(locale);
  if (!known) {
    known = { language: canonicalEmailLanguage(locale) };
    EMAIL_LANGUAGE_BY_LOCALE.set(locale, known);
  }
  return known.language;
}

function canonicalEmailLanguage(locale: string): string | undefined {
  try {
    const [canonical] = Intl.getCanonicalLocales(locale);
    return canonical && invitationEmailSpeaks(canonical) ? canonical : undefined;
  } catch {
    return undefined;
  }
}
