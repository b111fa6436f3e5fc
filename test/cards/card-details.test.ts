import assert from 'node:assert/strict';
import { renderApprovalCard } from '../../src/cards/approval-card';
import { eventLabel, renderAuditEntries } from '../../src/cards/audit-card';
import { renderGuestStatus } from '../../src/cards/guest-status-card';
import { renderHelp } from '../../src/cards/help-card';
import { REGISTRY } from '../../src/teams/handlers/registry';
import { readRejectionReason, rejectionReasonInputId } from '../../src/cards/input-ids';
import { renderInviteForm } from '../../src/cards/invite-form-card';
import { renderRequestList } from '../../src/cards/request-list-card';
import { CANCEL, NEW_LINK, REJECT, RESEND, RESET } from '../../src/cards/verbs';
import { ACCEPTED, APPROVER_IDS, AUDIT, FOUND, FOUND_BY_NAME, MEMBER, STATES, formatDate, request, user } from './fixtures';
import { allStrings, findAll, strictTranslator } from './validate-card';
import { FORM_BASE } from './variants';

const t = strictTranslator('en-US');
const tr = strictTranslator('tr-TR');

describe('card details', () => {
  it('never lets people-supplied text render as a markdown link', () => {
    const card = renderApprovalCard(t, request('rejected'), { mode: 'readOnly', approverIds: [], formatDate });
    const texts = allStrings(card);
    assert.ok(texts.some((text) => text.includes('[see]')), 'the message is still shown');
    assert.ok(!texts.some((text) => /\]\s*\(/.test(text)), 'but no `](` survives');
  });

  describe('the invite form', () => {
    it('offers the Member toggle only to those who may invite Members', () => {
      const ids = (canInviteMembers: boolean) =>
        findAll(renderInviteForm(t, { ...FORM_BASE, canInviteMembers }), 'Input.Toggle').map((toggle) => toggle.id);
      assert.deepEqual(ids(false), ['sendEmail']);
      assert.deepEqual(ids(true), ['sendEmail', 'member']);
    });

    it('lists the offered groups as a multi-select, labelled by kind', () => {
      const card = renderInviteForm(t, {
        ...FORM_BASE,
        offeredGroups: [
          { id: 'g1', displayName: 'Falcon', kind: 'group' },
          { id: 't1', displayName: 'Partners', kind: 'team' },
        ],
      });
      const groups = findAll(card, 'Input.ChoiceSet').find((input) => input.id === 'groups');
      assert.equal(groups?.isMultiSelect, true);
      assert.deepEqual(groups?.choices, [
        { title: 'Falcon (group)', value: 'g1' },
        { title: 'Partners (team)', value: 't1' },
      ]);
    });

    it('limits the message to the given length and shows the default redirect as placeholder', () => {
      const inputs = findAll(renderInviteForm(t, { ...FORM_BASE, maxMessageLength: 420 }), 'Input.Text');
      assert.equal(inputs.find((input) => input.id === 'message')?.maxLength, 420);
      assert.equal(inputs.find((input) => input.id === 'message')?.isMultiline, true);
      assert.equal(inputs.find((input) => input.id === 'redirectUrl')?.placeholder, FORM_BASE.defaultRedirectUrl);
      const email = inputs.find((input) => input.id === 'email');
      assert.deepEqual([email?.isRequired, email?.style], [true, 'email']);
    });

    it("leaves the language unselected for the requester's own, and keeps a tag typed in a command", () => {
      const language = (value?: string) =>
        findAll(renderInviteForm(t, { ...FORM_BASE, values: { language: value } }), 'Input.ChoiceSet').find((i) => i.id === 'language');
      assert.equal(language()?.value, undefined);
      assert.match(String(language()?.placeholder), /My language/);
      assert.equal(language('de-DE')?.value, 'de-DE');
      assert.ok((language('sv-SE')?.choices as { value: string }[]).some((choice) => choice.value === 'sv-SE'));
    });
  });

  describe('the guest status card', () => {
    const flags = { resend: true, newLink: true, reset: true };

    it('offers resend and a new link while pending, reset once accepted, nothing for accounts never invited', () => {
      const verbsFor = (guest: ReturnType<typeof user>) =>
        findAll(renderGuestStatus(t, { ...FOUND, guests: [{ user: guest }] }, { formatDate, actions: flags }), 'Action.Execute').map(
          (action) => [action.verb, action.data],
        );
      const data = (userId: string) => ({ email: 'gita@fabrikam.example', userId, query: 'gita@fabrikam.example', locale: 'en' });
      assert.deepEqual(verbsFor(user()), [
        [RESEND, data('guest-object-1')],
        [NEW_LINK, data('guest-object-1')],
      ]);
      // Reset names the guest for its confirmation, and carries the token of this one reset: the state and its time.
      const resetOnce = `Accepted@${ACCEPTED.externalUserStateChangedAt!.getTime()}`;
      assert.deepEqual(verbsFor(ACCEPTED), [[RESET, { ...data('guest-object-2'), name: ACCEPTED.displayName, once: resetOnce }]]);
      assert.deepEqual(verbsFor(MEMBER), []);
    });

    it("shows a button's outcome inside the entry of the guest it was about", () => {
      const card = renderGuestStatus(t, FOUND_BY_NAME, { formatDate, notes: new Map([[ACCEPTED.id, { text: 'Invitation emailed again.' }]]) });
      const entries = (card.body as { type: string }[]).filter((element) => element.type === 'Container');
      const withNote = entries.filter((entry) => allStrings(entry).includes('Invitation emailed again.'));
      assert.equal(withNote.length, 1);
      assert.ok(allStrings(withNote[0]).includes(ACCEPTED.displayName), 'next to the guest it concerns');
      assert.ok(allStrings(withNote[0]).some((text) => text === 'guest.reset'), 'the entry keeps its buttons');
    });

    it('shows the governed guest’s end of access and lifecycle state over the request’s stored end date', () => {
      const ended = request('invited', { access: { endsAt: '2026-12-31T23:59:59.999Z' } });
      const governed = {
        userId: ACCEPTED.id,
        address: 'gita@fabrikam.example',
        sponsorIds: [],
        redemption: 'accepted' as const,
        state: 'disabled' as const,
        accessEndsAt: '2027-02-28T23:59:59.999Z',
        disabledAt: '2027-03-01T09:00:00.000Z',
        deleteAt: '2027-03-31T09:00:00.000Z',
        history: [],
      };
      const strings = allStrings(renderGuestStatus(t, { ...FOUND, guests: [{ user: ACCEPTED, request: ended, governed }] }, { formatDate }));
      assert.ok(strings.includes(formatDate(governed.accessEndsAt)), 'the governed end date');
      assert.ok(!strings.includes(formatDate('2026-12-31T23:59:59.999Z')), 'not the request’s');
      assert.ok(strings.some((text) => text.includes('deleted on 2027-03-31')), 'deletion due');
      const tr = allStrings(renderGuestStatus(strictTranslator('tr-TR'), { ...FOUND, guests: [{ user: ACCEPTED, request: ended, governed }] }, { formatDate }));
      assert.ok(tr.includes(formatDate(governed.accessEndsAt)));
    });

    it('shows no buttons without the action flags, and only the flagged ones', () => {
      assert.equal(findAll(renderGuestStatus(t, FOUND, { formatDate }), 'Action.Execute').length, 0);
      const onlyReset = renderGuestStatus(t, FOUND, { formatDate, actions: { resend: false, newLink: false, reset: true } });
      assert.deepEqual(findAll(onlyReset, 'Action.Execute').map((action) => action.verb), [RESET]);
    });

    it('explains a null state and shows who invited through GuestPass', () => {
      const texts = allStrings(renderGuestStatus(t, FOUND, { formatDate })).join('\n');
      assert.match(texts, /Not invited \(a member or a self-service sign-up\)/);
      assert.match(texts, /Pending acceptance/);
      assert.match(texts, /Ayşe Yılmaz/);
      assert.match(texts, /Bora Demir/);
      assert.match(allStrings(renderGuestStatus(tr, FOUND, { formatDate })).join('\n'), /Kabul bekleniyor/);
    });
  });

  describe('the request list', () => {
    it('gives each pending request its own reject form, readable with readRejectionReason', () => {
      const card = renderRequestList(t, {
        kind: 'pendingApprovals',
        requests: [request('pendingApproval', { id: 'AAAA1111' }), request('pendingApproval', { id: 'BBBB2222' })],
        formatDate,
      });
      const inputIds = findAll(card, 'Input.Text').map((input) => input.id);
      assert.deepEqual(inputIds, [rejectionReasonInputId('AAAA1111'), rejectionReasonInputId('BBBB2222')]);
      const rejects = findAll(card, 'Action.Execute').filter((action) => action.verb === REJECT);
      const [first] = rejects;
      const submitted = { ...(first?.data as Record<string, string>), [inputIds[0] as string]: '  not needed ' };
      assert.equal(readRejectionReason(submitted), 'not needed');
      assert.equal(readRejectionReason({ requestId: 'X', reason: 'from the approval card' }), 'from the approval card');
      assert.equal(readRejectionReason({ requestId: 'X', reason: '   ' }), undefined);
      assert.equal(readRejectionReason({ requestId: 'X', reasonField: 'requestId' }), undefined, 'only reason inputs are read');
    });

    it('offers Cancel on my requests only until they are decided', () => {
      const card = renderRequestList(t, { kind: 'myRequests', requests: STATES.map((state) => request(state, { id: state })), formatDate });
      const cancellable = findAll(card, 'Action.Execute')
        .filter((action) => action.verb === CANCEL)
        .map((action) => (action.data as { requestId: string }).requestId);
      assert.deepEqual(cancellable, ['pendingApproval']);
    });

    it('says so when the list is empty', () => {
      const texts = allStrings(renderRequestList(tr, { kind: 'pendingApprovals', requests: [], formatDate }));
      assert.ok(texts.includes('Kararınızı bekleyen bir şey yok. 🎉'));
    });
  });

  describe('the audit card', () => {
    it('translates known events and shows unknown ones by their name', () => {
      assert.equal(eventLabel(tr, 'graph.invitation.failed'), 'Davet başarısız oldu');
      assert.equal(eventLabel(t, 'policy.reloaded'), 'policy.reloaded');
      const texts = allStrings(renderAuditEntries(t, AUDIT, formatDate)).join('\n');
      assert.match(texts, /2025-03-02 10:30 · Request approved/);
      assert.match(texts, /by Bora Demir · about gita@fabrikam\.example · request 7KQ2M9XD/);
    });
  });

  it('lists every invite option in the help card, and no options without invite', () => {
    const texts = allStrings(renderHelp(t, { commands: REGISTRY.help }));
    for (const option of ['--no-email', '--message', '--cc', '--redirect', '--lang', '--member', '--group', '--until']) {
      assert.ok(texts.some((text) => text.startsWith(option)), option);
    }
    const withoutInvite = allStrings(renderHelp(t, { commands: REGISTRY.help.filter((entry) => !entry.usage.startsWith('invite')) }));
    assert.ok(!withoutInvite.some((text) => text.startsWith('--')), 'no invite options');
  });

  it('refreshes for exactly the given approvers', () => {
    const card = renderApprovalCard(t, request('pendingApproval'), { mode: 'approver', approverIds: APPROVER_IDS, formatDate });
    assert.deepEqual(card.refresh?.userIds, APPROVER_IDS);
    assert.notEqual(card.refresh?.userIds, APPROVER_IDS, 'a copy, so the caller cannot change the card later');
  });
});
