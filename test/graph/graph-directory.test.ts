import assert from 'node:assert/strict';
import { existingUserFilter, invitationBody } from '../../src/graph/graph-directory';
import { cloudSupportsSponsors, customHostsFor, graphScope, isPublicAuthorityHost } from '../../src/graph/graph-hosts';
import { encodeQueryValue, odataString } from '../../src/graph/odata';

describe('Graph request shapes', () => {
  it('escapes apostrophes in OData literals', () => {
    assert.equal(odataString("o'brien@x.com"), "'o''brien@x.com'");
    assert.equal(odataString("x' or userType eq 'Member"), "'x'' or userType eq ''Member'");
  });

  it('finds existing users by UPN, guest UPN, mail, proxyAddresses and otherMails in one filter', () => {
    assert.equal(
      existingUserFilter("o'brien@fabrikam.com"),
      "userPrincipalName eq 'o''brien@fabrikam.com' or startswith(userPrincipalName,'o''brien_fabrikam.com#EXT#@') or " +
        "mail eq 'o''brien@fabrikam.com' or proxyAddresses/any(x:x eq 'SMTP:o''brien@fabrikam.com') or " +
        "otherMails/any(x:x eq 'o''brien@fabrikam.com')",
    );
    assert.ok(!encodeQueryValue(existingUserFilter('a@b.com')).includes('#'), 'a # would cut the URL short');
  });

  it('builds the invitation body, leaving out what was not asked for', () => {
    assert.deepEqual(
      invitationBody({ email: 'jane@fabrikam.com', redirectUrl: 'https://myapps.microsoft.com', sendEmail: false, userType: 'Guest', sponsorIds: [] }),
      { invitedUserEmailAddress: 'jane@fabrikam.com', inviteRedirectUrl: 'https://myapps.microsoft.com', sendInvitationMessage: false, invitedUserType: 'Guest' },
    );
    assert.deepEqual(
      invitationBody({
        email: 'jane@fabrikam.com',
        displayName: 'Jane',
        redirectUrl: 'https://x.com',
        sendEmail: true,
        customMessage: 'Hi',
        ccRecipient: 'pm@contoso.com',
        messageLanguage: 'tr-TR',
        userType: 'Member',
        sponsorIds: ['s1'],
      }),
      {
        invitedUserEmailAddress: 'jane@fabrikam.com',
        invitedUserDisplayName: 'Jane',
        inviteRedirectUrl: 'https://x.com',
        sendInvitationMessage: true,
        invitedUserType: 'Member',
        invitedUserMessageInfo: { customizedMessageBody: 'Hi', messageLanguage: 'tr-TR', ccRecipients: [{ emailAddress: { address: 'pm@contoso.com' } }] },
        invitedUserSponsors: [{ id: 's1' }],
      },
    );
  });

  it('follows the configured cloud for scope, custom hosts, sponsors and instance discovery', () => {
    assert.equal(graphScope('https://graph.microsoft.us'), 'https://graph.microsoft.us/.default');
    assert.equal(graphScope('https://localhost:8443/'), 'https://localhost:8443/.default');
    assert.deepEqual([...customHostsFor('https://graph.microsoft.com')], []);
    assert.deepEqual([...customHostsFor('https://localhost:8443')], ['localhost']);
    assert.equal(cloudSupportsSponsors('https://graph.microsoft.com'), true);
    assert.equal(cloudSupportsSponsors('https://graph.microsoft.us'), false);
    assert.equal(cloudSupportsSponsors('https://microsoftgraph.chinacloudapi.cn'), false);
    assert.equal(isPublicAuthorityHost('https://login.microsoftonline.us'), true);
    assert.equal(isPublicAuthorityHost('https://localhost:9443'), false);
  });
});
