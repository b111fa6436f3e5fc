import assert from 'node:assert/strict';
import { previewBulkInvitation } from '../../src/invitation/bulk-preview';
import { ValidInvitation } from '../../src/invitation/invitation-draft';
import { ALICE, APPROVAL_POLICY, CAROL_ADMIN, harness } from '../invitation/fixtures';

const invitation = (email: string, sendEmail = true): ValidInvitation => ({
  email,
  domain: email.split('@')[1]!,
  redirectUrl: 'https://myapps.microsoft.com',
  sendEmail,
  userType: 'Guest',
});

describe('previewing a bulk file', () => {
  it('says per domain what the policy will do, largest first, with one directory call', async () => {
    const h = harness({ ...APPROVAL_POLICY, domains: { mode: 'block', domains: ['blocked.example'] } });
    const preview = await previewBulkInvitation(
      h.ctx,
      [invitation('a@partner.com'), invitation('b@fabrikam.com', false), invitation('c@fabrikam.com'), invitation('d@contoso.com'), invitation('e@blocked.example')],
      ALICE,
    );
    assert.deepEqual(preview.domains, [
      { domain: 'fabrikam.com', rows: 2, verdict: 'needsApproval' },
      { domain: 'blocked.example', rows: 1, verdict: 'notAllowed' },
      { domain: 'contoso.com', rows: 1, verdict: 'internal' },
      { domain: 'partner.com', rows: 1, verdict: 'invite' },
    ]);
    assert.equal(preview.withheldEmails, 1);
    assert.equal(preview.requesterIsAdmin, false);
    assert.equal(preview.dailyQuota, 50, 'a non-admin is reminded of the daily quota');
    assert.equal(h.directory.listVerifiedDomains.callCount, 1);
    assert.equal(h.directory.createInvitation.callCount, 0);
  });

  it('knows admins have no quota, and who may not invite at all', async () => {
    const h = harness({ ...APPROVAL_POLICY, inviters: { groups: ['99999999-9999-9999-9999-999999999999'] } });
    const asAdmin = await previewBulkInvitation(h.ctx, [invitation('a@partner.com')], CAROL_ADMIN);
    assert.equal(asAdmin.requesterIsAdmin, true);
    assert.equal(asAdmin.dailyQuota, undefined);
    assert.equal(asAdmin.mayInvite, true);
    assert.equal((await previewBulkInvitation(h.ctx, [invitation('a@partner.com')], ALICE)).mayInvite, false);
  });

  it('asks approvers for every domain under the "always" rule', async () => {
    const h = harness({ approval: { rule: 'always', trustedDomains: [] } });
    const preview = await previewBulkInvitation(h.ctx, [invitation('a@partner.com')], ALICE);
    assert.deepEqual(preview.domains.map((domain) => domain.verdict), ['needsApproval']);
  });

  it('counts only the rows a run would send, and names those an earlier run of the file settled', async () => {
    const h = harness({ ...APPROVAL_POLICY, domains: { mode: 'block', domains: ['blocked.example'] } });
    const settled = new Map([['file-1|done@partner.com', { outcome: 'invited' as const, at: '2026-11-20T10:00:00Z' }]]);
    const ledger = { find: async (fileId: string, email: string) => settled.get(`${fileId}|${email}`) };
    const preview = await previewBulkInvitation(
      h.ctx,
      [invitation('Done@partner.com'), invitation('a@partner.com'), invitation('b@fabrikam.com'), invitation('d@contoso.com'), invitation('e@blocked.example')],
      ALICE,
      { fileId: 'file-1', ledger },
    );
    assert.equal(preview.toInvite, 2, 'a@partner.com and b@fabrikam.com; not the settled, internal or blocked rows');
    assert.deepEqual(preview.settled, [{ email: 'Done@partner.com', earlier: { outcome: 'invited', at: '2026-11-20T10:00:00Z' } }]);
    assert.deepEqual(preview.domains.find((domain) => domain.domain === 'partner.com'), { domain: 'partner.com', rows: 1, verdict: 'invite' });
  });
});
