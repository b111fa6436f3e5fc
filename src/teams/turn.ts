import { TurnContext } from 'botbuilder';
import { Translate } from '../i18n';
import { Requester } from '../invitation/requester';
import { boundedCache } from '../bounded-cache';

/** One incoming activity as the handlers see it: who asked, in which language, and how to answer. */
export interface Turn {
  context: TurnContext;
  requester: Requester;
  t: Translate;
  formatDate(value: Date | string): string;
}

const DATE_STYLE: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' };
/** Building an Intl formatter is costly and locales are few: one per locale, made once. */
const formatters = boundedCache<string, Intl.DateTimeFormat>({ max: 200 });

function formatterFor(locale: string): Intl.DateTimeFormat {
  let format = formatters.get(locale);
  if (!format) {
    try {
      format = new Intl.DateTimeFormat(locale, DATE_STYLE);
    } catch {
      format = new Intl.DateTimeFormat('en-US', DATE_STYLE);
    }
    formatters.set(locale, format);
  }
  return format;
}

/** Dates in the requester's language; UTC and said so, since the bot does not know the person's time zone. */
export function dateFormatterFor(locale: string | undefined): (value: Date | string) => string {
  const format = formatterFor(locale || 'en-US');
  return (value) => `${format.format(typeof value === 'string' ? new Date(value) : value)} UTC`;
}
