import assert from 'node:assert/strict';
import { DirectoryError } from '../../src/invitation/directory-error';
import { InvitationDraft } from '../../src/invitation/invitation-draft';
import { cancelRequest } from '../../src/invitation/cancel-request';
import { transition } from '../../src/invitation/invitation-request';
import { submitInvitation } from '../../src/invitation/submit-invitation';
import { updateRequest } from '../../src/invitation/update-request';
import { ALICE, APPROVAL_POLICY, CAROL_ADMIN, DAVE, guestUser, harness } from './fixtures';

const draft = (fields: Partial<InvitationDraft> = {}): InvitationDraft => ({
  email: 'jane@fabrikam.com',
  displayName: 'Jane Doe',
  sendEmail: true,
  userType: 'Guest',
  ...fields,
});

describe('submitInvitation', () => {
  it('invites at once when no approval is needed, records the request and the outcome', async () => {
    const { ctx, directory, store } = harness();
    const outcome = await submitInvitation(ctx, draft({ customMessage: 'Welcome', ccRecipient: 'pm@contoso.com' }), ALICE);
    assert.equal(outcome.kind, 'invited');
    assert.ok(outcome.kind === 'invited');
    assert.equal(outcome.redeemUrl, undefined, 'no redeem URL when Entra sends the email');
    assert.equal(outcome.request.state, 'invited');
    assert.equal(outcome.request.result?.userId, 'user-1');
    assert.deepEqual(directory.invitations[0], {
      email: 'jane@fabrikam.com',
      displayName: 'Jane Doe',
      redirectUrl: 'https://myapps.microsoft.com',
      sendEmail: true,
      customMessage: 'Welcome',
      ccRecipient: 'pm@contoso.com',
      messageLanguage: 'en-US',
      userType: 'Guest',
      sponsorIds: [ALICE.id],
    });
    const events = (await store.audit.latest(10)).map((entry) => entry.event).reverse();
    assert.deepEqual(events, ['request.created', 'graph.invitation.succeeded']);
    assert.deepEqual(outcome.request.transitions.map((step) => step.to), ['approved', 'inviting', 'invited']);
  });

  it('records an invitation that waits for nothing already claimed: two request writes, the same transitions', async () => {
    const { ctx, store } = harness();
    const written: string[] = [];
    const requests = store.requests;
    ctx.requests = {
      ...requests,
      countCreatedSince: (requesterId, since) => requests.countCreatedSince(requesterId, since),
      get: (id) => requests.get(id),
      list: (query) => requests.list(query),
      listDue: (query) => requests.listDue(query),
      create: (request) => (written.push(`create ${request.state}`), requests.create(request)),
      update: (request, etag) => (written.push(`update ${request.state}`), requests.update(request, etag)),
    };
    ctx.instances = { id: 'instance-a', isGone: async () => false };
    const outcome = await submitInvitation(ctx, draft(), ALICE);
    assert.ok(outcome.kind === 'invited');
    assert.deepEqual(written, ['create inviting', 'update invited']);
    const [created, claimed, invited] = outcome.request.transitions;
    assert.deepEqual([created?.from, created?.to, claimed?.from, claimed?.to, invited?.to], [null, 'approved', 'approved', 'inviting', 'invited']);
    assert.equal(claimed?.instance, 'instance-a', 'the claim names the instance that sends the invitation');
    const [recorded] = (await store.audit.latest(10)).filter((entry) => entry.event === 'request.created');
    assert.equal(recorded?.details?.state, 'approved', 'the audit says what was decided: approved');
  });

  it('returns the redeem URL, and only then, when the email is withheld; the store never keeps it', async () => {
    const { ctx, store } = harness();
    const outcome = await submitInvitation(ctx, draft({ sendEmail: false }), ALICE);
    assert.ok(outcome.kind === 'invited');
    assert.match(outcome.redeemUrl ?? '', /^https:\/\/login\.microsoftonline\.com\/redeem\?/);
    const stored = await store.requests.get(outcome.request.id);
    assert.ok(!JSON.stringify(stored).includes('redeem?'));
    assert.ok(!JSON.stringify(await store.audit.latest(10)).includes('redeem?'));
  });

  it('refuses invalid input before any directory call', async () => {
    const { ctx, directory } = harness();
    const outcome = await submitInvitation(ctx, draft({ email: 'nope', redirectUrl: 'http://x.com' }), ALICE);
    assert.equal(outcome.kind, 'invalid');
    assert.equal(directory.listVerifiedDomains.callCount + directory.findUsersByEmail.callCount + directory.createInvitation.callCount, 0);
  });

  it('treats addresses in a verified domain as internal, case-insensitively', async () => {
    const { ctx, directory } = harness();
    const outcome = await submitInvitation(ctx, draft({ email: 'megan@CONTOSO.com' }), ALICE);
    assert.deepEqual(outcome, { kind: 'internalAddress', email: 'megan@contoso.com', domain: 'contoso.com' });
    assert.equal(directory.createInvitation.callCount, 0);
  });

  it('caches the verified domains between invitations', async () => {
    const { ctx, directory } = harness();
    await submitInvitation(ctx, draft({ email: 'a@fabrikam.com' }), ALICE);
    await submitInvitation(ctx, draft({ email: 'b@fabrikam.com' }), ALICE);
    assert.equal(directory.listVerifiedDomains.callCount, 1);
  });

  it('reports an existing user instead of inviting twice', async () => {
    const { ctx, directory } = harness();
    directory.users.push(guestUser());
    const outcome = await submitInvitation(ctx, draft(), ALICE);
    assert.equal(outcome.kind, 'alreadyExists');
    assert.equal(directory.createInvitation.callCount, 0);
  });

  it('records a failed request with the error kind when the directory refuses', async () => {
    const { ctx, directory } = harness();
    directory.failWith = new DirectoryError('insufficientPrivileges', 'no', 'req-1');
    const outcome = await submitInvitation(ctx, draft(), ALICE);
    assert.ok(outcome.kind === 'failed');
    assert.equal(outcome.error.kind, 'insufficientPrivileges');
    assert.equal(outcome.request?.state, 'failed');
    assert.equal(outcome.request?.result?.graphRequestId, 'req-1');
  });

  it('asks approvers for an untrusted domain and invites nobody yet', async () => {
    const { ctx, directory, notifier } = harness(APPROVAL_POLICY);
    const outcome = await submitInvitation(ctx, draft({ email: 'x@untrusted.org' }), ALICE);
    assert.ok(outcome.kind === 'pendingApproval');
    assert.deepEqual(outcome.request.approval, { reasons: ['untrustedDomain'], adminOnly: false });
    assert.equal(outcome.request.expiresAt, '2026-11-25T09:00:00.000Z');
    assert.deepEqual(notifier.asked, [{ requestId: outcome.request.id, audience: 'approvers' }]);
    assert.equal(directory.createInvitation.callCount, 0);
  });

  it('invites trusted domains (wildcards included) without approval', async () => {
    const { ctx } = harness(APPROVAL_POLICY);
    assert.equal((await submitInvitation(ctx, draft({ email: 'x@eu.partner.com' }), ALICE)).kind, 'invited');
  });

  it('lets only admins invite Members directly; others need an admin approval', async () => {
    const { ctx } = harness(APPROVAL_POLICY);
    const byAdmin = await submitInvitation(ctx, draft({ email: 'm1@partner.com', userType: 'Member' }), CAROL_ADMIN);
    assert.equal(byAdmin.kind, 'invited');
    const byStaff = await submitInvitation(ctx, draft({ email: 'm2@partner.com', userType: 'Member' }), ALICE);
    assert.ok(byStaff.kind === 'pendingApproval');
    assert.equal(byStaff.request.approval?.adminOnly, true);
    const noAdmins = harness();
    const refused = await submitInvitation(noAdmins.ctx, draft({ userType: 'Member' }), ALICE);
    assert.deepEqual(refused, { kind: 'refused', reason: 'memberRequiresAdmin' });
  });

  it('enforces who may invite, blocked domains, the redirect allow list and the daily quota', async () => {
    const groups = harness({ inviters: { groups: ['g-inviters'] } });
    assert.deepEqual(await submitInvitation(groups.ctx, draft(), ALICE), { kind: 'refused', reason: 'notAnInviter' });
    groups.directory.groupsByUser.set(ALICE.id, ['g-inviters']);
    const fresh = harness({ inviters: { groups: ['g-inviters'] } });
    fresh.directory.groupsByUser.set(ALICE.id, ['g-inviters']);
    assert.equal((await submitInvitation(fresh.ctx, draft(), ALICE)).kind, 'invited');

    const blocked = harness({ domains: { mode: 'block', domains: ['*.fabrikam.com', 'fabrikam.com'] } });
    assert.equal((await submitInvitation(blocked.ctx, draft(), ALICE)).kind, 'refused');

    const redirects = harness({ redirectUrls: { allowed: ['https://portal.contoso.com'], default: 'https://portal.contoso.com' } });
    const outside = await submitInvitation(redirects.ctx, draft({ redirectUrl: 'https://evil.example.com' }), ALICE);
    assert.deepEqual(outside, { kind: 'refused', reason: 'redirectUrlNotAllowed', params: { url: 'https://evil.example.com' } });
    assert.equal((await submitInvitation(redirects.ctx, draft(), ALICE)).kind, 'invited');

    const quota = harness({ dailyQuotaPerRequester: 2 });
    assert.equal((await submitInvitation(quota.ctx, draft({ email: 'a@fabrikam.com' }), ALICE)).kind, 'invited');
    assert.equal((await submitInvitation(quota.ctx, draft({ email: 'b@fabrikam.com' }), ALICE)).kind, 'invited');
    assert.deepEqual(await submitInvitation(quota.ctx, draft({ email: 'c@fabrikam.com' }), ALICE), {
      kind: 'refused',
      reason: 'dailyQuotaReached',
      params: { limit: 2 },
    });
    quota.clock.advance(24 * 3_600_000);
    assert.equal((await submitInvitation(quota.ctx, draft({ email: 'c@fabrikam.com' }), ALICE)).kind, 'invited');
  });

  it('defaults the message language to the policy, then the requester locale', async () => {
    const policyLang = harness({ defaultMessageLanguage: 'de-DE' });
    await submitInvitation(policyLang.ctx, draft(), ALICE);
    assert.equal(policyLang.directory.invitations[0]?.messageLanguage, 'de-DE');
    const localeLang = harness();
    await submitInvitation(localeLang.ctx, draft(), { ...ALICE, locale: 'tr-TR' });
    assert.equal(localeLang.directory.invitations[0]?.messageLanguage, 'tr-TR');
  });

  it('leaves sponsors out where the cloud does not support them', async () => {
    const { ctx, directory } = harness();
    ctx.sponsorsSupported = false;
    await submitInvitation(ctx, draft(), ALICE);
    assert.deepEqual(directory.invitations[0]?.sponsorIds, []);
  });

  describe('one open request per address', () => {
    it('refuses a second person while the first request waits for approval, naming who asked and when', async () => {
      const { ctx, directory, notifier, store, clock } = harness(APPROVAL_POLICY);
      const first = await submitInvitation(ctx, draft(), ALICE);
      assert.ok(first.kind === 'pendingApproval');
      clock.advance(60_000);

      const second = await submitInvitation(ctx, draft({ email: 'JANE@fabrikam.com' }), DAVE);
      assert.ok(second.kind === 'alreadyRequested', second.kind);
      assert.equal(second.yours, false);
      assert.equal(second.request.id, first.request.id);
      assert.equal(second.request.requester.displayName, ALICE.displayName);
      assert.equal(second.request.createdAt, first.request.createdAt);
      assert.equal(second.request.state, 'pendingApproval');
      assert.equal((await store.requests.list({})).length, 1);
      assert.equal(notifier.asked.length, 1, 'the approvers are asked once');
      assert.equal(directory.createInvitation.callCount, 0);
    });

    it("tells the requester who asks again that it is their own open request, and in which state", async () => {
      const { ctx } = harness(APPROVAL_POLICY);
      const first = await submitInvitation(ctx, draft(), ALICE);
      assert.ok(first.kind === 'pendingApproval');
      const again = await submitInvitation(ctx, draft(), { ...ALICE, id: ALICE.id.toUpperCase() });
      assert.ok(again.kind === 'alreadyRequested');
      assert.equal(again.yours, true);
      assert.equal(again.request.id, first.request.id);
    });

    it('lets two people inviting the same address at the same moment reach Graph once', async () => {
      const { ctx, directory } = harness();
      let open!: () => void;
      directory.gate = new Promise((resolve) => (open = resolve));
      const both = Promise.all([submitInvitation(ctx, draft(), ALICE), submitInvitation(ctx, draft(), DAVE)]);
      setImmediate(() => open());
      const outcomes = await both;
      assert.deepEqual(outcomes.map((outcome) => outcome.kind).sort(), ['alreadyRequested', 'invited']);
      assert.equal(directory.createInvitation.callCount, 1);
      const refused = outcomes.find((outcome) => outcome.kind === 'alreadyRequested');
      assert.ok(refused?.kind === 'alreadyRequested');
      assert.equal(refused.request.requester.id, ALICE.id);
      assert.equal(refused.yours, false);
    });

    it('accepts a new request once the earlier one is settled', async () => {
      const { ctx, store } = harness(APPROVAL_POLICY);
      const first = await submitInvitation(ctx, draft(), ALICE);
      assert.ok(first.kind === 'pendingApproval');
      const held = (await store.requests.get(first.request.id))!;
      await store.requests.update({ ...held.value, state: 'rejected' }, held.etag);
      const next = await submitInvitation(ctx, draft(), DAVE);
      assert.equal(next.kind, 'pendingApproval');
    });
  });

  describe('a request moved on by another hand while it waited for its share of a bulk run\'s budget', () => {
    it('reports a request cancelled meanwhile as closed, and sends nothing', async () => {
      const { ctx, directory } = harness();
      let requestId = '';
      const outcome = await submitInvitation(ctx, draft(), ALICE, {
        turn: async () => {
          const [waiting] = await ctx.requests.list({ states: ['approved'] });
          requestId = waiting!.value.id;
          assert.equal((await cancelRequest(ctx, requestId, ALICE)).kind, 'cancelled');
        },
      });
      assert.equal(outcome.kind, 'closed');
      assert.ok(outcome.kind === 'closed');
      assert.equal(outcome.request.id, requestId);
      assert.equal(outcome.request.state, 'cancelled');
      assert.equal(directory.invitations.length, 0, 'nothing was sent');
    });

    it('reports one another instance is inviting as still open, one it invited as invited, one it failed as failed', async () => {
      for (const [to, expected] of [['inviting', 'alreadyRequested'], ['invited', 'invited'], ['failed', 'failed']] as const) {
        const { ctx, directory } = harness();
        const outcome = await submitInvitation(ctx, draft(), ALICE, {
          turn: async () => {
            const [waiting] = await ctx.requests.list({ states: ['approved'] });
            await updateRequest(ctx.requests, waiting!.value.id, (current) => {
              const claimed = transition(current, 'inviting', ctx.clock.now(), { instance: 'instance-b' });
              if (to === 'inviting') return claimed;
              if (to === 'invited') return { ...transition(claimed, 'invited', ctx.clock.now()), result: { userId: 'user-b' } };
              return { ...transition(claimed, 'failed', ctx.clock.now()), result: { errorKind: 'unavailable', errorMessage: 'Graph unavailable', graphRequestId: 'graph-7', retryable: true } };
            });
          },
        });
        assert.equal(outcome.kind, expected, to);
        assert.equal(directory.invitations.length, 0, `${to}: this caller sent nothing`);
        if (outcome.kind === 'alreadyRequested') assert.equal(outcome.yours, true);
        if (outcome.kind === 'failed') assert.deepEqual([outcome.error.kind, outcome.error.requestId, outcome.error.retryable], ['unavailable', 'graph-7', true]);
      }
    });
  });
});
