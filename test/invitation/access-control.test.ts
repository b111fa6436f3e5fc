import assert from 'node:assert/strict';
import { DirectoryError } from '../../src/invitation/directory-error';
import { Requester } from '../../src/invitation/requester';
import { ALICE, APPROVAL_POLICY, BOB_APPROVER, CAROL_ADMIN, harness } from './fixtures';

/** A person whose object id has letters, so its case can differ between Teams and Graph. */
const GINA: Requester = { id: 'abcdef12-3456-4789-8abc-def123456789', displayName: 'Gina Guest', userPrincipalName: 'gina_fabrikam.com#EXT#@contoso.onmicrosoft.com' };

describe('AccessControl: whose account may act', () => {
  it('lets a member invite with inviters: everyone (the accepted path)', async () => {
    const h = harness();
    assert.equal(await h.ctx.access.mayInvite(ALICE), true);
    assert.equal(await h.ctx.access.standingOf(ALICE), 'member');
  });

  it('counts an account with no userType (some old member accounts) as a member', async () => {
    const h = harness();
    h.accounts.set(GINA.id, null);
    assert.equal(await h.ctx.access.mayInvite(GINA), true);
  });

  it('refuses a directory guest invite, decisions and admin rights, even when the policy names them', async () => {
    const h = harness({ ...APPROVAL_POLICY, approvers: { users: [GINA.id], groups: [] }, admins: { users: [GINA.userPrincipalName!], groups: [] } });
    h.accounts.set(GINA.id, 'Guest');
    assert.equal(await h.ctx.access.mayInvite(GINA), false);
    assert.equal(await h.ctx.access.mayDecide(GINA, false, true), false);
    assert.equal(await h.ctx.access.isAdmin(GINA), false);
    assert.equal(await h.ctx.access.standingOf(GINA), 'guest');
  });

  it('refuses an object id the directory does not know', async () => {
    const h = harness();
    assert.equal(await h.ctx.access.mayInvite(GINA), false);
    assert.equal(await h.ctx.access.standingOf(GINA), 'unknown');
  });

  it('refuses whom Teams calls a guest or anonymous without asking the directory, though it has a member', async () => {
    const h = harness();
    for (const platformRole of ['guest', 'anonymous'] as const) {
      assert.equal(await h.ctx.access.mayInvite({ ...ALICE, platformRole }), false, platformRole);
    }
    assert.equal(h.accounts.accountOf.callCount, 0);
    assert.equal(await h.ctx.access.mayInvite({ ...ALICE, platformRole: 'user' }), true);
  });

  it('lets guests and unknown ids act when the policy allows guests', async () => {
    const h = harness({ ...APPROVAL_POLICY, allowGuests: true, approvers: { users: [GINA.id], groups: [] } });
    h.accounts.set(GINA.id, 'Guest');
    assert.equal(await h.ctx.access.mayInvite(GINA), true);
    assert.equal(await h.ctx.access.mayDecide(GINA, false, false), true);
    assert.equal(await h.ctx.access.mayInvite({ ...ALICE, platformRole: 'guest' }), true);
    assert.equal(await h.ctx.access.mayInvite({ ...BOB_APPROVER, id: '99999999-9999-4999-8999-999999999999' }), true);
  });

  it('asks the directory once per person for a while, whatever the case of the id', async () => {
    const h = harness(APPROVAL_POLICY);
    h.accounts.set(GINA.id, 'Member');
    await h.ctx.access.mayInvite(GINA);
    await h.ctx.access.mayDecide({ ...GINA, id: GINA.id.toUpperCase() }, false, false);
    await h.ctx.access.isAdmin(GINA);
    assert.equal(h.accounts.accountOf.callCount, 1);
    h.clock.advance(301_000);
    await h.ctx.access.mayInvite(GINA);
    assert.equal(h.accounts.accountOf.callCount, 2, 'asked again once the cache expired');
  });

  it('shares one lookup among concurrent questions about the same person', async () => {
    const h = harness();
    const answers = await Promise.all(Array.from({ length: 8 }, () => h.ctx.access.mayInvite(ALICE)));
    assert.deepEqual(new Set(answers), new Set([true]));
    assert.equal(h.accounts.accountOf.callCount, 1);
  });

  it('lets a directory failure through instead of refusing, and remembers nothing of it', async () => {
    const h = harness();
    h.accounts.failure = new DirectoryError('unavailable', 'down');
    await assert.rejects(h.ctx.access.mayInvite(ALICE), (error: unknown) => error instanceof DirectoryError && error.kind === 'unavailable');
    h.accounts.failure = undefined;
    assert.equal(await h.ctx.access.mayInvite(ALICE), true);
  });
});

describe('AccessControl: object ids in any case', () => {
  it('matches a policy entry and a group answer in another case than the person\'s id', async () => {
    const group = 'ABCDEF00-0000-4000-8000-0000000000AB';
    const h = harness({ ...APPROVAL_POLICY, approvers: { users: [GINA.id.toUpperCase()], groups: [] }, inviters: { groups: [group] } });
    h.accounts.set(GINA.id, 'Member');
    assert.equal(await h.ctx.access.mayDecide(GINA, false, false), true, 'policy entry in capitals');
    h.directory.groupsByUser.set(GINA.id, [group.toLowerCase()]);
    assert.equal(await h.ctx.access.mayInvite(GINA), true, 'Graph answers the group id in lower case');
    assert.equal(await h.ctx.access.mayInvite(CAROL_ADMIN), true, 'admins always may');
  });
});
