import assert from 'node:assert/strict';
import { DirectoryError } from '../../src/invitation/directory-error';
import { GROUP_RETRY_DELAYS_MS, MAX_GROUP_ATTEMPTS, retryGroupAdditions } from '../../src/invitation/group-additions';
import { InvitationPolicy } from '../../src/invitation/policy';
import { submitInvitation } from '../../src/invitation/submit-invitation';
import { ALICE, harness } from './fixtures';

const OFFERED: Partial<InvitationPolicy> = {
  offeredGroups: [
    { id: 'falcon', displayName: 'Project Falcon', kind: 'group' },
    { id: 'partners', displayName: 'Partners', kind: 'team' },
  ],
};
const guest = { email: 'gita@fabrikam.com', sendEmail: true, userType: 'Guest' as const };
const notReplicated = () => new DirectoryError('notFound', 'Graph request failed (notFound; HTTP 404)');

async function invitedWithGroups(h: ReturnType<typeof harness>, groupIds = ['falcon', 'partners']) {
  const outcome = await submitInvitation(h.ctx, guest, ALICE, { groupIds });
  assert.ok(outcome.kind === 'invited');
  return outcome.request;
}

describe('adding the new guest to groups and teams', () => {
  it('adds the guest right after the invitation, each target through its own kind, and records and audits it', async () => {
    const h = harness(OFFERED);
    const request = await invitedWithGroups(h);
    assert.deepEqual(h.directory.addMember.args, [
      [{ id: 'falcon', kind: 'group' }, 'user-1'],
      [{ id: 'partners', kind: 'team' }, 'user-1'],
    ]);
    assert.deepEqual(request.result?.groups?.map((group) => [group.id, group.state, group.attempts, group.displayName]), [
      ['falcon', 'added', 1, 'Project Falcon'],
      ['partners', 'added', 1, 'Partners'],
    ]);
    const stored = (await h.store.requests.get(request.id))?.value;
    assert.deepEqual(stored?.result?.groups, request.result?.groups);
    const events = (await h.store.audit.latest(10)).map((entry) => [entry.event, entry.details?.groupId]);
    assert.deepEqual(events.filter(([event]) => event === 'group.member.added').reverse(), [['group.member.added', 'falcon'], ['group.member.added', 'partners']]);
  });

  it('counts "already a member" as success', async () => {
    const h = harness(OFFERED);
    h.directory.members.set('falcon', ['user-1']);
    const request = await invitedWithGroups(h, ['falcon']);
    assert.equal(request.result?.groups?.[0]?.state, 'alreadyMember');
  });

  it('retries with back-off while the guest is not replicated, then tells the requester how each ended', async () => {
    const h = harness(OFFERED);
    h.directory.memberFailures.set('falcon', [notReplicated(), notReplicated()]);
    const request = await invitedWithGroups(h);
    const falcon = () => request.result?.groups?.find((group) => group.id === 'falcon');
    assert.deepEqual([falcon()?.state, falcon()?.errorKind], ['pending', 'notFound']);
    assert.equal(falcon()?.nextAttemptAt, new Date(h.clock.current.getTime() + GROUP_RETRY_DELAYS_MS[0]!).toISOString());

    assert.equal(await retryGroupAdditions(h.ctx), 0, 'not due yet');
    h.clock.advance(GROUP_RETRY_DELAYS_MS[0]!);
    assert.equal(await retryGroupAdditions(h.ctx), 1);
    let stored = (await h.store.requests.get(request.id))!.value;
    assert.deepEqual(stored.result?.groups?.map((group) => [group.id, group.state, group.attempts]), [['falcon', 'pending', 2], ['partners', 'added', 1]]);
    assert.equal(h.notifier.told.filter((news) => news.topic === 'groups').length, 0, 'not settled yet: nothing to tell');

    h.clock.advance(GROUP_RETRY_DELAYS_MS[1]!);
    assert.equal(await retryGroupAdditions(h.ctx), 1);
    stored = (await h.store.requests.get(request.id))!.value;
    assert.deepEqual(stored.result?.groups?.map((group) => [group.id, group.state, group.attempts]), [['falcon', 'added', 3], ['partners', 'added', 1]]);
    const told = h.notifier.told.filter((news) => news.topic === 'groups');
    assert.equal(told.length, 1);
    assert.equal(told[0]?.request.result?.groups?.every((group) => group.state === 'added'), true);
    assert.equal(await retryGroupAdditions(h.ctx), 0, 'settled requests are left alone');
    assert.deepEqual(h.directory.members.get('falcon'), ['user-1']);
  });

  it('gives up after the last back-off step, and at once on errors that will not pass', async () => {
    const h = harness(OFFERED);
    h.directory.memberFailures.set('falcon', Array.from({ length: MAX_GROUP_ATTEMPTS }, notReplicated));
    h.directory.memberFailures.set('partners', [new DirectoryError('insufficientPrivileges', 'denied')]);
    const request = await invitedWithGroups(h);
    assert.deepEqual(request.result?.groups?.find((group) => group.id === 'partners')?.state, 'failed');
    for (const delay of GROUP_RETRY_DELAYS_MS) {
      h.clock.advance(delay);
      await retryGroupAdditions(h.ctx);
    }
    const stored = (await h.store.requests.get(request.id))!.value;
    const falcon = stored.result?.groups?.find((group) => group.id === 'falcon');
    assert.deepEqual([falcon?.state, falcon?.attempts, falcon?.errorKind], ['failed', MAX_GROUP_ATTEMPTS, 'notFound']);
    assert.equal(h.directory.addMember.callCount, MAX_GROUP_ATTEMPTS + 1);
    assert.equal(h.notifier.told.filter((news) => news.topic === 'groups').length, 1);
    const failures = (await h.store.audit.latest(50)).filter((entry) => entry.event === 'group.member.failed');
    assert.equal(failures.length, 2);
  });

  it('refuses groups the policy does not offer, before recording anything', async () => {
    const h = harness(OFFERED);
    const outcome = await submitInvitation(h.ctx, guest, ALICE, { groupIds: ['falcon', 'secret-admins'] });
    assert.deepEqual(outcome, { kind: 'refused', reason: 'groupNotOffered', params: { groups: 'secret-admins' } });
    assert.equal((await h.store.requests.list({})).length, 0);
    assert.equal(h.directory.createInvitation.callCount, 0);
  });

  it('a request without groups has no group results', async () => {
    const h = harness(OFFERED);
    const outcome = await submitInvitation(h.ctx, guest, ALICE);
    assert.ok(outcome.kind === 'invited');
    assert.deepEqual(outcome.request.result, { userId: 'user-1' });
    assert.equal(h.directory.addMember.callCount, 0);
  });
});
