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

  it('explains an unreadable or malformed file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gp-policy-'));
    writeFileSync(join(dir, 'bad.json'), '{ nope');
    assert.throws(() => loadPolicy(join(dir, 'missing.yaml')), /POLICY_FILE: cannot read/);
    assert.throws(() => loadPolicy(join(dir, 'bad.json')), /POLICY_FILE: .* is not valid JSON/);
  });
});
