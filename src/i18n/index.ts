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
      const templateKey = params === undefined ? key : templateKeyOf(key, params);
      if (templateKey === undefined) return fixed(key, params) as string;
      let text = fixedTexts.get(templateKey);
      if (text === undefined) {
        text = fixed(key, params === undefined ? {} : withPlaceholders(params)) as string;
        fixedTexts.set(templateKey, text);
      }
      return params === undefined ? text : fillPlaceholders(text, params);
    };
    translate = Object.assign(lookUp, { language });
    translators.set(language, translate);
  }
  return translate;
}

/**
 * The names the locale files interpolate (`{{email}}`), but `count`, which picks a plural form. A call whose
 * parameters are all among them, with string or number values, has a text that depends only on which names it
 * gives and its `context`: i18next renders that text once, with placeholders, and later calls fill them in. An
 * interpolated call costs i18next tens of microseconds, several times on every card. Anything else (a count, an
 * option, another kind of value) goes to i18next every time.
 */
const INTERPOLATED_NAMES: ReadonlySet<string> = new Set(
  Object.values(RESOURCES)
    .flatMap((namespaces) => Object.values(namespaces).map((texts) => JSON.stringify(texts)))
    .flatMap((json) => [...json.matchAll(/{{\s*(\w+)\s*}}/g)].map((match) => match[1]!))
    .filter((name) => name !== 'count'),
);
const PLACEHOLDER_MARK = '\u0000';
const PLACEHOLDER = /\u0000(\w+)\u0000/g;

function templateKeyOf(key: string, params: Record<string, unknown>): string | undefined {
  let names = '';
  for (const [name, value] of Object.entries(params)) {
    if (name === 'context') {
      if (typeof value !== 'string') return undefined;
      continue;
    }
    if (!INTERPOLATED_NAMES.has(name) || (typeof value !== 'string' && typeof value !== 'number')) return undefined;
    names += `,${name}`;
  }
  // A NUL cannot occur in a key or a context the code writes, so the parts cannot run into each other.
  return `${key}${PLACEHOLDER_MARK}${typeof params.context === 'string' ? params.context : ''}${PLACEHOLDER_MARK}${names}`;
}

function withPlaceholders(params: Record<string, unknown>): Record<string, unknown> {
  const marked: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(params)) marked[name] = name === 'context' ? value : `${PLACEHOLDER_MARK}${name}${PLACEHOLDER_MARK}`;
  return marked;
}

function fillPlaceholders(text: string, params: Record<string, unknown>): string {
  return text.includes(PLACEHOLDER_MARK) ? text.replace(PLACEHOLDER, (_, name: string) => String(params[name])) : text;
}
