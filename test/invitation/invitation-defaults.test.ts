import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { AccessControl } from '../../src/invitation/access-control';
import { ApproverDirectory } from '../../src/invitation/approver-directory';
import { invitationDefaults, withInvitationDefaults } from '../../src/invitation/invitation-defaults';
import { InvitationDraft } from '../../src/invitation/invitation-draft';
import { InvitationRequest } from '../../src/invitation/invitation-request';
import { DEFAULT_POLICY, InvitationPolicy } from '../../src/invitation/policy';
import { Requester } from '../../src/invitation/requester';
import { mayDecideRequest } from '../../src/invitation/who-decides';
import { ALICE, BOB_APPROVER, CAROL_ADMIN, ControlledClock, DAVE, FakeAccounts, FakeDirectory } from './fixtures';
import { sourceFiles } from '../support/source-files';

const LIMITS = { maxMessageLength: 100, defaultRedirectUrl: 'https://myapps.microsoft.com' };
const DRAFT: InvitationDraft = { email: 'a@b.com', sendEmail: true, userType: 'Guest' };
const GROUPS: InvitationPolicy['offeredGroups'] = [{ id: 'g-falcon', displayName: 'Project Falcon', kind: 'team' }];

describe('the effective invitation defaults', () => {
  it("take the policy's redirect URL, language and offered groups over the configured fallback", () => {
    const policy: InvitationPolicy = {
      ...DEFAULT_POLICY,
      redirectUrls: { allowed: [], default: 'https://portal.contoso.com' },
      defaultMessageLanguage: 'de-DE',
      offeredGroups: GROUPS,
    };
    assert.deepEqual(invitationDefaults({ policy, limits: LIMITS }), {
      redirectUrl: 'https://portal.contoso.com',
      messageLanguage: 'de-DE',
      offeredGroups: GROUPS,
    });
  });

  it('fall back to the configured redirect URL and no language of their own', () => {
    assert.deepEqual(invitationDefaults({ policy: DEFAULT_POLICY, limits: LIMITS }), { redirectUrl: LIMITS.defaultRedirectUrl, offeredGroups: [] });
  });

  it("fill a draft: what was asked for wins, then the organization's language, then the requester's if Entra writes it", () => {
    const defaults = { redirectUrl: 'https://portal.contoso.com', offeredGroups: [] };
    const turkish: Requester = { ...ALICE, locale: 'tr-TR' };
    assert.deepEqual(withInvitationDefaults(defaults, { ...DRAFT }, turkish), { ...DRAFT, redirectUrl: 'https://portal.contoso.com', messageLanguage: 'tr-TR' });
    assert.deepEqual(withInvitationDefaults({ ...defaults, messageLanguage: 'de' }, { ...DRAFT }, turkish).messageLanguage, 'de');
    const asked = withInvitationDefaults(defaults, { ...DRAFT, redirectUrl: 'https://x.com', messageLanguage: 'fr' }, turkish);
    assert.equal(asked.redirectUrl, 'https://x.com');
    assert.equal(asked.messageLanguage, 'fr');
    assert.equal(withInvitationDefaults(defaults, { ...DRAFT }, { ...ALICE, locale: 'sw-KE' }).messageLanguage, undefined);
  });
});

describe('who may decide a request', () => {
  const policy: InvitationPolicy = {
    ...DEFAULT_POLICY,
    approvers: { users: [BOB_APPROVER.id], groups: [] },
    admins: { users: [CAROL_ADMIN.id], groups: [] },
    fallbackApprovers: { users: [DAVE.id], groups: [], afterMinutes: 60 },
  };
  const accounts = new FakeAccounts();
  for (const person of [ALICE, BOB_APPROVER, CAROL_ADMIN, DAVE]) accounts.set(person.id, 'Member');
  const directory = new FakeDirectory();
  const clock = new ControlledClock();
  const access = new AccessControl(policy, directory, accounts, clock);
  const approvers = new ApproverDirectory(policy, directory, directory, clock, access);

  function request(requester: Requester, approval: InvitationRequest['approval']): InvitationRequest {
    return {
      id: 'R1',
      requester,
      invitation: { email: 'x@untrusted.org', domain: 'untrusted.org', redirectUrl: 'https://x.com', sendEmail: true, userType: 'Guest' },
      state: 'pendingApproval',
      createdAt: '2026-11-22T09:00:00.000Z',
      approval,
      transitions: [],
    };
  }

  const shapes: [string, InvitationRequest['approval']][] = [
    ['ordinary', { reasons: ['always'], adminOnly: false }],
    ['escalated', { reasons: ['always'], adminOnly: false, escalatedAt: '2026-11-22T10:00:00.000Z' }],
    ['admin-only', { reasons: ['memberInvitation'], adminOnly: true }],
    ['admin-only, escalated', { reasons: ['memberInvitation'], adminOnly: true, escalatedAt: '2026-11-22T10:00:00.000Z' }],
  ];

  it('is one rule: those it lets decide are exactly those the approval card is refreshed for', async () => {
    for (const requester of [ALICE, BOB_APPROVER, CAROL_ADMIN]) {
      for (const [shape, approval] of shapes) {
        const pending = request(requester, approval);
        const deciders = new Set(await approvers.deciders(pending));
        for (const person of [ALICE, BOB_APPROVER, CAROL_ADMIN, DAVE]) {
          assert.equal(await mayDecideRequest(access, person, pending), deciders.has(person.id), `${person.displayName} on ${requester.displayName}'s ${shape} request`);
        }
      }
    }
  });

  it('lets approvers decide ordinary requests (the accepted path), the fallback only once escalated, admins always, nobody their own', async () => {
    const [ordinary, escalated, adminOnly] = shapes.map(([, approval]) => request(ALICE, approval));
    assert.equal(await mayDecideRequest(access, BOB_APPROVER, ordinary!), true);
    assert.equal(await mayDecideRequest(access, DAVE, ordinary!), false);
    assert.equal(await mayDecideRequest(access, DAVE, escalated!), true);
    assert.equal(await mayDecideRequest(access, BOB_APPROVER, adminOnly!), false);
    assert.equal(await mayDecideRequest(access, CAROL_ADMIN, adminOnly!), true);
    assert.equal(await mayDecideRequest(access, BOB_APPROVER, request(BOB_APPROVER, ordinary!.approval)), false);
  });
});

describe('each default and the decision rule are written once', () => {
  const SRC = resolve(__dirname, '../../src');
  const readers = (pattern: RegExp) =>
    sourceFiles(SRC)
      .filter((file) => pattern.test(readFileSync(file, 'utf8')))
      .map((file) => relative(SRC, file).replace(/\\/g, '/'))
      .filter((file) => !file.startsWith('config/'));

  it("the redirect URL's and the message language's defaults are read only in src/invitation/invitation-defaults.ts", () => {
    assert.deepEqual(readers(/redirectUrls\.default|\.defaultMessageLanguage/), ['invitation/invitation-defaults.ts']);
    // The configured fallback: decided upon there, applied by validation to the limits it is given.
    assert.deepEqual(readers(/limits\.defaultRedirectUrl/), ['invitation/invitation-defaults.ts', 'invitation/validate-invitation.ts']);
  });

  it('Teams, the command line and the jobs take the offered groups from the defaults, not from the policy', () => {
    assert.deepEqual(readers(/policy\.offeredGroups/).filter((file) => !file.startsWith('invitation/')), []);
  });

  it('who may decide is asked only through src/invitation/who-decides.ts', () => {
    assert.deepEqual(readers(/\.mayDecide\(|escalatedAt !== undefined/), ['invitation/who-decides.ts']);
  });
});
