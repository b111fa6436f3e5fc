import { Translate } from '../i18n';
import { DirectoryUser } from '../invitation/directory-user';
import { FactSet } from './adaptive-card';
import { factSet } from './elements';
import { FormatDate } from './format-date';
import { creationTypeLabel, externalUserStateLabel, userTypeLabel } from '../i18n/labels';

/**
 * What the directory says about one user, as facts. Shared by the "already exists" answer and the status card
 * so both describe an account in the same words.
 */
export function directoryUserFacts(t: Translate, user: DirectoryUser, formatDate: FormatDate): FactSet[] {
  return factSet([
    [t('cards:user.displayName'), user.displayName],
    [t('cards:user.userPrincipalName'), user.userPrincipalName],
    [t('cards:user.mail'), user.mail],
    [t('cards:user.userType'), userTypeLabel(t, user.userType)],
    [t('cards:user.externalUserState'), externalUserStateLabel(t, user.externalUserState)],
    [t('cards:user.stateSince'), user.externalUserStateChangedAt ? formatDate(user.externalUserStateChangedAt) : undefined],
    [t('cards:user.creationType'), creationTypeLabel(t, user.creationType)],
    [t('cards:user.objectId'), user.id],
  ]);
}
