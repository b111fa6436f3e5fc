import type { DirectorySeed } from './directory';

/** Fixed object ids of the sandbox tenant, so demos, tests and activity builders can refer to them. */
export const SANDBOX_IDS = {
  tenant: '6babcaad-604b-40ac-a9d7-9fd97c0b779f',
  users: {
    megan: '48d31887-5fad-4d73-a9f5-3c356e68a038',
    adele: '87d349ed-44d7-43e1-9a83-5f2406dee5bd',
    /** Guest invited three days ago, not yet redeemed: jane@fabrikam.com. */
    janePending: '0b7f3d0e-2a4f-4d6b-9a64-5a2e6b1f8c11',
    /** Guest who redeemed twelve days ago and signed in two days ago: alex@northwind.com. */
    alexAccepted: '5c1e9a7b-8d3f-4e2a-b6c4-7f0d2e9a1b33',
    /** Guest findable only through otherMails: kai@litware.com. */
    kaiOtherMails: 'a3f5c7e9-1b2d-4f6a-8c0e-2d4f6a8c0e55',
    /** Guest findable only through proxyAddresses: lee@woodgrove.com (SMTP:) and lee.gu@woodgrove.com (smtp:). */
    leeProxyAddresses: 'e7b9d1f3-5a6c-4e8b-9d0f-1a3c5e7b9d77',
  },
  /** A security-style group guests may be added to. */
  projectGroup: '2f8a4c6e-0b1d-4e3f-a5b7-c9d1e3f5a799',
  /** A Microsoft 365 group with a team. */
  partnersTeam: '9e1c3a5b-7d9f-4b2d-8f4a-6c8e0a2c4eaa',
} as const;

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The demo tenant `npm start` runs against when no real tenant is configured:
 * "Contoso (sandbox)" with two members, guests in each lookup-relevant state, a group and
 * a team, and `blocked.example` on the B2B deny list.
 */
export function sandboxDirectorySeed(now: Date = new Date()): DirectorySeed {
  const daysAgo = (days: number): string =>
    new Date(now.getTime() - days * DAY_MS).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const guestUpn = (address: string): string => `${address.replace('@', '_')}#EXT#@contoso.onmicrosoft.com`;
  const ids = SANDBOX_IDS.users;
  return {
    tenantId: SANDBOX_IDS.tenant,
    organizationName: 'Contoso (sandbox)',
    verifiedDomains: [
      { name: 'contoso.onmicrosoft.com', isDefault: false, isInitial: true },
      { name: 'contoso.com', isDefault: true, isInitial: false },
    ],
    blockedDomains: ['blocked.example'],
    users: [
      {
        id: ids.megan,
        displayName: 'Megan Bowen',
        givenName: 'Megan',
        surname: 'Bowen',
        userPrincipalName: 'megan@contoso.com',
        mail: 'megan@contoso.com',
        proxyAddresses: ['SMTP:megan@contoso.com'],
        createdDateTime: daysAgo(400),
      },
      {
        id: ids.adele,
        displayName: 'Adele Vance',
        givenName: 'Adele',
        surname: 'Vance',
        userPrincipalName: 'adele@contoso.com',
        mail: 'adele@contoso.com',
        proxyAddresses: ['SMTP:adele@contoso.com'],
        createdDateTime: daysAgo(380),
      },
      {
        id: ids.janePending,
        displayName: 'Jane Doe (Fabrikam)',
        userPrincipalName: guestUpn('jane@fabrikam.com'),
        mail: 'jane@fabrikam.com',
        otherMails: ['jane@fabrikam.com'],
        userType: 'Guest',
        externalUserState: 'PendingAcceptance',
        externalUserStateChangeDateTime: daysAgo(3),
        creationType: 'Invitation',
        createdDateTime: daysAgo(3),
        sponsorIds: [ids.megan],
      },
      {
        id: ids.alexAccepted,
        displayName: 'Alex Wilber (Northwind)',
        userPrincipalName: guestUpn('alex@northwind.com'),
        mail: 'alex@northwind.com',
        otherMails: ['alex@northwind.com'],
        proxyAddresses: ['SMTP:alex@northwind.com'],
        userType: 'Guest',
        externalUserState: 'Accepted',
        externalUserStateChangeDateTime: daysAgo(12),
        creationType: 'Invitation',
        createdDateTime: daysAgo(14),
        lastSignInDateTime: daysAgo(2),
        sponsorIds: [ids.adele],
      },
      {
        id: ids.kaiOtherMails,
        displayName: 'Kai Carter (Litware)',
        userPrincipalName: guestUpn('kai.carter@litware-old.com'),
        mail: null,
        otherMails: ['kai@litware.com'],
        userType: 'Guest',
        externalUserState: 'Accepted',
        externalUserStateChangeDateTime: daysAgo(60),
        creationType: 'Invitation',
        createdDateTime: daysAgo(61),
        lastSignInDateTime: daysAgo(58),
      },
      {
        id: ids.leeProxyAddresses,
        displayName: 'Lee Gu (Woodgrove)',
        userPrincipalName: guestUpn('lgu@woodgrove-legacy.com'),
        mail: null,
        proxyAddresses: ['SMTP:lee@woodgrove.com', 'smtp:lee.gu@woodgrove.com'],
        userType: 'Guest',
        externalUserState: 'Accepted',
        externalUserStateChangeDateTime: daysAgo(90),
        creationType: 'Invitation',
        createdDateTime: daysAgo(91),
        lastSignInDateTime: daysAgo(90),
      },
    ],
    groups: [
      {
        id: SANDBOX_IDS.projectGroup,
        displayName: 'Project Falcon collaborators',
        isTeam: false,
        memberIds: [ids.megan],
      },
      {
        id: SANDBOX_IDS.partnersTeam,
        displayName: 'Contoso Partners',
        isTeam: true,
        memberIds: [ids.megan, ids.adele],
      },
    ],
  };
}
