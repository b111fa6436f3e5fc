import { renderActionNote } from '../../src/cards/action-note-card';
import { AdaptiveCard } from '../../src/cards/adaptive-card';
import { renderApprovalCard } from '../../src/cards/approval-card';
import { renderAuditEntries } from '../../src/cards/audit-card';
import { renderGuestStatus } from '../../src/cards/guest-status-card';
import { renderHelp } from '../../src/cards/help-card';
import { renderOwnRequest, renderSubmitOutcome } from '../../src/cards/invitation-result-card';
import { InviteFormData, renderInviteForm } from '../../src/cards/invite-form-card';
import { renderRequestList } from '../../src/cards/request-list-card';
import { renderPendingGuests } from '../../src/cards/pending-guests-card';
import { renderRedeemLink } from '../../src/cards/redeem-link-card';
import { renderResetConfirmation } from '../../src/cards/reset-confirmation-card';
import { renderRequestNews } from '../../src/cards/request-news-card';
import { Translate } from '../../src/i18n';
import { REGISTRY } from '../../src/teams/handlers/registry';
import { ValidationProblem } from '../../src/invitation/invitation-draft';
import {
  APPROVER_IDS,
  AUDIT,
  FOUND,
  FOUND_BY_NAME,
  MEMBER,
  OUTCOMES,
  PENDING,
  REDEEM_URL,
  STATES,
  formatDate,
  pendingGuests,
  request,
  user,
  withGroups,
  withheld,
} from './fixtures';
import { GOVERNANCE_VARIANTS } from './governance-variants';

/** Every card in every variant the bot can show, by name; the tests render each in every locale. */

export const FORM_BASE: InviteFormData = {
  maxMessageLength: 1000,
  defaultRedirectUrl: 'https://myapplications.microsoft.com',
  canInviteMembers: false,
  offeredGroups: [],
  accessEnd: { earliest: '2025-03-01' },
};

export const TYPED_VALUES = {
  email: 'gita@',
  displayName: 'Gita Guest',
  message: 'Hello Gita',
  cc: 'gita@fabrikam.example',
  redirectUrl: 'http://intranet.example',
  language: 'xx-invalid-tag',
  sendEmail: 'false',
  member: 'true',
  groups: 'group-1,team-1',
  accessEnd: '2031-01-01',
} as const;

/** One problem of every code, on every field the validator reports. */
export const ALL_PROBLEMS: ValidationProblem[] = [
  { field: 'email', code: 'invalid', params: { value: 'gita@' } },
  { field: 'email', code: 'missing' },
  { field: 'displayName', code: 'tooLong', params: { max: 256 } },
  { field: 'customMessage', code: 'tooLong', params: { max: 1000, length: 1200 } },
  { field: 'ccRecipient', code: 'sameAsInvitee' },
  { field: 'redirectUrl', code: 'notHttps', params: { value: 'http://intranet.example' } },
  { field: 'messageLanguage', code: 'invalid', params: { value: 'xx-invalid-tag' } },
  { field: 'accessEnd', code: 'beyondMax', params: { latest: '2025-08-28', maxDays: 180 } },
];

const GROUPS: InviteFormData['offeredGroups'] = [
  { id: 'group-1', displayName: 'Project Falcon', kind: 'group' },
  { id: 'team-1', displayName: 'Falcon Partners', kind: 'team' },
];
const MANY_GROUPS = Array.from({ length: 8 }, (_, i) => ({ id: `g${i}`, displayName: `Group ${i}`, kind: 'group' as const }));

const ALL_ACTIONS = { resend: true, newLink: true, reset: true };

export const VARIANTS: Record<string, (t: Translate) => AdaptiveCard> = {
  'form: empty': (t) => renderInviteForm(t, FORM_BASE),
  'form: with Member toggle and groups': (t) => renderInviteForm(t, { ...FORM_BASE, canInviteMembers: true, offeredGroups: GROUPS }),
  'form: with many groups': (t) => renderInviteForm(t, { ...FORM_BASE, offeredGroups: MANY_GROUPS }),
  'form: access end bounded, with a default': (t) =>
    renderInviteForm(t, { ...FORM_BASE, accessEnd: { earliest: '2025-03-01', latest: '2025-08-28', defaultDays: 90 } }),
  'form: no default redirect': (t) => renderInviteForm(t, { ...FORM_BASE, defaultRedirectUrl: '' }),
  'form: re-shown with problems': (t) =>
    renderInviteForm(t, { ...FORM_BASE, canInviteMembers: true, offeredGroups: GROUPS, values: TYPED_VALUES, problems: ALL_PROBLEMS }),
  'form: one problem, boolean values': (t) =>
    renderInviteForm(t, { ...FORM_BASE, values: { email: '', sendEmail: true }, problems: [{ field: 'email', code: 'missing' }] }),

  ...Object.fromEntries(
    Object.entries(OUTCOMES).map(([name, outcome]) => [`result: ${name}`, (t: Translate) => renderSubmitOutcome(t, outcome, formatDate)]),
  ),

  'status: with all actions': (t) => renderGuestStatus(t, FOUND, { formatDate, actions: ALL_ACTIONS }),
  'status: without actions': (t) => renderGuestStatus(t, FOUND, { formatDate }),
  'status: actions switched off': (t) =>
    renderGuestStatus(t, FOUND, { formatDate, actions: { resend: false, newLink: false, reset: false } }),
  'status: null state only': (t) =>
    renderGuestStatus(t, { ...FOUND, guests: [{ user: MEMBER }] }, { formatDate, actions: ALL_ACTIONS }),
  'status: by name, more matches, sponsors and per-guest rights': (t) => renderGuestStatus(t, FOUND_BY_NAME, { formatDate }),
  'status: Pending Acceptance with approval reasons': (t) =>
    renderGuestStatus(t, { ...FOUND, guests: [{ user: user(), request: request('invited', { approval: { reasons: ['untrustedDomain'], adminOnly: false } }) }] }, { formatDate }),
  'status: unknown creation type': (t) =>
    renderGuestStatus(t, { ...FOUND, guests: [{ user: user({ creationType: 'SomethingNew', userType: null }) }] }, { formatDate }),

  ...Object.fromEntries(
    STATES.flatMap((state) =>
      (['approver', 'readOnly'] as const).map((mode) => [
        `approval: ${state}, ${mode}`,
        (t: Translate) => renderApprovalCard(t, request(state), { mode, approverIds: APPROVER_IDS, formatDate }),
      ]),
    ),
  ),
  'approval: minimal request': (t) =>
    renderApprovalCard(
      t,
      request('pendingApproval', {
        requester: { id: 'r', displayName: 'Rıza' },
        invitation: { email: 'x@y.example', domain: 'y.example', redirectUrl: 'https://y.example', sendEmail: false, userType: 'Member' },
        expiresAt: undefined,
        groupIds: undefined,
        approval: { reasons: [], adminOnly: false },
      }),
      { mode: 'approver', approverIds: [], formatDate, groups: [{ id: 'group-1', displayName: 'Project Falcon' }] },
    ),
  'approval: invited, no approval needed': (t) =>
    renderApprovalCard(t, request('invited', { approval: undefined }), { mode: 'readOnly', approverIds: [], formatDate }),
  'approval: cancelled, no recorded actor': (t) =>
    renderApprovalCard(t, request('cancelled', { approval: undefined, transitions: [] }), {
      mode: 'readOnly',
      approverIds: APPROVER_IDS,
      formatDate,
    }),
  'approval: inviting, with a problem': (t) =>
    renderApprovalCard(t, request('inviting'), { mode: 'readOnly', approverIds: [], formatDate, problem: t('errors.unfinished') }),
  'status: by name, with an outcome next to one guest': (t) =>
    renderGuestStatus(t, FOUND_BY_NAME, {
      formatDate,
      notes: new Map([[FOUND_BY_NAME.guests[1]!.user.id, { text: t('reset.cancelled') }]]),
    }),
  'status: a refused outcome next to the guest': (t) =>
    renderGuestStatus(t, FOUND, { formatDate, actions: ALL_ACTIONS, notes: new Map([['guest-object-1', { text: t('errors.unfinished'), refused: true }]]) }),
  'reset: confirmation': (t) =>
    renderResetConfirmation(t, { email: 'gita@fabrikam.example', userId: 'guest-object-2', name: 'Gita Guest', query: 'gita', once: 'Accepted@1' }),
  'reset: confirmation to another address, no name': (t) =>
    renderResetConfirmation(t, { email: 'gita@fabrikam.example', userId: 'guest-object-2', newEmail: 'gita@home.example', once: 'Accepted@1' }),
  'note: resend under way': (t) => renderActionNote(t, { action: 'resend', text: t('cards:actionNote.resending'), working: true }),
  'note: reset under way': (t) => renderActionNote(t, { action: 'reset', text: t('cards:actionNote.resetting'), working: true }),
  'note: bulk starting': (t) => renderActionNote(t, { action: 'bulk', text: t('cards:actionNote.bulkStarting', { fileName: 'guests.csv' }), working: true }),
  'note: refused': (t) => renderActionNote(t, { action: 'resend', text: t('errors.unfinished'), refused: true }),
  'note: taking longer': (t) => renderActionNote(t, { action: 'other', text: t('cards:actionNote.takingLonger'), working: true }),

  ...Object.fromEntries(
    STATES.map((state) => [`news: ${state}`, (t: Translate) => renderRequestNews(t, request(state), { formatDate })]),
  ),
  'news: invited, email withheld': (t) => renderRequestNews(t, withheld(request('invited')), { formatDate, redeemUrl: REDEEM_URL }),
  'news: invited, email withheld, link sent privately': (t) =>
    renderRequestNews(t, withheld(request('invited')), { formatDate, redeemUrl: REDEEM_URL, linkSentElsewhere: 'privately' }),
  'news: invited, email withheld, link not delivered': (t) =>
    renderRequestNews(t, withheld(request('invited')), { formatDate, redeemUrl: REDEEM_URL, linkSentElsewhere: 'notDelivered' }),
  'result: invitedEmailWithheld, link sent privately': (t) => renderSubmitOutcome(t, OUTCOMES.invitedEmailWithheld!, formatDate, 'privately'),
  'result: invitedEmailWithheld, link not delivered': (t) => renderSubmitOutcome(t, OUTCOMES.invitedEmailWithheld!, formatDate, 'notDelivered'),
  'news: invited, with groups in every state': (t) => renderRequestNews(t, withGroups(request('invited')), { formatDate }),
  'news: groups settled': (t) => renderRequestNews(t, withGroups(request('invited')), { formatDate, topic: 'groups' }),
  'news: guest accepted': (t) =>
    renderRequestNews(t, { ...request('invited'), redemption: { acceptedAt: '2025-03-03T08:00:00.000Z' } }, { formatDate, topic: 'accepted' }),
  'news: guest accepted, no display name': (t) =>
    renderRequestNews(t, { ...request('invited'), invitation: { ...request('invited').invitation, displayName: undefined } }, { formatDate, topic: 'accepted' }),
  'result: invited with groups': (t) => renderSubmitOutcome(t, { kind: 'invited', request: withGroups(request('invited')) }, formatDate),
  'result: closed while it waited': (t) => renderSubmitOutcome(t, { kind: 'closed', request: request('cancelled') }, formatDate),
  'result: refused, group not offered': (t) =>
    renderSubmitOutcome(t, { kind: 'refused', reason: 'groupNotOffered', params: { groups: 'group-9' } }, formatDate),

  'pending: mine and tenant': (t) => renderPendingGuests(t, PENDING, formatDate),
  'pending: with Resend on own guests and an outcome beside one': (t) =>
    renderPendingGuests(t, PENDING, formatDate, {
      resend: true,
      notes: new Map([[PENDING.mine[0]!.user.id, { text: t('errors.unfinished'), refused: true }]]),
    }),
  'pending: long and incomplete, with Resend': (t) =>
    renderPendingGuests(
      t,
      { ...PENDING, tenant: pendingGuests(60), complete: false, mine: pendingGuests(30).map((guest, i) => ({ user: guest, request: request('invited', { id: `MINE${i}` }) })) },
      formatDate,
      { resend: true },
    ),
  'pending: both empty': (t) => renderPendingGuests(t, { ...PENDING, tenant: [], mine: [] }, formatDate),
  'pending: one each': (t) => renderPendingGuests(t, { ...PENDING, tenant: pendingGuests(1) }, formatDate),
  'pending: long and incomplete': (t) =>
    renderPendingGuests(
      t,
      {
        ...PENDING,
        tenant: pendingGuests(60),
        complete: false,
        mine: pendingGuests(30).map((guest, i) => ({ user: guest, request: request('invited', { id: `MINE${i}` }) })),
      },
      formatDate,
    ),

  'link: fresh redeem link': (t) => renderRedeemLink(t, { email: 'gita@fabrikam.example', displayName: 'Gita Guest', redeemUrl: REDEEM_URL }),
  'link: no display name': (t) => renderRedeemLink(t, { email: 'gita@fabrikam.example', displayName: '', redeemUrl: `${REDEEM_URL}x` }),

  'news: failed without Graph request id': (t) =>
    renderRequestNews(t, request('failed', { result: { errorKind: 'unavailable' } }), { formatDate }),

  'list: pending approvals, empty': (t) => renderRequestList(t, { kind: 'pendingApprovals', requests: [], formatDate }),
  'list: pending approvals': (t) =>
    renderRequestList(t, {
      kind: 'pendingApprovals',
      requests: [request('pendingApproval'), request('pendingApproval', { id: 'SECOND01' }), request('expired', { id: 'OLD00001' })],
      formatDate,
    }),
  'list: pending approvals, one decided since, viewer may act on one': (t) =>
    renderRequestList(t, {
      kind: 'pendingApprovals',
      requests: [request('approved'), request('pendingApproval', { id: 'SECOND01' }), request('pendingApproval', { id: 'THIRD001' })],
      formatDate,
      actionable: new Set(['SECOND01']),
    }),
  'own request: pending': (t) => renderOwnRequest(t, request('pendingApproval'), formatDate),
  'own request: rejected': (t) => renderOwnRequest(t, request('rejected'), formatDate),
  'list: my requests, empty': (t) => renderRequestList(t, { kind: 'myRequests', requests: [], formatDate }),
  'list: my requests, every state': (t) =>
    renderRequestList(t, { kind: 'myRequests', requests: STATES.map((state, i) => request(state, { id: `REQ${i}` })), formatDate }),
  'list: one request': (t) => renderRequestList(t, { kind: 'myRequests', requests: [request('approved')], formatDate }),

  'audit: entries': (t) => renderAuditEntries(t, AUDIT, formatDate),
  'audit: empty': (t) => renderAuditEntries(t, [], formatDate),

  'help: every command': (t) => renderHelp(t, { commands: REGISTRY.help }),
  'help: open commands, for an account that may not act': (t) => renderHelp(t, { commands: REGISTRY.openHelp, notice: t('messages:accountRefused.guest') }),
  'help: given commands': (t) => renderHelp(t, { commands: [{ usage: 'status EMAIL', descriptionKey: 'messages:help.status' }] }),

  ...GOVERNANCE_VARIANTS,
};
