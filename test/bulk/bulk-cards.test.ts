import assert from 'node:assert/strict';
import { BulkPreviewData, renderBulkPreview } from '../../src/cards/bulk-preview-card';
import { renderBulkCancelled, renderBulkProgress, renderBulkStopped, renderBulkSummary } from '../../src/cards/bulk-progress-card';
import { BULK_CANCEL, BULK_CONFIRM, BULK_VERBS } from '../../src/cards/bulk-verbs';
import { AdaptiveCard } from '../../src/cards/adaptive-card';
import { countOutcomes } from '../../src/bulk/result-entries';
import { Translate } from '../../src/i18n';
import { allStrings, assertValidCard, findAll, LOCALES, strictTranslator } from '../cards/validate-card';

const PREVIEW: BulkPreviewData = {
  uploadId: 'upload-1',
  fileName: 'guests.csv',
  rows: 40,
  invalid: Array.from({ length: 20 }, (_, i) => ({ line: i + 3, email: `bad${i}`, problems: [{ kind: 'field' as const, problem: { field: 'email' as const, code: 'invalid' as const, params: { value: `bad${i}` } } }] })),
  ignoredColumns: ['Notes'],
  preview: {
    mayInvite: true,
    requesterIsAdmin: false,
    dailyQuota: 50,
    withheldEmails: 3,
    toInvite: 20,
    settled: [],
    domains: [
      { domain: 'fabrikam.com', rows: 12, verdict: 'needsApproval' },
      { domain: 'tailspin.com', rows: 6, verdict: 'invite' },
      { domain: 'blocked.example', rows: 1, verdict: 'notAllowed' },
      { domain: 'contoso.com', rows: 1, verdict: 'internal' },
    ],
  },
};
const COUNTS = { ...countOutcomes([]), invited: 12, pendingApproval: 3, failed: 1, invalid: 2 };

/** Every bulk card in every variant, validated like the bot's other cards, in every language. */
const VARIANTS: Record<string, (t: Translate) => AdaptiveCard> = {
  'preview: errors, domains, quota, withheld emails': (t) => renderBulkPreview(t, PREVIEW),
  'preview: one valid row, an admin': (t) =>
    renderBulkPreview(t, { ...PREVIEW, invalid: PREVIEW.invalid.slice(0, 1), ignoredColumns: [], preview: { ...PREVIEW.preview, requesterIsAdmin: true, dailyQuota: undefined, withheldEmails: 1, toInvite: 1 } }),
  'preview: nothing to send': (t) => renderBulkPreview(t, { ...PREVIEW, preview: { ...PREVIEW.preview, domains: [], toInvite: 0 } }),
  'preview: rows settled by an earlier run': (t) =>
    renderBulkPreview(t, {
      ...PREVIEW,
      preview: {
        ...PREVIEW.preview,
        toInvite: 2,
        settled: Array.from({ length: 17 }, (_, i) => ({ email: `done${i}@fabrikam.com`, earlier: { outcome: i % 2 ? ('invited' as const) : ('pendingApproval' as const), at: '2026-11-20T10:00:00Z' } })),
      },
    }),
  'preview: everything settled earlier': (t) =>
    renderBulkPreview(t, {
      ...PREVIEW,
      preview: { ...PREVIEW.preview, domains: [], toInvite: 0, settled: [{ email: 'done@fabrikam.com', earlier: { outcome: 'invited', at: '2026-11-20T10:00:00Z' } }] },
    }),
  'preview: not an inviter': (t) => renderBulkPreview(t, { ...PREVIEW, preview: { ...PREVIEW.preview, mayInvite: false } }),
  'preview: started': (t) => renderBulkPreview(t, { ...PREVIEW, started: true }),
  'progress: starting': (t) => renderBulkProgress(t, { fileName: 'guests.csv', done: 0, total: 20, counts: countOutcomes([]) }),
  'progress: halfway': (t) => renderBulkProgress(t, { fileName: 'guests.csv', done: 10, total: 20, counts: COUNTS }),
  'summary: with redeem links, stopped': (t) =>
    renderBulkSummary(t, { fileName: 'guests.csv', counts: COUNTS, interrupted: false, stoppedBy: 'insufficientPrivileges', redeemUrls: 3 }),
  'summary: interrupted': (t) => renderBulkSummary(t, { fileName: 'guests.csv', counts: COUNTS, interrupted: true, redeemUrls: 0 }),
  'stopped: busy': (t) => renderBulkStopped(t, 'guests.csv', 'busy'),
  'stopped: failed': (t) => renderBulkStopped(t, 'guests.csv', 'failed'),
  cancelled: (t) => renderBulkCancelled(t, 'guests.csv'),
};

describe('bulk invitation cards', () => {
  for (const locale of LOCALES) {
    describe(`rendered in ${locale}`, () => {
      const t = strictTranslator(locale);
      for (const [name, render] of Object.entries(VARIANTS)) {
        it(`${name}: a valid Adaptive Card 1.5 with every text translated`, () => {
          const card = render(t);
          assertValidCard(card, `${name} (${locale})`);
          assert.deepEqual(allStrings(card).filter((text) => /^bulk:|^(preview|summary|progress|teams)\.\w/.test(text)), []);
        });
      }
    });
  }

  it('offers Confirm and Cancel on the upload only while it can be sent', () => {
    const t = strictTranslator('en-US');
    const actions = findAll(renderBulkPreview(t, PREVIEW), 'Action.Execute');
    assert.deepEqual(actions.map((action) => [action.verb, action.data, action.title]), [
      [BULK_CONFIRM, { uploadId: 'upload-1', locale: 'en' }, 'Invite 20 guests'],
      [BULK_CANCEL, { uploadId: 'upload-1', locale: 'en' }, 'Cancel'],
    ]);
    for (const name of ['preview: started', 'preview: nothing to send', 'preview: not an inviter']) {
      assert.deepEqual(findAll(VARIANTS[name]!(t), 'Action.Execute'), [], name);
    }
    for (const [name, render] of Object.entries(VARIANTS)) {
      for (const action of findAll(render(t), 'Action.Execute')) assert.ok((BULK_VERBS as readonly unknown[]).includes(action.verb), name);
    }
  });

  it('shows errors by row, up to a limit, and the policy verdict per domain', () => {
    const text = allStrings(renderBulkPreview(strictTranslator('en-US'), PREVIEW)).join('\n');
    assert.match(text, /Row 3: "bad0" is not a valid email address\./);
    assert.doesNotMatch(text, /Row 18:/);
    assert.match(text, /and 5 more rows with errors/);
    assert.match(text, /approvers decide first \(12\)/);
    assert.match(text, /3 rows withhold Entra's email/);
    assert.match(allStrings(renderBulkPreview(strictTranslator('tr-TR'), PREVIEW)).join('\n'), /3\. satır: "bad0" geçerli bir e-posta adresi değil/);
  });

  it('warns on the summary when the result file holds redeem links, and never shows one', () => {
    const t = strictTranslator('en-US');
    assert.match(allStrings(VARIANTS['summary: with redeem links, stopped']!(t)).join('\n'), /keep it as private as a password/);
    assert.doesNotMatch(allStrings(VARIANTS['summary: interrupted']!(t)).join('\n'), /password/);
  });
});
