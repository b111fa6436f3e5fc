import assert from 'node:assert/strict';
import { accessDaysFor, accessEndBounds, decideAccessEnd } from '../../src/invitation/access-end';
import { AccessPolicy } from '../../src/invitation/lifecycle/lifecycle-policy';
import { validateInvitation } from '../../src/invitation/validate-invitation';

/** 3 December 2026, late in the UTC day: "today" is the 3rd whatever the hour. */
const NOW = new Date('2026-12-03T17:30:00.000Z');

const POLICY: AccessPolicy = {
  defaultDays: 90,
  maxDays: 180,
  domains: [
    { pattern: 'partner.example', maxDays: 365 },
    { pattern: '*.short.example', defaultDays: 7, maxDays: 30 },
  ],
};

const decide = (domain: string | undefined, requested?: { until: string } | { days: string }, access = POLICY) =>
  decideAccessEnd(access, { domain, requested }, NOW);

describe('the end of a guest\'s access', () => {
  describe('accepted', () => {
    it('ends at the close of the date asked for (UTC), today included', () => {
      assert.deepEqual(decide('fabrikam.example', { until: '2027-03-31' }), { ok: true, endsAt: '2027-03-31T23:59:59.999Z' });
      assert.deepEqual(decide('fabrikam.example', { until: '2026-12-03' }), { ok: true, endsAt: '2026-12-03T23:59:59.999Z' });
    });

    it('accepts the latest allowed date itself', () => {
      // 180 days after 3 December 2026 is 1 June 2027.
      assert.deepEqual(decide('fabrikam.example', { until: '2027-06-01' }), { ok: true, endsAt: '2027-06-01T23:59:59.999Z' });
    });

    it('counts days from today and ends at the close of the last one', () => {
      assert.deepEqual(decide('fabrikam.example', { days: '30' }), { ok: true, endsAt: '2027-01-02T23:59:59.999Z' });
      assert.deepEqual(decide('fabrikam.example', { days: ' 180 ' }), { ok: true, endsAt: '2027-06-01T23:59:59.999Z' });
    });

    it('falls back to the domain\'s default when nothing is asked for, or an empty value', () => {
      assert.deepEqual(decide('fabrikam.example'), { ok: true, endsAt: '2027-03-03T23:59:59.999Z' });
      assert.deepEqual(decide('fabrikam.example', { until: '  ' }), { ok: true, endsAt: '2027-03-03T23:59:59.999Z' });
      assert.deepEqual(decide('eu.short.example', { days: '' }), { ok: true, endsAt: '2026-12-10T23:59:59.999Z' });
    });

    it('lets access run without an end when the policy has no default and none is asked for', () => {
      assert.deepEqual(decide('fabrikam.example', undefined, { domains: [] }), { ok: true });
    });

    it('allows a domain entry a longer maximum than the top level, inheriting the default it leaves out', () => {
      assert.deepEqual(decide('partner.example', { until: '2027-12-01' }), { ok: true, endsAt: '2027-12-01T23:59:59.999Z' });
      assert.deepEqual(accessDaysFor(POLICY, 'partner.example'), { defaultDays: 90, maxDays: 365 });
      assert.deepEqual(accessDaysFor(POLICY, 'PARTNER.example'), { defaultDays: 90, maxDays: 365 });
      assert.deepEqual(accessDaysFor(POLICY, 'fabrikam.example'), { defaultDays: 90, maxDays: 180 });
    });
  });

  describe('refused', () => {
    it('a date before today, naming today', () => {
      assert.deepEqual(decide('fabrikam.example', { until: '2026-12-02' }), {
        ok: false,
        problem: { field: 'accessEnd', code: 'inPast', params: { value: '2026-12-02', today: '2026-12-03' } },
      });
    });

    it('a date that is not a calendar day in the form YYYY-MM-DD', () => {
      for (const text of ['31.03.2027', '2027-02-30', '2027-13-01', 'tomorrow', '2027-3-31', '2027-03-31T00:00']) {
        const decision = decide('fabrikam.example', { until: text });
        assert.deepEqual(decision, { ok: false, problem: { field: 'accessEnd', code: 'invalid', params: { value: text } } }, text);
      }
    });

    it('a number of days that is not a whole number from 1 to ten years', () => {
      for (const text of ['0', '-5', '1.5', 'thirty', '3651']) {
        const decision = decide('fabrikam.example', { days: text });
        assert.equal(decision.ok ? 'accepted' : decision.problem.code, 'invalidDays', text);
      }
    });

    it('beyond the domain\'s maximum, naming the latest allowed date', () => {
      assert.deepEqual(decide('fabrikam.example', { until: '2027-06-02' }), {
        ok: false,
        problem: { field: 'accessEnd', code: 'beyondMax', params: { latest: '2027-06-01', maxDays: 180 } },
      });
      assert.deepEqual(decide('eu.short.example', { days: '31' }), {
        ok: false,
        problem: { field: 'accessEnd', code: 'beyondMax', params: { latest: '2027-01-02', maxDays: 30 } },
      });
    });

    it('beyond ten years even without a maximum in the policy', () => {
      const decision = decide('fabrikam.example', { until: '9999-12-31' }, { domains: [] });
      assert.equal(decision.ok ? 'accepted' : decision.problem.code, 'beyondMax');
    });
  });

  it('offers a date picker today to the longest maximum, with the top-level default', () => {
    assert.deepEqual(accessEndBounds(POLICY, NOW), { earliest: '2026-12-03', latest: '2027-12-03', defaultDays: 90 });
    assert.deepEqual(accessEndBounds({ maxDays: 30, domains: [{ pattern: 'x.example', defaultDays: 5 }] }, NOW), { earliest: '2026-12-03', latest: '2027-01-02' });
    // A domain without any maximum: the picker cannot know a latest date.
    assert.deepEqual(accessEndBounds({ domains: [{ pattern: 'x.example', maxDays: 10 }] }, NOW), { earliest: '2026-12-03' });
  });

  describe('as part of validating an invitation', () => {
    const limits = { maxMessageLength: 1000, defaultRedirectUrl: 'https://myapplications.microsoft.com' };
    const terms = { access: POLICY, now: NOW };

    it('gives the end of access with the valid invitation', () => {
      const result = validateInvitation({ email: 'jane@fabrikam.example', sendEmail: true, userType: 'Guest', accessEnd: { until: '2027-03-31' } }, limits, terms);
      assert.ok(result.ok);
      assert.equal(result.accessEndsAt, '2027-03-31T23:59:59.999Z');
    });

    it('reports a bad date with every other problem at once', () => {
      const result = validateInvitation({ email: 'jane@', sendEmail: true, userType: 'Guest', accessEnd: { until: 'soon' } }, limits, terms);
      assert.ok(!result.ok);
      assert.deepEqual(result.problems.map((problem) => `${problem.field}.${problem.code}`), ['email.invalid', 'accessEnd.invalid']);
    });
  });
});
