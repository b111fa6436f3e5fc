import { TurnContext } from 'botbuilder';
import { Translate } from '../i18n';
import { Requester } from '../invitation/requester';

/** One incoming activity as the handlers see it: who asked, in which language, and how to answer. */
export interface Turn {
  context: TurnContext;
  requester: Requester;
  t: Translate;
  formatDate(value: Date | string): string;
}

/** Dates in the requester's language; UTC and said so, since the bot does not know the person's time zone. */
export function dateFormatterFor(locale: string | undefined): (value: Date | string) => string {
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat(locale || 'en-US', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });
  } catch {
    format = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });
  }
  return (value) => `${format.format(typeof value === 'string' ? new Date(value) : value)} UTC`;
}
