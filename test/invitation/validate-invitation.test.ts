import assert from 'node:assert/strict';
import { InvitationDraft } from '../../src/invitation/invitation-draft';
import { validateInvitation } from '../../src/invitation/validate-invitation';

const limits = { maxMessageLength: 100, defaultRedirectUrl: 'https://myapps.microsoft.com' };
const draft = (fields: Partial<InvitationDraft>): InvitationDraft => ({ sendEmail: true, userType: 'Guest', ...fields });

describe('validateInvitation', () => {
  it('produces a clean invitation with the default redirect URL and canonical language tag', () => {
    const result = validateInvitation(draft({ email: 'jane@Fabrikam.com', displayName: '  Jane Doe ', messageLanguage: 'TR-tr' }), limits);
    assert.ok(result.ok);
    assert.deepEqual(result.invitation, {
      email: 'jane@fabrikam.com',
      domain: 'fabrikam.com',
      displayName: 'Jane Doe',
      customMessage: undefined,
      ccRecipient: undefined,
      redirectUrl: 'https://myapps.microsoft.com',
      messageLanguage: 'tr-TR',
      sendEmail: true,
      userType: 'Guest',
    });
  });

  it('reports every problem at once', () => {
    const result = validateInvitation(
      draft({
        email: 'not-an-address',
        displayName: 'x'.repeat(257),
        customMessage: 'y'.repeat(101),
        ccRecipient: 'bad cc',
        redirectUrl: 'http://example.com',
        messageLanguage: 'not a tag!',
      }),
      limits,
    );
    assert.ok(!result.ok);
    assert.deepEqual(
      result.problems.map((problem) => `${problem.field}:${problem.code}`),
      ['email:invalid', 'displayName:tooLong', 'customMessage:tooLong', 'ccRecipient:invalid', 'redirectUrl:notHttps', 'messageLanguage:invalid'],
    );
  });

  it('gives the same answer for a language tag asked again (tags are remembered, malformed ones too)', () => {
    const language = (tag: string) => {
      const result = validateInvitation(draft({ email: 'jane@fabrikam.com', messageLanguage: tag }), limits);
      return result.ok ? result.invitation.messageLanguage : result.problems.map((problem) => `${problem.field}:${problem.code}`);
    };
    for (let round = 0; round < 2; round++) {
      assert.equal(language('EN-gb'), 'en-GB');
      assert.equal(language('de'), 'de');
      assert.deepEqual(language('en_US!'), ['messageLanguage:invalid']);
    }
  });

  it('needs an address', () => {
    const result = validateInvitation(draft({ email: '   ' }), limits);
    assert.ok(!result.ok);
    assert.deepEqual(result.problems, [{ field: 'email', code: 'missing' }]);
  });

  it('refuses a CC that is the invitee and a redirect URL with credentials or no scheme', () => {
    const cc = validateInvitation(draft({ email: 'jane@fabrikam.com', ccRecipient: 'JANE@fabrikam.com' }), limits);
    assert.ok(!cc.ok && cc.problems[0]?.code === 'sameAsInvitee');
    const creds = validateInvitation(draft({ email: 'jane@fabrikam.com', redirectUrl: 'https://user:pw@example.com' }), limits);
    assert.ok(!creds.ok && creds.problems[0]?.code === 'invalid');
    const relative = validateInvitation(draft({ email: 'jane@fabrikam.com', redirectUrl: '/relative' }), limits);
    assert.ok(!relative.ok && relative.problems[0]?.code === 'invalid');
  });

  it('keeps paragraphs in the message but drops other control characters', () => {
    const result = validateInvitation(draft({ email: 'jane@fabrikam.com', customMessage: 'Hello\r\n\r\nWelcome\u0007!' }), limits);
    assert.ok(result.ok);
    assert.equal(result.invitation.customMessage, 'Hello\n\nWelcome !');
  });
});

describe('validateInvitation: the invitation email languages', () => {
  it('accepts a language Entra writes its invitation email in, with any region', () => {
    for (const tag of ['tr-TR', 'en-GB', 'pt-BR', 'zh-CN', 'de']) {
      assert.ok(validateInvitation(draft({ email: 'jane@fabrikam.com', messageLanguage: tag }), limits).ok, tag);
    }
  });

  it('refuses a well-formed tag Entra has no email for, naming the languages it has', () => {
    const result = validateInvitation(draft({ email: 'jane@fabrikam.com', messageLanguage: 'sw-KE' }), limits);
    assert.ok(!result.ok);
    assert.equal(result.problems[0]?.field, 'messageLanguage');
    assert.equal(result.problems[0]?.code, 'unsupported');
    assert.match(String(result.problems[0]?.params?.supported), /\btr\b.*\bvi\b/);
  });
});
