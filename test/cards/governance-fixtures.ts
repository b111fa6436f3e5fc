import { GovernedGuest } from '../../src/invitation/lifecycle/governed-guest';

/** Governed guests in each state a lifecycle card shows. */

const AYSE = { id: 'requester-ayse', displayName: 'Ayşe Yılmaz' };
const BORA = { id: 'sponsor-bora', displayName: 'Bora Demir' };

export const REVIEWER_IDS = ['8:orgid:sponsor-bora', '8:orgid:sponsor-cem'];

export function governedGuest(overrides: Partial<GovernedGuest> = {}): GovernedGuest {
  return {
    userId: 'guest-object-1',
    address: 'gita@fabrikam.example',
    displayName: 'Gita [Guest](https://evil.example)',
    requestId: '7KQ2M9XD',
    invitedBy: AYSE,
    invitedAt: '2025-03-01T09:00:00.000Z',
    reason: 'Falcon design reviews',
    sponsorIds: ['sponsor-bora', 'sponsor-cem'],
    accessEndsAt: '2025-06-01T09:00:00.000Z',
    redemption: 'accepted',
    lastSignInAt: '2025-05-10T08:00:00.000Z',
    state: 'active',
    dueAt: '2025-05-18T09:00:00.000Z',
    review: {
      id: 'review-1',
      reason: 'accessEnding',
      startedAt: '2025-05-18T09:00:00.000Z',
      answerBy: '2025-05-25T09:00:00.000Z',
      askedIds: ['sponsor-bora', 'sponsor-cem'],
    },
    history: [{ at: '2025-03-01T09:00:00.000Z', what: 'enrolled' }],
    ...overrides,
  };
}

const decided = (kind: 'keep' | 'remove') => ({ kind, by: BORA, at: '2025-05-19T10:00:00.000Z', ...(kind === 'keep' ? { days: 90 } : {}) });

export const GOVERNED = {
  open: governedGuest(),
  escalated: governedGuest({ review: { ...governedGuest().review!, escalatedAt: '2025-06-01T09:00:00.000Z', askedIds: ['admin-1'] } }),
  kept: governedGuest({ accessEndsAt: '2025-08-17T10:00:00.000Z', review: { ...governedGuest().review!, decision: decided('keep') } }),
  removing: governedGuest({ review: { ...governedGuest().review!, decision: decided('remove') }, removalReason: 'sponsorRemoved' }),
  disabledByRemoval: governedGuest({
    state: 'disabled',
    disabledAt: '2025-05-20T02:00:00.000Z',
    deleteAt: '2025-06-19T02:00:00.000Z',
    removalReason: 'sponsorRemoved',
    review: { ...governedGuest().review!, decision: decided('remove') },
  }),
  expired: governedGuest({
    state: 'disabled',
    disabledAt: '2025-06-08T02:00:00.000Z',
    deleteAt: '2025-07-08T02:00:00.000Z',
    removalReason: 'noAnswer',
  }),
  deleted: governedGuest({ state: 'deleted', deletedAt: '2025-07-08T02:00:00.000Z', removalReason: 'accessEnded' }),
  pendingNoEnd: governedGuest({
    userId: 'guest-object-2',
    address: 'sean@adatum.example',
    displayName: "Seán O'Brien",
    redemption: 'pending',
    accessEndsAt: undefined,
    lastSignInAt: undefined,
    review: undefined,
    reason: undefined,
  }),
  minimal: governedGuest({
    userId: 'guest-object-3',
    displayName: undefined,
    invitedBy: undefined,
    invitedAt: undefined,
    requestId: undefined,
    reason: undefined,
    sponsorIds: [],
    review: { id: 'review-3', reason: 'inactive', startedAt: '2025-05-18T09:00:00.000Z', answerBy: '2025-05-25T09:00:00.000Z', askedIds: [] },
  }),
} satisfies Record<string, GovernedGuest>;
