import { InvitationRequest, RequestState } from '../../src/invitation/invitation-request';
import { seededRandom } from '../../test/support/seeded-random';

const DAY = 24 * 3_600_000;

/** Requests with work to do, the same in every seeded store: what changes between sizes is the settled history. */
export const LIVE = {
  /** Pending approval; of these, `expiring` are past `expiresAt` and the rest waited long enough to escalate. */
  pendingApproval: 20,
  expiring: 5,
  approved: 2,
  inviting: 2,
  /** Invited within the watch window, not accepted yet; of these, `groupRetries` have a group addition due. */
  waiting: 40,
  groupRetries: 10,
};

/** The one requester whose `pending` is measured, and the guest (re-invited once) whose inviter is looked up. */
export const BENCH_REQUESTER = 'requester-00';
export const REINVITED_GUEST = '00000000-0000-4000-8000-00000000a11c';
export const REINVITED_ADDRESS = 'returning.guest@fabrikam.example';
const REQUESTERS = 20;

/**
 * `count` stored requests as years of use leave them: the live ones above, then settled history reaching further
 * back the larger the store (a year at 1,000, six at 100,000): invited and accepted (most), rejected,
 * expired, cancelled, failed, and invited but never accepted long ago. Seeded, so every run seeds the same.
 */
export function storedRequests(count: number, now: Date, seed = 17): InvitationRequest[] {
  const random = seededRandom(seed + count);
  const nowMs = now.getTime();
  const historyDays = 365 * Math.max(1, Math.log10(count / 100) * 2.5 - 1.5);
  const requests: InvitationRequest[] = [];
  let next = 0;
  const make = (state: RequestState, ageMs: number, extra: Partial<InvitationRequest> = {}): InvitationRequest => {
    next += 1;
    const id = `B${String(next).padStart(7, '0')}`;
    const createdAt = new Date(nowMs - ageMs).toISOString();
    const requesterId = `requester-${String(next % REQUESTERS).padStart(2, '0')}`;
    return {
      id,
      tenantId: '00000000-0000-4000-8000-000000000001',
      requester: { id: requesterId, displayName: `Requester ${requesterId}`, userPrincipalName: `${requesterId}@contoso.example`, locale: 'en-US' },
      invitation: {
        email: `guest.${id.toLowerCase()}@fabrikam.example`,
        domain: 'fabrikam.example',
        displayName: `Guest ${id}`,
        customMessage: 'Welcome to the project',
        redirectUrl: 'https://myapplications.microsoft.com',
        sendEmail: true,
        userType: 'Guest',
      },
      state,
      createdAt,
      expiresAt: new Date(nowMs - ageMs + 7 * DAY).toISOString(),
      approval: { reasons: ['untrustedDomain'], adminOnly: false },
      transitions: [{ from: null, to: state, at: createdAt }],
      ...extra,
    };
  };
  const guest = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
  const invited = (ageMs: number, extra: Partial<InvitationRequest> = {}) => make('invited', ageMs, { result: { userId: guest(next + 1), groups: [] }, ...extra });

  for (let i = 0; i < LIVE.pendingApproval; i++) {
    // Expiring ones are 8 days old (past their week); the others 2–6 days, long past any escalation wait.
    requests.push(make('pendingApproval', i < LIVE.expiring ? 8 * DAY : (2 + (i % 5)) * DAY));
  }
  for (let i = 0; i < LIVE.approved; i++) requests.push(make('approved', 60_000 * (i + 1)));
  for (let i = 0; i < LIVE.inviting; i++) requests.push(make('inviting', 60_000 * (i + 1)));
  for (let i = 0; i < LIVE.waiting; i++) {
    const ageMs = (1 + ((i * 4) % 170)) * DAY;
    const groups = i < LIVE.groupRetries ? { groups: [{ id: 'group-1', kind: 'group' as const, state: 'pending' as const, attempts: 2, nextAttemptAt: new Date(nowMs - 60_000).toISOString() }] } : {};
    const request = invited(ageMs);
    request.result = { ...request.result, ...groups };
    if (i % 4 === 0) request.requester = { ...request.requester, id: BENCH_REQUESTER };
    requests.push(request);
  }
  // The guest invited twice, long ago and recently: "who invited" must answer the first.
  requests.push(invited(300 * DAY, { invitation: { ...requests[0]!.invitation, email: REINVITED_ADDRESS }, result: { userId: REINVITED_GUEST }, redemption: { acceptedAt: new Date(nowMs - 299 * DAY).toISOString() } }));
  requests.push(invited(2 * DAY, { invitation: { ...requests[0]!.invitation, email: REINVITED_ADDRESS }, result: { userId: REINVITED_GUEST }, redemption: { acceptedAt: new Date(nowMs - 299 * DAY).toISOString() } }));

  while (requests.length < count) {
    const ageMs = Math.floor(DAY + random() * historyDays * DAY);
    const draw = random();
    const at = new Date(nowMs - ageMs + DAY).toISOString();
    if (draw < 0.62) {
      requests.push(invited(ageMs, { redemption: { acceptedAt: at, notifiedAt: at } }));
    } else if (draw < 0.74) {
      requests.push(make('rejected', ageMs));
    } else if (draw < 0.84) {
      requests.push(make('expired', ageMs));
    } else if (draw < 0.9) {
      requests.push(make('cancelled', ageMs));
    } else if (draw < 0.95) {
      requests.push(make('failed', ageMs, { result: { errorKind: 'insufficientPrivileges' } }));
    } else {
      // Never accepted: only ever watched while young, so these are older than the watch window.
      requests.push(invited(Math.max(ageMs, 200 * DAY)));
    }
  }
  return requests.slice(0, count);
}
