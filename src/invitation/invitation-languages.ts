/**
 * The languages Entra writes its B2B invitation email in (`invitedUserMessageInfo.messageLanguage`), as primary
 * language subtags plus the script or region variants Entra keeps apart. Microsoft's page "B2B invitation email
 * layout and language settings" lists them; this copy could not be checked against it when written (no network),
 * so it is kept here, in one place, to correct. Entra falls back to English for a language it does not have,
 * which a person choosing `--lang` would not expect: such a choice is refused instead.
 */
export const INVITATION_EMAIL_LANGUAGES: readonly string[] = [
  'ar', 'bg', 'ca', 'cs', 'da', 'de', 'el', 'en', 'es', 'et', 'eu', 'fi', 'fr', 'gl', 'he', 'hi', 'hr', 'hu',
  'id', 'it', 'ja', 'kk', 'ko', 'lt', 'lv', 'ms', 'nb', 'nl', 'pl', 'pt-BR', 'pt-PT', 'ro', 'ru', 'sk', 'sl',
  'sr-Cyrl', 'sr-Latn', 'sv', 'th', 'tr', 'uk', 'vi', 'zh-Hans', 'zh-Hant',
];

const PRIMARY_SUBTAGS = new Set(INVITATION_EMAIL_LANGUAGES.map((tag) => tag.split('-')[0]!.toLowerCase()));

/** True when Entra's invitation email exists in the language of this (canonical BCP 47) tag; regions don't matter. */
export function invitationEmailSpeaks(tag: string): boolean {
  return PRIMARY_SUBTAGS.has(tag.split('-')[0]!.toLowerCase());
}
