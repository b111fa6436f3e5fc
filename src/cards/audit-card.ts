import { Translate } from '../i18n';
import { AuditEntry } from '../invitation/audit-trail';
import { AdaptiveCard, CardElement } from './adaptive-card';
import { adaptiveCard, container, heading, subtle, textBlock } from './elements';
import { FormatDate } from './format-date';

/** The latest audit entries, newest first as given, two short lines each so fifty fit in one card. */
export function renderAuditEntries(t: Translate, entries: AuditEntry[], formatDate: FormatDate): AdaptiveCard {
  const header = heading(t('cards:audit.title'));
  if (entries.length === 0) return adaptiveCard([header, textBlock(t('cards:audit.empty'))]);
  const rows: CardElement[] = entries.map((entry) =>
    container(
      [
        textBlock(t('cards:audit.line', { at: formatDate(entry.at), event: eventLabel(t, entry.event) }), { weight: 'bolder' }),
        ...detailLine(t, entry),
      ],
      { separator: true, spacing: 'small' },
    ),
  );
  return adaptiveCard([header, ...rows]);
}

/**
 * Event names are dotted (`graph.invitation.failed`), and dots are i18next's key separator: the key is the
 * camel-cased name. Events added later show under their raw name until someone translates them.
 */
export function eventLabel(t: Translate, event: string): string {
  const key = event.replace(/[^A-Za-z0-9]+([A-Za-z0-9])/g, (_, next: string) => next.toUpperCase());
  return t(`cards:audit.events.${key}`, { defaultValue: event });
}

function detailLine(t: Translate, entry: AuditEntry): CardElement[] {
  const parts = [
    entry.actor ? t('cards:audit.actor', { name: entry.actor.displayName }) : undefined,
    entry.subject ? t('cards:audit.subject', { subject: entry.subject }) : undefined,
    entry.requestId ? t('cards:audit.requestId', { id: entry.requestId }) : undefined,
  ].filter((part): part is string => part !== undefined);
  return parts.length > 0 ? [subtle(parts.join(' · '), { spacing: 'none' })] : [];
}
