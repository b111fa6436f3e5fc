import assert from 'node:assert/strict';
import { renderApprovalCard } from '../../src/cards/approval-card';
import { renderSubmitOutcome } from '../../src/cards/invitation-result-card';
import { renderInviteForm } from '../../src/cards/invite-form-card';
import { renderRequestList } from '../../src/cards/request-list-card';
import { INVITE_FORM_FIELDS } from '../../src/cards/input-ids';
import { APPROVE, CANCEL, REFRESH_APPROVAL, REJECT, VERBS } from '../../src/cards/verbs';
import { APPROVER_IDS, OUTCOMES, REDEEM_URL, STATES, formatDate, request } from './fixtures';
import { LOCALES, allStrings, assertValidCard, findAll, strictTranslator, walk } from './validate-card';
import { ALL_PROBLEMS, FORM_BASE, TYPED_VALUES, VARIANTS } from './variants';

describe('cards', () => {
  for (const locale of LOCALES) {
    describe(`rendered in ${locale}`, () => {
      const t = strictTranslator(locale);
      for (const [name, render] of Object.entries(VARIANTS)) {
        it(`${name}: a valid Adaptive Card 1.5`, () => assertValidCard(render(t), `${name} (${locale})`));
      }
    });
  }

  it('uses only the exported verbs', () => {
    const t = strictTranslator('en-US');
    for (const [name, render] of Object.entries(VARIANTS)) {
      for (const action of findAll(render(t), 'Action.Execute')) {
        assert.ok((VERBS as readonly unknown[]).includes(action.verb), `${name}: unknown verb ${String(action.verb)}`);
      }
    }
  });

  describe('the redeem URL', () => {
    it('appears in the withheld-email invited card and the fresh-link card only', () => {
      for (const locale of LOCALES) {
        const t = strictTranslator(locale);
        for (const [name, render] of Object.entries(VARIANTS)) {
          const shown = allStrings(render(t)).some((text) => text.includes(REDEEM_URL));
          // The news card for an approved request is the same invited card, sent once the invitation is made.
          // The fresh-link card exists to show one; its handler sends it only to the asker's personal chat.
          const allowed = ['result: invitedEmailWithheld', 'news: invited, email withheld', 'link: fresh redeem link', 'link: no display name'].includes(name);
          assert.equal(shown, allowed, `${name} (${locale})`);
        }
      }
    });

    it('is a selectable text on that card, with the warning not to open it', () => {
      const card = renderSubmitOutcome(strictTranslator('en-US'), OUTCOMES.invitedEmailWithheld!, formatDate);
      assert.ok(findAll(card, 'TextBlock').some((block) => block.text === REDEEM_URL));
      assert.ok(allStrings(card).some((text) => /personal to gita@fabrikam\.example.*do not open it/.test(text)));
    });

    it('is never behind a button or a select action: it appears only as TextBlock text, in every card and language', () => {
      for (const locale of LOCALES) {
        const t = strictTranslator(locale);
        for (const [name, render] of Object.entries(VARIANTS)) {
          // Opening the link with the requester's own account would redeem the guest's invitation for them.
          assert.deepEqual(redeemUrlOutsideText(render(t)), [], `${name} (${locale})`);
        }
      }
    });

    it('is not shown when the email was sent, even if one is passed', () => {
      const card = renderSubmitOutcome(strictTranslator('en-US'), { kind: 'invited', request: request('invited'), redeemUrl: REDEEM_URL }, formatDate);
      assert.ok(!allStrings(card).some((text) => text.includes(REDEEM_URL)));
      assert.ok(allStrings(card).some((text) => text.includes('guest-object-1')), 'the object id is shown');
    });
  });

  describe('a request for an address someone already asked for', () => {
    const verbsOf = (card: unknown) => findAll(card, 'Action.Execute').map((action) => action.verb);

    it('names who asked, when, and how far their request got, in every language', () => {
      for (const locale of LOCALES) {
        const card = renderSubmitOutcome(strictTranslator(locale), OUTCOMES.alreadyRequestedByOther!, formatDate);
        const text = allStrings(card).join('\n');
        assert.match(text, /Ayşe Yılmaz/, locale);
        assert.match(text, new RegExp(formatDate(request('inviting').createdAt)), locale);
        assert.match(text, new RegExp(strictTranslator(locale)('cards:common.requestState.inviting')), locale);
        assert.deepEqual(verbsOf(card), [], `${locale}: nothing to press on someone else's request`);
      }
    });

    it("tells the requester it is their own request, and lets them cancel it while it waits", () => {
      const t = strictTranslator('en-US');
      const yours = renderSubmitOutcome(t, OUTCOMES.alreadyRequestedYours!, formatDate);
      assert.ok(allStrings(yours).some((text) => /^You asked to invite gita@fabrikam\.example .*request 7KQ2M9XD.*Waiting for approval/.test(text)));
      assert.deepEqual(verbsOf(yours), [CANCEL]);
      const approved = renderSubmitOutcome(t, { kind: 'alreadyRequested', email: 'gita@fabrikam.example', request: request('approved'), yours: true }, formatDate);
      assert.deepEqual(verbsOf(approved), [], 'an approved request can no longer be cancelled');
    });
  });

  describe('the approval card', () => {
    const t = strictTranslator('en-US');
    const verbsOf = (card: unknown) => findAll(card, 'Action.Execute').map((action) => action.verb);

    it('has no decision buttons in read-only mode, whatever the state', () => {
      for (const state of STATES) {
        const card = renderApprovalCard(t, request(state), { mode: 'readOnly', approverIds: APPROVER_IDS, formatDate });
        assert.ok(!verbsOf(card).includes(APPROVE) && !verbsOf(card).includes(REJECT), state);
        assert.equal(findAll(card, 'Action.ShowCard').length, 0, state);
      }
    });

    it('offers Approve and a Reject form with a required reason to an approver while pending', () => {
      const card = renderApprovalCard(t, request('pendingApproval'), { mode: 'approver', approverIds: APPROVER_IDS, formatDate });
      const [approve] = findAll(card, 'Action.Execute').filter((action) => action.verb === APPROVE);
      const [reject] = findAll(card, 'Action.Execute').filter((action) => action.verb === REJECT);
      assert.deepEqual(approve?.data, { requestId: '7KQ2M9XD', locale: 'en' });
      assert.deepEqual(reject?.data, { requestId: '7KQ2M9XD', reasonField: 'reason', locale: 'en' });
      const [reason] = findAll(card, 'Input.Text');
      assert.equal(reason?.id, 'reason');
      assert.equal(reason?.isRequired, true);
      assert.equal(reason?.maxLength, 500);
      assert.ok(typeof reason?.errorMessage === 'string' && reason.errorMessage.length > 0);
    });

    it('offers no decision once decided, even in approver mode', () => {
      for (const state of STATES.filter((s) => s !== 'pendingApproval')) {
        const card = renderApprovalCard(t, request(state), { mode: 'approver', approverIds: APPROVER_IDS, formatDate });
        assert.deepEqual(verbsOf(card), [], state);
      }
    });

    it('refreshes for the approvers while pending and stops once decided', () => {
      for (const state of STATES) {
        const card = renderApprovalCard(t, request(state), { mode: 'readOnly', approverIds: APPROVER_IDS, formatDate });
        if (state === 'pendingApproval') {
          assert.deepEqual(card.refresh, {
            action: { type: 'Action.Execute', verb: REFRESH_APPROVAL, data: { requestId: '7KQ2M9XD', locale: 'en' } },
            userIds: APPROVER_IDS,
          });
        } else {
          assert.equal(card.refresh, undefined, state);
          assert.ok(!('refresh' in card), state);
        }
      }
    });

    it('shows approvers when access would end, in their language, and nothing when it would not', () => {
      const ending = request('pendingApproval', { access: { endsAt: '2027-03-31T23:59:59.999Z' } });
      const facts = (card: unknown) => findAll(card, 'FactSet').flatMap((set) => set.facts as { title: string; value: string }[]);
      const approver = renderApprovalCard(t, ending, { mode: 'approver', approverIds: APPROVER_IDS, formatDate });
      assert.ok(facts(approver).some((fact) => fact.title === 'Access ends' && fact.value === '2027-03-31 23:59'));
      const turkish = renderApprovalCard(strictTranslator('tr-TR'), ending, { mode: 'readOnly', approverIds: APPROVER_IDS, formatDate });
      assert.ok(facts(turkish).some((fact) => fact.title === 'Erişimin bitişi' && fact.value === '2027-03-31 23:59'));
      const open = renderApprovalCard(t, request('pendingApproval'), { mode: 'approver', approverIds: APPROVER_IDS, formatDate });
      assert.ok(!facts(open).some((fact) => fact.title === 'Access ends'));
    });

    it('shows the end of access in request lists, for the requester and approvers alike', () => {
      const ending = request('invited', { access: { endsAt: '2027-03-31T23:59:59.999Z' } });
      for (const kind of ['myRequests', 'pendingApprovals'] as const) {
        const card = renderRequestList(t, { kind, requests: [ending, request('pendingApproval', { id: 'OPENENDS' })], formatDate });
        const facts = findAll(card, 'FactSet').map((set) => set.facts as { title: string; value: string }[]);
        assert.deepEqual(facts.map((list) => list.find((fact) => fact.title === 'Access ends')?.value), ['2027-03-31 23:59', undefined], kind);
      }
    });

    it('says who decided, when, and why', () => {
      const text = (state: Parameters<typeof request>[0]) =>
        allStrings(renderApprovalCard(t, request(state), { mode: 'readOnly', approverIds: [], formatDate })).join('\n');
      assert.match(text('invited'), /Approved by Bora Demir on 2025-03-02 10:30: invited/);
      assert.match(text('rejected'), /Rejected by Bora Demir on 2025-03-02 10:30: We do not work with/);
      assert.match(text('cancelled'), /Cancelled by Ayşe Yılmaz/);
      assert.match(text('expired'), /Expired on 2025-03-02 10:30/);
      assert.match(text('failed'), /invitation failed: .*external collaboration settings/);
      assert.match(text('pendingApproval'), /Waiting for approval/);
    });
  });

  describe('the invite form re-shown with problems', () => {
    const t = strictTranslator('en-US');
    const card = renderInviteForm(t, {
      ...FORM_BASE,
      canInviteMembers: true,
      offeredGroups: [
        { id: 'group-1', displayName: 'Project Falcon', kind: 'group' },
        { id: 'team-1', displayName: 'Falcon Partners', kind: 'team' },
      ],
      values: TYPED_VALUES,
      problems: ALL_PROBLEMS,
    });

    it('keeps every typed value', () => {
      const inputs = new Map(card.body.filter((element) => 'id' in element && element.type.startsWith('Input.')).map((input) => [input.id, input]));
      for (const [field, id] of Object.entries(INVITE_FORM_FIELDS)) {
        const input = inputs.get(id) as { value?: string } | undefined;
        assert.equal(input?.value, TYPED_VALUES[field as keyof typeof TYPED_VALUES], field);
      }
    });

    it('puts each problem in red right under its input', () => {
      const index = (id: string) => card.body.findIndex((element) => element.id === id);
      const after = (id: string) => card.body[index(id) + 1] as { color?: string; text?: string };
      assert.equal(after(INVITE_FORM_FIELDS.email).color, 'attention');
      assert.match(after(INVITE_FORM_FIELDS.email).text ?? '', /"gita@" is not a valid email address/);
      assert.match(after(INVITE_FORM_FIELDS.message).text ?? '', /1200 characters long; the limit is 1000/);
      assert.match(after(INVITE_FORM_FIELDS.cc).text ?? '', /copy would go to the guest/);
      assert.match(after(INVITE_FORM_FIELDS.redirectUrl).text ?? '', /https:\/\//);
      assert.match(after(INVITE_FORM_FIELDS.accessEnd).text ?? '', /at most 180 days: the latest end date is 2025-08-28/);
      assert.equal(findAll(card, 'TextBlock').filter((block) => block.color === 'attention').length, ALL_PROBLEMS.length + 1);
      assert.ok(allStrings(card).some((text) => /fix the 7 fields marked in red; everything you typed is still here/.test(text)));
    });

    it('shows no problem lines and default toggles when first shown', () => {
      const fresh = renderInviteForm(t, FORM_BASE);
      assert.equal(findAll(fresh, 'TextBlock').filter((block) => block.color === 'attention').length, 0);
      assert.deepEqual(findAll(fresh, 'Input.Toggle').map((toggle) => [toggle.id, toggle.value]), [['sendEmail', 'true']]);
      assert.equal(findAll(fresh, 'Input.ChoiceSet').length, 1, 'only the language choice without groups');
    });
  });
});

/** Where a redeem URL appears other than as a TextBlock's text (an action's url, a selectAction, a fact…). */
function redeemUrlOutsideText(card: unknown): string[] {
  const found: string[] = [];
  walk(card, '$', (value, path) => {
    if (typeof value !== 'object' || value === null) return;
    for (const [key, child] of Object.entries(value)) {
      if (typeof child !== 'string' || !child.includes('login.microsoftonline.com/redeem')) continue;
      const isTextBlockText = (value as { type?: unknown }).type === 'TextBlock' && key === 'text';
      if (!isTextBlockText) found.push(`${path}.${key}`);
    }
  });
  return found;
}
