import i18next, { i18n } from 'i18next';
import enBulk from './locales/en/bulk.json';
import enCards from './locales/en/cards.json';
import enCli from './locales/en/cli.json';
import enMessages from './locales/en/messages.json';
import trBulk from './locales/tr/bulk.json';
import trCards from './locales/tr/cards.json';
import trCli from './locales/tr/cli.json';
import trMessages from './locales/tr/messages.json';
import { boundedCache } from '../bounded-cache';

/** The languages GuestPass speaks; anything else falls back to English. */
export const SUPPORTED_LANGUAGES = ['en', 'tr'] as const;
export type Language = (typeof SUPPORTED_LANGUAGES)[number];

export const RESOURCES = {
  en: { messages: enMessages, cards: enCards, bulk: enBulk, cli: enCli },
  tr: { messages: trMessages, cards: trCards, bulk: trBulk, cli: trCli },
} as const;

export interface Translate {
  (key: string, params?: Record<string, unknown>): string;
  /** The language texts come in: cards carry it in their buttons' data, so an answer keeps the card's language. */
  readonly language?: Language;
}

/** Teams sends the client's locale (`tr-TR`, `en-US`…) on every activity; the language part picks resources. */
export function languageOf(locale: unknown): Language {
  const primary = (typeof locale === 'string' ? locale : '').toLowerCase().split(/[-_]/)[0];
  return (SUPPORTED_LANGUAGES as readonly string[]).includes(primary ?? '') ? (primary as Language) : 'en';
}

let instance: i18n | undefined;

function engine(): i18n {
  if (!instance) {
    instance = i18next.createInstance();
    void instance.init({
      resources: RESOURCES,
      fallbackLng: 'en',
      supportedLngs: [...SUPPORTED_LANGUAGES],
      ns: ['messages', 'cards', 'bulk', 'cli'],
      defaultNS: 'messages',
      initAsync: false,
      // Cards and chat text are not HTML; escaping would show `&amp;` to people.
      interpolation: { escapeValue: false },
      returnNull: false,
      showSupportNotice: false,
    });
  }
  return instance;
}

/** A translator bound to one locale: `t('invite.sent', { email })` or `t('cards:form.title')`. */
const translators = new Map<Language, Translate>();
/** Texts without parameters (most card labels) never change, so each is looked up once per language. */
const MAX_FIXED_TEXTS = 5_000;

export function translatorFor(locale: unknown): Translate {
  const language = languageOf(locale);
  let translate = translators.get(language);
  if (!translate) {
    const fixed = engine().getFixedT(language);
    const fixedTexts = boundedCache<string, string>({ max: MAX_FIXED_TEXTS });
    const lookUp = (key: string, params?: Record<string, unknown>): string => {
      if (params !== undefined) return fixed(key, params) as string;
      let text = fixedTexts.get(key);
      if (text === undefined) {
        text = fixed(key, {}) as string;
        fixedTexts.set(key, text);
      }
      return text;
    };
    translate = Object.assign(lookUp, { language });
    translators.set(language, translate);
  }
  return translate;
}
