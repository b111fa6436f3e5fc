import { Translate } from '../i18n';
import { GroupAddition } from '../invitation/invitation-request';
import { CardElement } from './adaptive-card';
import { bullets, textBlock } from './elements';
import { FormatDate } from './format-date';
import { directoryErrorText } from '../i18n/labels';

/**
 * What became of each group and team the request named, one line each. Shared by the invited card and the news
 * the requester gets once additions that had to wait for replication are settled, so both read the same.
 */
export function groupResults(t: Translate, groups: GroupAddition[] | undefined, formatDate: FormatDate): CardElement[] {
  if (!groups || groups.length === 0) return [];
  return [textBlock(t('cards:groups.title'), { weight: 'bolder', separator: true }), ...bullets(groups.map((group) => groupLine(t, group, formatDate)))];
}

function groupLine(t: Translate, group: GroupAddition, formatDate: FormatDate): string {
  const name = t(`cards:form.groups.${group.kind}`, { name: group.displayName ?? group.id });
  switch (group.state) {
    case 'added':
      return t('cards:groups.added', { name });
    case 'alreadyMember':
      return t('cards:groups.alreadyMember', { name });
    case 'addedToTeamGroup':
      return t('cards:groups.addedToTeamGroup', { name });
    case 'pending':
      return group.nextAttemptAt
        ? t('cards:groups.pendingUntil', { name, at: formatDate(group.nextAttemptAt) })
        : t('cards:groups.pending', { name });
    case 'failed':
      return t('cards:groups.failed', { name, error: directoryErrorText(t, group.errorKind ?? 'unknown') });
  }
}
