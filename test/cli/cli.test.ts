import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_POLICY } from '../../src/invitation/policy';
import { SANDBOX_IDS } from '../../src/sandbox/graph-simulator';
import { createMemoryStore } from '../../src/storage';
import { GraphStage } from '../bulk/support/graph-stage';
import { cli } from './cli-runner';

const AS_MEGAN = ['--as', 'megan@contoso.com'];

describe('the guestpass command line', function () {
  let stage: GraphStage;
  beforeEach(async () => {
    stage = await GraphStage.start();
  });
  afterEach(() => stage.stop());

  it('has --help on every command, which calls nothing', async () => {
    for (const command of ['', 'invite', 'status', 'pending', 'resend', 'bulk']) {
      const run = await cli(stage, [...(command ? [command] : []), '--help']);
      assert.equal(run.code, 0, command);
      assert.match(run.stdout, new RegExp(`^Usage: guestpass${command ? ` ${command}` : ''} `), command);
    }
    assert.match((await cli(stage, ['--help'])).stdout, /Exit codes:\n {2}0 {4}done/);
    assert.equal(stage.simulator.requests.length, 0);
  });

  it("writes its help in the terminal's language: every description, the headings and the exit codes", async () => {
    const turkish = { env: { LANG: 'tr_TR.UTF-8' } };
    const main = (await cli(stage, ['--help'], turkish)).stdout;
    assert.match(main, /^Kullanım: guestpass /);
    assert.match(main, /Seçenekler:/);
    assert.match(main, /Komutlar:/);
    assert.match(main, /Çıkış kodları:\n {2}0 {4}/);
    assert.match(main, /kimin adına/);
    const invite = (await cli(stage, ['invite', '--help'], turkish)).stdout;
    assert.match(invite, /^Kullanım: guestpass invite /);
    assert.match(invite, /Bağımsız değişkenler:/);
    assert.match(invite, /--no-email +Entra e-posta göndermez/);
    assert.match(invite, /Örnek:/);
    for (const command of ['status', 'pending', 'resend', 'bulk', 'review']) {
      const text = (await cli(stage, [command, '--help'], turkish)).stdout;
      const described = text.split('\n').filter((line) => /^ {2}\S/.test(line) && !/^ {2}-h, --help/.test(line));
      assert.ok(described.length > 0, command);
      for (const line of described) assert.doesNotMatch(line, / (the|a|an|of|to|and) /, `${command}: an English description: ${line}`);
    }
    assert.match((await cli(stage, ['--help'])).stdout, /^Usage: guestpass [\s\S]*Exit codes:/, 'English without a Turkish locale');
  });

  it('exits 1 for usage and configuration mistakes, saying what is wrong', async () => {
    const cases: [string[], NodeJS.ProcessEnv, RegExp][] = [
      [['frobnicate'], {}, /unknown command 'frobnicate'/],
      [['invite'], {}, /missing required argument 'email'/],
      [['bulk', 'x.csv', '--concurrency', '99'], {}, /a whole number from 1 to 8/],
      [['invite', 'new@tailspin.com'], {}, /--as <user principal name or object id>/],
      [['--as', 'nobody@contoso.com', 'invite', 'new@tailspin.com'], {}, /no user with that user principal name/],
      [[...AS_MEGAN, 'invite', 'not-an-address'], {}, /is not a valid email address/],
      [['status', 'jane@fabrikam.com'], { AZURE_CLIENT_ID: 'not-a-guid' }, /GuestPass cannot start\.[\s\S]*AZURE_CLIENT_ID/],
    ];
    for (const [argv, env, message] of cases) {
      const run = await cli(stage, argv, { env });
      assert.equal(run.code, 1, argv.join(' '));
      assert.match(run.stderr + run.stdout, message, argv.join(' '));
    }
    assert.equal(stage.invitationPosts().length, 0);
  });

  it('invites with --until and says when access ends, status shows it, and a date beyond the maximum is refused with the latest date', async () => {
    const dayIn = (days: number) => {
      const now = new Date();
      return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + days)).toISOString().slice(0, 10);
    };
    const dir = mkdtempSync(join(tmpdir(), 'guestpass-cli-until-'));
    const env = { STORE: 'sqlite', DATA_DIR: join(dir, 'data') };
    const overrides = { policy: { ...DEFAULT_POLICY, access: { maxDays: 90, domains: [] } } };
    try {
      const until = dayIn(30);
      const run = await cli(stage, [...AS_MEGAN, 'invite', 'until@tailspin.com', '--until', until], { env, overrides });
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stdout, new RegExp(`Access ends: ${until}T23:59:59\\.999Z`));
      const status = await cli(stage, ['--json', 'status', 'until@tailspin.com'], { env, overrides });
      assert.equal(status.json<{ guests: { accessEndsAt?: string }[] }>().guests[0]?.accessEndsAt, `${until}T23:59:59.999Z`);
      assert.match((await cli(stage, ['status', 'until@tailspin.com'], { env, overrides })).stdout, new RegExp(`Access ends: +${until}T23:59:59\\.999Z`));

      const late = await cli(stage, [...AS_MEGAN, 'invite', 'late@tailspin.com', '--until', dayIn(91)], { env, overrides });
      assert.equal(late.code, 1);
      assert.match(late.stdout + late.stderr, new RegExp(`at most 90 days: the latest end date is ${dayIn(90)}`));
      assert.equal(stage.invitationPosts().length, 1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('status shows the governed guest’s end of access and lifecycle state once the lifecycle changed them', async () => {
    const store = createMemoryStore();
    const overrides = { store, policy: { ...DEFAULT_POLICY, access: { maxDays: 365, domains: [] } } };
    const until = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    const invited = await cli(stage, [...AS_MEGAN, '--json', 'invite', 'kept@tailspin.com', '--until', until], { overrides });
    assert.equal(invited.code, 0, invited.stderr);
    const userId = invited.json<{ userId: string }>().userId.toLowerCase();
    const stored = (await store.guests.get(userId))!;
    assert.ok(stored, 'the invited guest is governed');
    // A sponsor kept the guest longer, then access ended and the run blocked sign-in.
    await store.guests.update(
      { ...stored.value, accessEndsAt: '2099-06-30T23:59:59.999Z', state: 'disabled', disabledAt: '2099-07-01T09:00:00.000Z', deleteAt: '2099-07-31T09:00:00.000Z' },
      stored.etag,
    );
    const json = (await cli(stage, ['--json', 'status', 'kept@tailspin.com'], { overrides })).json<{ guests: { accessEndsAt?: string; lifecycle?: { state: string; deleteAt?: string } }[] }>();
    assert.equal(json.guests[0]?.accessEndsAt, '2099-06-30T23:59:59.999Z');
    assert.deepEqual([json.guests[0]?.lifecycle?.state, json.guests[0]?.lifecycle?.deleteAt], ['disabled', '2099-07-31T09:00:00.000Z']);
    const text = (await cli(stage, ['status', 'kept@tailspin.com'], { overrides })).stdout;
    assert.match(text, /Access ends: +2099-06-30T23:59:59\.999Z/);
    assert.match(text, /deleted on/);
  });

  it('invites as the person --as names, through the real Graph client, and answers in JSON', async () => {
    const run = await cli(stage, [...AS_MEGAN, '--json', 'invite', 'new@tailspin.com', 'New Guest', '--message', 'Welcome']);
    assert.equal(run.code, 0, run.stderr);
    const answer = run.json<{ kind: string; requestId: string; userId: string; redeemUrl?: string }>();
    assert.equal(answer.kind, 'invited');
    assert.equal(answer.redeemUrl, undefined);
    assert.equal(answer.userId, stage.simulator.directory.findUserByEmail('new@tailspin.com')?.id);
    const [post] = stage.invitationPosts();
    assert.deepEqual((post?.body as { invitedUserSponsors: unknown }).invitedUserSponsors, [{ id: SANDBOX_IDS.users.megan }]);
    assert.match(String(post?.headers.authorization), /^Bearer ey/);
  });

  it('refuses to act as a guest account unless the policy allows guests', async () => {
    const asGuest = ['--as', SANDBOX_IDS.users.alexAccepted.toUpperCase()];
    const refused = await cli(stage, [...asGuest, 'invite', 'new@tailspin.com']);
    assert.equal(refused.code, 2);
    assert.match(refused.stderr + refused.stdout, /a guest account; the policy does not let guests act/);
    assert.equal(stage.invitationPosts().length, 0);
    const allowed = await cli(stage, [...asGuest, '--json', 'invite', 'new@tailspin.com'], { overrides: { policy: { ...DEFAULT_POLICY, allowGuests: true } } });
    assert.equal(allowed.code, 0, allowed.stderr);
    assert.equal(allowed.json<{ kind: string }>().kind, 'invited');
  });

  it('prints the redeem URL only when the email is withheld, with a warning', async () => {
    const run = await cli(stage, [...AS_MEGAN, 'invite', 'quiet@tailspin.com', '--no-email']);
    assert.equal(run.code, 0);
    assert.match(run.stdout, /Redeem URL: https:\/\/login\.microsoftonline\.com\/redeem\?rd=/);
    assert.match(run.stderr, /personal to the guest/);
  });

  it('warns that --cc and --message go nowhere without the email', async () => {
    const run = await cli(stage, [...AS_MEGAN, 'invite', 'quiet-cc@tailspin.com', '--no-email', '--cc', 'pm@contoso.com', '--message', 'Hi']);
    assert.equal(run.code, 0);
    assert.match(run.stderr, /your --message is not sent anywhere/);
    assert.match(run.stderr, /--cc is ignored/);
  });

  it('says who will decide a request, or that nobody can', async () => {
    const policy = { ...DEFAULT_POLICY, approval: { rule: 'always' as const, trustedDomains: [] }, approvers: { users: [SANDBOX_IDS.users.megan], groups: [] } };
    const run = await cli(stage, [...AS_MEGAN, 'invite', 'decide@tailspin.com'], { overrides: { policy } });
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /Nobody but you may approve the invitation of decide@tailspin\.com/);
  });

  it('exits 0 for settled outcomes and 2 for a refusal', async () => {
    assert.equal((await cli(stage, [...AS_MEGAN, '--json', 'invite', 'jane@fabrikam.com'])).json().kind, 'alreadyExists');
    const refused = await cli(stage, [...AS_MEGAN, 'invite', 'x@tailspin.com'], {
      overrides: { policy: { ...DEFAULT_POLICY, domains: { mode: 'block', domains: ['tailspin.com'] } } },
    });
    assert.equal(refused.code, 2);
    assert.match(refused.stdout, /Guests from tailspin\.com may not be invited/);
    assert.equal(stage.invitationPosts().length, 0);
  });

  it('refuses an address someone else has an open request for, saying who asked, and exits 2', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'guestpass-cli-'));
    try {
      const env = { STORE: 'sqlite', DATA_DIR: dataDir };
      const overrides = { policy: { ...DEFAULT_POLICY, approval: { rule: 'always' as const, trustedDomains: [] }, approvers: { users: [SANDBOX_IDS.users.megan], groups: [] } } };
      const first = await cli(stage, [...AS_MEGAN, 'invite', 'held@tailspin.com'], { env, overrides });
      assert.equal(first.code, 0, first.stderr);
      const other = await cli(stage, ['--as', 'adele@contoso.com', 'invite', 'HELD@tailspin.com'], { env, overrides });
      assert.equal(other.code, 2);
      assert.match(other.stdout, /Already requested\. Megan Bowen asked to invite .* and that request is still open \(Waiting for approval\)/);
      const json = (await cli(stage, ['--as', 'adele@contoso.com', '--json', 'invite', 'held@tailspin.com'], { env, overrides })).json<{
        kind: string;
        openRequest: { requesterName: string; yours: boolean };
      }>();
      assert.equal(json.kind, 'alreadyRequested');
      assert.deepEqual([json.openRequest.requesterName, json.openRequest.yours], ['Megan Bowen', false]);
      const again = await cli(stage, [...AS_MEGAN, 'invite', 'held@tailspin.com'], { env, overrides });
      assert.match(again.stdout, /You asked to invite held@tailspin\.com .*still open: Waiting for approval/);
      assert.equal(stage.invitationPosts().length, 0);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('answers status in JSON, exits 2 when nobody matches and 3 when Graph is unavailable', async () => {
    const found = await cli(stage, ['status', 'jane@fabrikam.com', '--json']);
    assert.equal(found.code, 0);
    const guests = found.json<{ guests: { id: string; externalUserState: string }[] }>().guests;
    assert.deepEqual(guests.map((g) => [g.id, g.externalUserState]), [[SANDBOX_IDS.users.janePending, 'PendingAcceptance']]);
    assert.equal((await cli(stage, ['status', 'nobody@tailspin.com'])).code, 2);

    stage.simulator.enqueueFault({ method: 'GET', pathPrefix: '/v1.0/users' }, { status: 503, headers: { 'Retry-After': '0' } }, 4);
    const down = await cli(stage, ['status', 'jane@fabrikam.com']);
    assert.equal(down.code, 3);
    assert.match(down.stderr, /could not be reached/);
    const wrongSecret = await cli(stage, ['status', 'jane@fabrikam.com'], { env: { AZURE_CLIENT_SECRET: 'wrong' } });
    assert.equal(wrongSecret.code, 3);
  });

  it('lists pending guests and resends an invitation through the lifecycle use cases', async () => {
    const pending = await cli(stage, [...AS_MEGAN, 'pending', '--json']);
    assert.equal(pending.code, 0, pending.stderr);
    assert.ok(pending.json<{ tenant: { id: string }[] }>().tenant.some((guest) => guest.id === SANDBOX_IDS.users.janePending));

    const resent = await cli(stage, [...AS_MEGAN, 'resend', 'jane@fabrikam.com', '--json']);
    assert.equal(resent.code, 0, resent.stderr);
    assert.deepEqual(resent.json(), { resent: true, email: 'jane@fabrikam.com', userId: SANDBOX_IDS.users.janePending });
    assert.equal((stage.invitationPosts()[0]?.body as { sendInvitationMessage: boolean }).sendInvitationMessage, true);
    assert.equal((await cli(stage, [...AS_MEGAN, 'resend', 'alex@northwind.com'])).code, 2, 'already accepted');
  });

  it('keeps to the resend limit across runs (the limit lives in the store), saying from when', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'guestpass-resend-'));
    try {
      const env = { STORE: 'sqlite', DATA_DIR: dataDir };
      const first = await cli(stage, [...AS_MEGAN, 'resend', 'jane@fabrikam.com', '--json'], { env });
      assert.equal(first.code, 0, first.stderr);
      const second = await cli(stage, [...AS_MEGAN, 'resend', 'jane@fabrikam.com', '--json'], { env });
      assert.equal(second.code, 2, second.stderr);
      const refused = second.json<{ resent: boolean; reason: string; limit: string; nextAt: string }>();
      assert.deepEqual([refused.resent, refused.reason, refused.limit], [false, 'rateLimited', 'guest']);
      const wait = Date.parse(refused.nextAt) - Date.now();
      assert.ok(wait > 50 * 60_000 && wait <= 60 * 60_000, refused.nextAt);
      assert.equal(stage.invitationPosts().length, 1, 'one email');
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('says so on stderr when no tenant is configured, and works against the sandbox', async () => {
    const run = await cli(undefined, ['status', 'jane@fabrikam.com'], { env: { STORE: 'memory' } });
    assert.equal(run.code, 0);
    assert.match(run.stderr, /^SANDBOX: no Microsoft Entra tenant is configured/);
    assert.match(run.stdout, /Pending acceptance/);
  });

  it('runs as an installed command: a child process with the bot’s environment and a real exit code', async function () {
    this.timeout(60_000);
    const root = join(__dirname, '..', '..');
    // Asynchronous: this process serves the Graph stage the child talks to.
    const child = spawn(process.execPath, [join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(root, 'src', 'cli', 'index.ts'), 'status', 'nobody@tailspin.com', '--json'], {
      env: { ...process.env, ...stage.env() },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const [status] = (await once(child, 'close')) as [number];
    assert.equal(status, 2, stderr);
    assert.deepEqual(JSON.parse(stdout), { found: false, guests: [] });
    assert.doesNotMatch(stderr, /DeprecationWarning/);
  });
});
