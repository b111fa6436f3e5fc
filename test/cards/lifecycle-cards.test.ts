import assert from 'node:assert/strict';
import { renderGuestStatus } from '../../src/cards/guest-status-card';
import { renderSubmitOutcome } from '../../src/cards/invitation-result-card';
import { renderPendingGuests } from '../../src/cards/pending-guests-card';
import { renderRedeemLink } from '../../src/cards/redeem-link-card';
import { renderRequestNews } from '../../src/cards/request-news-card';
import { NEW_LINK, RESEND, RESET } from '../../src/cards/verbs';
import { FOUND_BY_NAME, PENDING, REDEEM_URL, formatDate, pendingGuests, request, withGroups } from './fixtures';
import { allStrings, findAll, strictTranslator, walk } from './validate-card';

const t = strictTranslator('en-US');
const tr = strictTranslator('tr-TR');
/** What a person reads, in order: texts, fact titles and values, button titles (not types or styles). */
function text(card: unknown): string {
  const parts: string[] = [];
  walk(card, '$', (node) => {
    if (typeof node !== 'object' || node === null || Array.isArray(node)) return;
    for (const key of ['text', 'title', 'value'] as const) {
      const value = (node as Record<string, unknown>)[key];
      if (typeof value === 'string') parts.push(value);
    }
  });
  return parts.join('\n');
}

describe('guest lifecycle cards', () => {
  describe('the status card found by name', () => {
    const card = renderGuestStatus(t, FOUND_BY_NAME, { formatDate });

    it('says what was searched and that more people match than are shown', () => {
      assert.match(text(card), /Accounts whose name starts with "Gi"/);
      assert.match(text(card), /More accounts match; showing the first 3/);
    });

    it('shows sponsors, who invited through GuestPass, their message and why approval was needed', () => {
      const all = text(card);
      assert.match(all, /Sponsors\nAyşe Yılmaz, Bora Demir/);
      assert.match(all, /Invited through GuestPass by\nAyşe Yılmaz/);
      assert.match(all, /Message to the guest\nWelcome to the project/);
      assert.match(all, /Approval needed because\nEvery guest invitation/);
      assert.match(all, /Approved by\nBora Demir/);
    });

    it("offers each guest only the buttons the viewer's rights allow, and explains a missing invitation state", () => {
      const buttons = findAll(card, 'Action.Execute').map((action) => [action.verb, (action.data as { userId: string }).userId]);
      assert.deepEqual(buttons, [
        [RESEND, 'guest-object-1'],
        [NEW_LINK, 'guest-object-1'],
        [RESET, 'guest-object-2'],
      ]);
      assert.match(text(card), /Entra records no invitation state for this account/);
      assert.match(text(renderGuestStatus(tr, FOUND_BY_NAME, { formatDate })), /davet durumu kaydetmiyor/);
    });
  });

  describe('group and team results', () => {
    it('reads one line per group in every state, on the invited card and the later news', () => {
      for (const card of [
        renderSubmitOutcome(t, { kind: 'invited', request: withGroups(request('invited')) }, formatDate),
        renderRequestNews(t, withGroups(request('invited')), { formatDate, topic: 'groups' }),
      ]) {
        const all = text(card);
        assert.match(all, /Project Falcon \(group\): added/);
        assert.match(all, /Falcon Partners \(team\): already a member/);
        assert.match(all, /Suppliers \(group\): not possible yet .* try again after 2025-03-02 10:32/);
        assert.match(all, /group-3 \(group\): not possible yet .* I will try again$/m);
        assert.match(all, /Board \(group\): could not be added\. GuestPass lacks the Microsoft Graph permission/);
      }
    });

    it('leaves the section out when the request named no groups', () => {
      const all = text(renderSubmitOutcome(t, { kind: 'invited', request: request('invited') }, formatDate));
      assert.doesNotMatch(all, /Groups and teams/);
    });
  });

  it('tells the requester their guest accepted, and when', () => {
    const card = renderRequestNews(t, { ...request('invited'), redemption: { acceptedAt: '2025-03-03T08:00:00.000Z' } }, { formatDate, topic: 'accepted' });
    assert.match(text(card), /Gita Guest accepted your invitation/);
    assert.match(text(card), /Accepted on\n2025-03-03 08:00/);
    assert.match(text(renderRequestNews(tr, request('invited'), { formatDate, topic: 'accepted' })), /davetinizi kabul etti/);
  });

  describe('the pending card', () => {
    it("lists the requester's own pending guests apart from the tenant's, with their request", () => {
      const all = text(renderPendingGuests(t, PENDING, formatDate));
      assert.match(all, /Invited by you through GuestPass\nOne of your guests is still waiting\.\nGita Guest\ngita@fabrikam\.example · waiting since 2025-03-02 11:00 · request 7KQ2M9XD/);
      assert.match(all, /Everyone in the organization\n3 guests are waiting\. Longest waiting first\./);
    });

    it('bounds long lists, says how many more, and says "at least" when the listing stopped early', () => {
      const card = renderPendingGuests(t, { ...PENDING, tenant: pendingGuests(60), complete: false }, formatDate);
      assert.match(text(card), /At least 60 guests are waiting/);
      assert.match(text(card), /…and 35 more\./);
      assert.equal(allStrings(card).filter((value) => /^Pending Guest \d+$/.test(value)).length, 25);
    });

    it('says so when nobody is waiting', () => {
      const all = text(renderPendingGuests(t, { ...PENDING, tenant: [], mine: [] }, formatDate));
      assert.match(all, /Every guest you invited through GuestPass has accepted/);
      assert.match(all, /No guest in the organization is waiting/);
    });
  });

  it('shows a fresh link as selectable text with no button to open it, and the warning not to open it', () => {
    const card = renderRedeemLink(t, { email: 'gita@fabrikam.example', displayName: 'Gita Guest', redeemUrl: REDEEM_URL });
    assert.ok(findAll(card, 'TextBlock').some((block) => block.text === REDEEM_URL));
    assert.equal(findAll(card, 'Action.OpenUrl').length, 0);
    assert.equal(JSON.stringify(card).includes('selectAction'), false);
    assert.match(text(card), /personal to gita@fabrikam\.example.*do not open it/);
  });
});
