import { AuditEntry } from '../../src/invitation/audit-trail';
import { DirectoryError } from '../../src/invitation/directory-error';
import { DirectoryUser } from '../../src/invitation/directory-user';
import { GuestStatusOutcome } from '../../src/invitation/guest-status';
import { GroupAddition, InvitationRequest, RequestState } from '../../src/invitation/invitation-request';
import { PendingGuestsOutcome } from '../../src/invitation/pending-guests';
import { SubmitOutcome } from '../../src/invitation/submit-invitation';
import { FormatDate } from '../../src/cards/format-date';

/** Sample data for the card tests: one realistic value per shape the cards render. */

/** A fixed, locale-free format keeps assertions independent of the machine's time zone. */
export const formatDate: FormatDate = (date) => new Date(date).toISOString().slice(0, 16).replace('T', ' ');

export const REDEEM_URL = 'https://login.microsoftonline.com/redeem?rd=https%3a%2f%2finvitations.microsoft.com%2fredeem%2f%3ftenant%3dabc';
export const APPROVER_IDS = ['approver-1', 'approver-2'];

const AYSE = { id: 'requester-ayse', displayName: 'Ayşe Yılmaz' };
const BORA = { id: 'approver-1', displayName: 'Bora Demir' };

export function request(state: RequestState, overrides: Partial<InvitationRequest> = {}): InvitationRequest {
  const base: InvitationRequest = {
    id: '7KQ2M9XD',
    requester: { ...AYSE, userPrincipalName: 'ayse@contoso.example', locale: 'tr-TR' },
    invitation: {
      email: 'gita@fabrikam.example',
      domain: 'fabrikam.example',
      displayName: 'Gita Guest',
      customMessage: 'Welcome to the project [see](https://evil.example)',
      ccRecipient: 'manager@fabrikam.example',
      redirectUrl: 'https://myapplications.microsoft.com',
      messageLanguage: 'tr-TR',
      sendEmail: true,
      userType: 'Guest',
    },
    state: 'pendingApproval',
    createdAt: '2025-03-01T09:00:00.000Z',
    expiresAt: '2025-03-04T09:00:00.000Z',
    approval: { reasons: ['always', 'untrustedDomain', 'memberInvitation'], adminOnly: true },
    groupIds: ['group-1', 'team-1'],
    transitions: [{ from: null, to: 'pendingApproval', at: '2025-03-01T09:00:00.000Z', by: AYSE }],
  };
  return { ...base, ...decided(state, base), ...overrides, state };
}

/** What each state adds to a request: the decision, the result, the last transition. */
function decided(state: RequestState, base: InvitationRequest): Partial<InvitationRequest> {
  const at = '2025-03-02T10:30:00.000Z';
  const approval = { ...base.approval!, decidedBy: BORA, decidedAt: at };
  const step = (to: RequestState, by = BORA) => [...base.transitions, { from: 'pendingApproval' as const, to, at, by }];
  switch (state) {
    case 'pendingApproval':
      return {};
    case 'approved':
    case 'inviting':
      return { approval, transitions: step(state) };
    case 'invited':
      return { approval, transitions: step(state), result: { userId: 'guest-object-1' } };
    case 'failed':
      return {
        approval,
        transitions: step(state),
        result: { errorKind: 'blockedByTenantPolicy', errorMessage: 'blocked', graphRequestId: 'graph-req-9', retryable: false },
      };
    case 'rejected':
      return { approval: { ...approval, rejectionReason: 'We do not work with [them](https://evil.example)' }, transitions: step(state) };
    case 'expired':
      return { transitions: [...base.transitions, { from: 'pendingApproval', to: 'expired', at }] };
    case 'cancelled':
      return { transitions: step(state, AYSE) };
  }
}

export const STATES: RequestState[] = ['pendingApproval', 'approved', 'inviting', 'invited', 'failed', 'rejected', 'expired', 'cancelled'];

export function user(overrides: Partial<DirectoryUser> = {}): DirectoryUser {
  return {
    id: 'guest-object-1',
    displayName: 'Gita Guest',
    userPrincipalName: 'gita_fabrikam.example#EXT#@contoso.onmicrosoft.com',
    mail: 'gita@fabrikam.example',
    userType: 'Guest',
    externalUserState: 'PendingAcceptance',
    externalUserStateChangedAt: new Date('2025-03-02T11:00:00.000Z'),
    creationType: 'Invitation',
    ...overrides,
  };
}

export const ACCEPTED = user({ id: 'guest-object-2', externalUserState: 'Accepted' });
export const MEMBER = user({
  id: 'member-object-3',
  userPrincipalName: 'gita@contoso.example',
  userType: 'Member',
  externalUserState: null,
  externalUserStateChangedAt: null,
  creationType: null,
});

export const OUTCOMES: Record<string, SubmitOutcome> = {
  invalid: {
    kind: 'invalid',
    problems: [
      { field: 'email', code: 'invalid', params: { value: 'gita@' } },
      { field: 'customMessage', code: 'tooLong', params: { max: 1000, length: 1200 } },
      { field: 'redirectUrl', code: 'notHttps', params: { value: 'http://x.example' } },
    ],
  },
  refusedDomain: { kind: 'refused', reason: 'domainNotAllowed', params: { domain: 'fabrikam.example' } },
  refusedQuota: { kind: 'refused', reason: 'dailyQuotaReached', params: { limit: 50 } },
  refusedInviter: { kind: 'refused', reason: 'notAnInviter' },
  internalAddress: { kind: 'internalAddress', email: 'colleague@contoso.example', domain: 'contoso.example' },
  alreadyExistsOne: { kind: 'alreadyExists', email: 'gita@fabrikam.example', users: [user()] },
  alreadyExistsMany: { kind: 'alreadyExists', email: 'gita@fabrikam.example', users: [user(), ACCEPTED, MEMBER] },
  alreadyRequestedByOther: { kind: 'alreadyRequested', email: 'Gita@fabrikam.example', request: request('inviting'), yours: false },
  alreadyRequestedYours: { kind: 'alreadyRequested', email: 'gita@fabrikam.example', request: request('pendingApproval'), yours: true },
  pendingApproval: { kind: 'pendingApproval', request: request('pendingApproval'), route: { kind: 'asked', audience: 'approvers' } },
  pendingApprovalNotAdminOnly: {
    kind: 'pendingApproval',
    request: request('pendingApproval', { approval: { reasons: ['untrustedDomain'], adminOnly: false } }),
    route: { kind: 'asked', audience: 'approvers' },
  },
  pendingApprovalFallbackOnlyRequester: {
    kind: 'pendingApproval',
    request: request('pendingApproval', { approval: { reasons: ['untrustedDomain'], adminOnly: false } }),
    route: { kind: 'asked', audience: 'fallbackApprovers', passedOver: 'onlyRequester' },
  },
  pendingApprovalAdminsUnreachableApprovers: {
    kind: 'pendingApproval',
    request: request('pendingApproval', { approval: { reasons: ['untrustedDomain'], adminOnly: false } }),
    route: { kind: 'asked', audience: 'admins', passedOver: 'unreachable' },
  },
  pendingApprovalNobodyOnlyRequester: {
    kind: 'pendingApproval',
    request: request('pendingApproval', { approval: { reasons: ['always'], adminOnly: false } }),
    route: { kind: 'nobody', reason: 'onlyRequester' },
  },
  pendingApprovalNobodyUnreachable: {
    kind: 'pendingApproval',
    request: request('pendingApproval', { approval: { reasons: ['always'], adminOnly: false } }),
    route: { kind: 'nobody', reason: 'unreachable' },
  },
  invitedEmailSent: { kind: 'invited', request: request('invited') },
  invitedEmailWithheld: { kind: 'invited', request: withheld(request('invited')), redeemUrl: REDEEM_URL },
  invitedEmailWithheldNoLink: { kind: 'invited', request: withheld(request('invited')) },
  failedWithRequest: { kind: 'failed', request: request('failed'), error: new DirectoryError('throttled', 'busy', 'graph-req-1') },
  failedBeforeRequest: { kind: 'failed', error: new DirectoryError('authenticationFailed', 'no token') },
};

export function withheld(value: InvitationRequest): InvitationRequest {
  return { ...value, invitation: { ...value.invitation, sendEmail: false } };
}

export const FOUND: Extract<GuestStatusOutcome, { kind: 'found' }> = {
  kind: 'found',
  query: { by: 'email', email: 'gita@fabrikam.example' },
  guests: [{ user: user(), request: request('invited') }, { user: ACCEPTED }, { user: MEMBER }],
  more: false,
};

export const SPONSORS = [
  { id: 'requester-ayse', displayName: 'Ayşe Yılmaz', mail: 'ayse@contoso.example' },
  { id: 'approver-1', displayName: 'Bora Demir', mail: null },
];

/** A search by name that matched more people than shown, each with the viewer's own rights. */
export const FOUND_BY_NAME: Extract<GuestStatusOutcome, { kind: 'found' }> = {
  kind: 'found',
  query: { by: 'name', name: 'Gi' },
  guests: [
    { user: user(), request: request('invited'), sponsors: SPONSORS, rights: { resend: true, newLink: true, reset: false } },
    { user: ACCEPTED, sponsors: [], rights: { resend: true, newLink: false, reset: true } },
    { user: user({ id: 'guest-object-4', mail: null, externalUserState: null, externalUserStateChangedAt: null }), rights: { resend: true, newLink: true, reset: true } },
  ],
  more: true,
};

/** One group addition in every state. */
export const GROUP_ADDITIONS: GroupAddition[] = [
  { id: 'group-1', kind: 'group', displayName: 'Project Falcon', state: 'added', attempts: 1 },
  { id: 'team-1', kind: 'team', displayName: 'Falcon Partners', state: 'alreadyMember', attempts: 1 },
  { id: 'team-2', kind: 'team', displayName: 'Falcon Suppliers', state: 'addedToTeamGroup', attempts: 1 },
  { id: 'group-2', kind: 'group', displayName: 'Suppliers', state: 'pending', attempts: 1, errorKind: 'notFound', nextAttemptAt: '2025-03-02T10:32:00.000Z' },
  { id: 'group-3', kind: 'group', state: 'pending', attempts: 0 },
  { id: 'group-4', kind: 'group', displayName: 'Board', state: 'failed', attempts: 2, errorKind: 'insufficientPrivileges' },
];

export function withGroups(value: InvitationRequest, groups: GroupAddition[] = GROUP_ADDITIONS): InvitationRequest {
  return { ...value, result: { ...value.result, groups } };
}

export function pendingGuests(count: number): DirectoryUser[] {
  return Array.from({ length: count }, (_, i) =>
    user({ id: `pending-${i}`, displayName: `Pending Guest ${i}`, mail: `p${i}@fabrikam.example`, externalUserStateChangedAt: new Date(Date.UTC(2025, 2, 1 + (i % 28))) }),
  );
}

export const PENDING: Extract<PendingGuestsOutcome, { kind: 'listed' }> = {
  kind: 'listed',
  tenant: pendingGuests(3),
  complete: true,
  mine: [{ request: request('invited'), user: user() }],
};

export const AUDIT: AuditEntry[] = [
  { at: '2025-03-02T10:31:00.000Z', event: 'graph.invitation.succeeded', requestId: '7KQ2M9XD', subject: 'gita@fabrikam.example' },
  { at: '2025-03-02T10:30:00.000Z', event: 'request.approved', requestId: '7KQ2M9XD', actor: BORA, subject: 'gita@fabrikam.example' },
  { at: '2025-03-01T09:00:00.000Z', event: 'request.created', requestId: '7KQ2M9XD', actor: AYSE, subject: 'gita@fabrikam.example' },
  { at: '2025-03-01T08:00:00.000Z', event: 'policy.reloaded' },
];
