import { InvitationRequest } from '../../src/invitation/invitation-request';

let lastId = 0;

/**
 * A valid, fully populated InvitationRequest (nested approval, result, groups, transitions) so round trips
 * exercise every shape; each call gets a fresh id and guest address (a store keeps one open request per address)
 * unless `overrides` say otherwise.
 */
export function sampleRequest(overrides: Partial<InvitationRequest> = {}): InvitationRequest {
  lastId += 1;
  const createdAt = overrides.createdAt ?? '2025-03-01T09:00:00.000Z';
  return {
    id: `TEST${String(lastId).padStart(4, '0')}`,
    tenantId: '00000000-0000-4000-8000-000000000001',
    requester: {
      id: 'requester-ayse',
      displayName: 'Ayşe Yılmaz',
      userPrincipalName: 'ayse@contoso.example',
      locale: 'tr-TR',
    },
    invitation: {
      email: `guest${lastId}@fabrikam.example`,
      domain: 'fabrikam.example',
      displayName: 'Gita Guest',
      customMessage: 'Welcome to the project',
      redirectUrl: 'https://myapplications.microsoft.com',
      sendEmail: true,
      userType: 'Guest',
    },
    state: 'pendingApproval',
    createdAt,
    expiresAt: '2025-03-08T09:00:00.000Z',
    approval: { reasons: ['untrustedDomain'], adminOnly: false },
    groupIds: ['group-1', 'group-2'],
    transitions: [
      { from: null, to: 'pendingApproval', at: createdAt, by: { id: 'requester-ayse', displayName: 'Ayşe Yılmaz' } },
    ],
    ...overrides,
  };
}
