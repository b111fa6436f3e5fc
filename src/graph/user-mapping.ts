import { User } from '@microsoft/microsoft-graph-types';
import { DirectoryUser, normalizeExternalUserState } from '../invitation/directory-user';

/** The user properties GuestPass reads; externalUserState and friends come back only when selected. */
export const USER_SELECT = [
  'id',
  'displayName',
  'userPrincipalName',
  'mail',
  'otherMails',
  'userType',
  'externalUserState',
  'externalUserStateChangeDateTime',
  'creationType',
];

export function toDirectoryUser(user: User): DirectoryUser {
  const userType = user.userType === 'Member' || user.userType === 'Guest' ? user.userType : null;
  const changedAt = user.externalUserStateChangeDateTime ? new Date(user.externalUserStateChangeDateTime) : null;
  return {
    id: user.id ?? '',
    displayName: user.displayName ?? '',
    userPrincipalName: user.userPrincipalName ?? '',
    mail: user.mail ?? null,
    otherMails: (user.otherMails ?? []).filter((mail): mail is string => typeof mail === 'string'),
    userType,
    externalUserState: normalizeExternalUserState(user.externalUserState),
    externalUserStateChangedAt: changedAt && !Number.isNaN(changedAt.getTime()) ? changedAt : null,
    creationType: user.creationType ?? null,
  };
}
