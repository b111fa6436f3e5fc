import { randomUUID } from 'node:crypto';
import { GovernedGuest } from '../../src/invitation/lifecycle/governed-guest';

let last = 0;

/**
 * A valid, fully populated GovernedGuest (review with a decision, history, every optional date) so round trips
 * exercise every shape; each call gets a fresh object id and address unless `overrides` say otherwise.
 */
export function sampleGuest(overrides: Partial<GovernedGuest> = {}): GovernedGuest {
  last += 1;
  return {
    userId: randomUUID(),
    tenantId: '00000000-0000-4000-8000-000000000001',
    address: `governed${last}@fabrikam.example`,
    displayName: 'Gita Guest',
    requestId: `TEST${String(last).padStart(4, '0')}`,
    invitedBy: { id: 'requester-ayse', displayName: 'Ayşe Yılmaz' },
    invitedAt: '2025-03-01T09:00:00.000Z',
    reason: 'Joint project with Fabrikam',
    sponsorIds: ['6a1b4c2e-0000-4000-8000-00000000000a'],
    accessEndsAt: '2025-06-01T00:00:00.000Z',
    redemption: 'accepted',
    lastSignInAt: '2025-03-10T08:00:00.000Z',
    state: 'active',
    dueAt: '2025-05-18T00:00:00.000Z',
    review: {
      id: 'review-1',
      reason: 'accessEnding',
      startedAt: '2025-05-18T00:00:00.000Z',
      answerBy: '2025-05-25T00:00:00.000Z',
      askedIds: ['6a1b4c2e-0000-4000-8000-00000000000a'],
      decision: { kind: 'keep', by: { id: '6a1b4c2e-0000-4000-8000-00000000000a', displayName: 'Sena Sponsor' }, at: '2025-05-19T10:00:00.000Z', days: 90 },
    },
    history: [{ at: '2025-03-01T09:00:00.000Z', what: 'enrolled', by: { id: 'requester-ayse', displayName: 'Ayşe Yılmaz' } }],
    ...overrides,
  };
}
