import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadPolicy, parsePolicy } from '../../src/config';
import { configurationProblems } from './configuration-problems';
import { DEFAULT_POLICY } from '../../src/invitation/policy';

const problemsOf = (document: unknown) => configurationProblems(() => parsePolicy(document, 'policy.yaml'));

describe('policy file', () => {
  it('no file means the default policy', () => {
    assert.deepEqual(loadPolicy(undefined), DEFAULT_POLICY);
  });

  it('ships a sample policy that loads', () => {
    const policy = loadPolicy(join(__dirname, '..', '..', 'policy.sample.yaml'));
    assert.equal(policy.approval.rule, 'untrustedDomains');
    assert.ok(policy.approvers.users.length + policy.approvers.groups.length > 0);
    assert.equal(policy.access.defaultDays, 180);
    assert.equal(policy.access.maxDays, 365);
    assert.ok(policy.access.domains.length > 0);
  });

  it('reads YAML and JSON and fills defaults', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gp-policy-'));
    writeFileSync(join(dir, 'p.yaml'), 'domains:\n  mode: block\n  domains: ["gmail.com", "*.example.com"]\n');
    writeFileSync(join(dir, 'p.json'), JSON.stringify({ approval: { rule: 'always' } }));
    const yaml = loadPolicy(join(dir, 'p.yaml'));
    assert.deepEqual(yaml.domains, { mode: 'block', domains: ['gmail.com', '*.example.com'] });
    assert.equal(yaml.requestExpiryHours, 72);
    assert.equal(loadPolicy(join(dir, 'p.json')).approval.rule, 'always');
  });

  it('keeps guests from acting unless the file says allowGuests: true', () => {
    assert.equal(parsePolicy({}).allowGuests, false);
    assert.equal(loadPolicy(join(__dirname, '..', '..', 'policy.sample.yaml')).allowGuests, false);
    assert.equal(parsePolicy({ allowGuests: true }).allowGuests, true);
    assert.deepEqual(problemsOf({ allowGuests: 'yes' }).map((problem) => problem.split(': ').slice(0, 2).join(': ')), ['policy.yaml: allowGuests']);
  });

  it('names the field of every mistake', () => {
    assert.deepEqual(
      problemsOf({
        domains: { mode: 'allow', domains: ['not a domain'] },
        approvers: { users: ['bob'] },
        redirectUrls: { allowed: ['http://x.com'] },
        requestExpiryHours: 0,
        surprise: true,
      }).map((problem) => problem.split(': ').slice(0, 2).join(': ')),
      [
        'policy.yaml: domains.domains.0',
        'policy.yaml: approvers.users.0',
        'policy.yaml: redirectUrls.allowed.0',
        'policy.yaml: requestExpiryHours',
        'policy.yaml: (root)',
      ],
    );
  });

  it('reads the resend limits, defaulting to one email per guest an hour and 20 resends per person an hour', () => {
    assert.deepEqual(parsePolicy({}).resend, { perGuestMinutes: 60, perRequesterPerHour: 20 });
    assert.deepEqual(parsePolicy({ resend: { perGuestMinutes: 240 } }).resend, { perGuestMinutes: 240, perRequesterPerHour: 20 });
    assert.deepEqual(parsePolicy({ resend: { perGuestMinutes: 15, perRequesterPerHour: 5 } }).resend, { perGuestMinutes: 15, perRequesterPerHour: 5 });
    assert.deepEqual(
      problemsOf({ resend: { perGuestMinutes: 0, perRequesterPerHour: 2.5, perDay: 3 } }).map((problem) => problem.split(': ').slice(0, 2).join(': ')),
      ['policy.yaml: resend.perGuestMinutes', 'policy.yaml: resend.perRequesterPerHour', 'policy.yaml: resend'],
    );
  });

  it('refuses a default redirect URL outside the allow list', () => {
    assert.deepEqual(problemsOf({ redirectUrls: { allowed: ['https://a.com/x'], default: 'https://b.com' } }), [
      'policy.yaml: redirectUrls.default: must be one of redirectUrls.allowed',
    ]);
  });

  it('reads how long access lasts, per domain pattern', () => {
    assert.deepEqual(parsePolicy({}).access, { domains: [] });
    const policy = parsePolicy({ access: { defaultDays: 90, maxDays: 180, domains: [{ pattern: 'Partner.example', maxDays: 365 }] } });
    assert.deepEqual(policy.access, { defaultDays: 90, maxDays: 180, domains: [{ pattern: 'partner.example', maxDays: 365 }] });
    // A default equal to the maximum is fine.
    assert.equal(parsePolicy({ access: { defaultDays: 30, maxDays: 30 } }).access.maxDays, 30);
  });

  it('refuses a default longer than the maximum, also one a domain entry inherits', () => {
    assert.deepEqual(problemsOf({ access: { defaultDays: 200, maxDays: 180 } }), ['policy.yaml: access.defaultDays: 200 is longer than maxDays (180)']);
    assert.deepEqual(
      problemsOf({ access: { defaultDays: 90, domains: [{ pattern: 'a.example', maxDays: 365 }, { pattern: 'b.example', maxDays: 30 }] } }),
      ['policy.yaml: access.domains.1.defaultDays: 90 is longer than maxDays (30)'],
    );
    assert.deepEqual(
      problemsOf({ access: { maxDays: 30, domains: [{ pattern: 'c.example', defaultDays: 60 }] } }),
      ['policy.yaml: access.domains.0.defaultDays: 60 is longer than maxDays (30)'],
    );
    assert.deepEqual(
      problemsOf({ access: { defaultDays: 0, domains: [{ pattern: 'not a domain' }] } }).map((problem) => problem.split(': ').slice(0, 2).join(': ')),
      ['policy.yaml: access.defaultDays', 'policy.yaml: access.domains.0.pattern'],
    );
  });

  it('explains an unreadable or malformed file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gp-policy-'));
    writeFileSync(join(dir, 'bad.json'), '{ nope');
    assert.throws(() => loadPolicy(join(dir, 'missing.yaml')), /POLICY_FILE: cannot read/);
    assert.throws(() => loadPolicy(join(dir, 'bad.json')), /POLICY_FILE: .* is not valid JSON/);
  });
});
