import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StoreBulkLedger } from '../../src/bulk/store-ledger';
import { BulkRow, BulkRowResult, runBulkInvitation } from '../../src/invitation/bulk-invite';
import { BulkLedger, InvitationPacer } from '../../src/invitation/bulk-ports';
import { cancelRequest } from '../../src/invitation/cancel-request';
import { transition } from '../../src/invitation/invitation-request';
import { updateRequest } from '../../src/invitation/update-request';
import { DirectoryError } from '../../src/invitation/directory-error';
import { openSqliteStore } from '../../src/storage';
import { describeOutcome } from '../../src/bulk/describe';
import { translatorFor } from '../../src/i18n';
import { ALICE, DAVE, guestUser, harness, Harness } from '../invitation/fixtures';
import { sampleRequest } from '../storage/sample-request';
import { SerialPacer } from './support/pacers';

const row = (line: number, email: string, sendEmail = true): BulkRow => ({ line, draft: { email, sendEmail, userType: 'Guest' } });
const FILE = 'file-1';
const kinds = (results: BulkRowResult[]) => results.map((result) => [result.line, result.outcome.kind]);

describe('a bulk invitation run', () => {
  let h: Harness;
  let ledger: BulkLedger;
  let pacer: SerialPacer;
  beforeEach(() => {
    h = harness({ domains: { mode: 'block', domains: ['blocked.example'] } });
    ledger = new StoreBulkLedger(h.store.state, h.store.leases, h.clock);
    pacer = new SerialPacer();
  });

  it('invites each row through the same use case as a single invitation, reporting every outcome in row order', async () => {
    h.directory.users.push(guestUser({ id: 'existing', mail: 'jane@fabrikam.com' }));
    const rows = [row(3, 'new@tailspin.com'), row(4, 'quiet@tailspin.com', false), row(5, 'jane@fabrikam.com'), row(6, 'colleague@contoso.com'), row(7, 'x@blocked.example')];
    const report = await runBulkInvitation(h.ctx, { fileId: FILE, rows, requester: ALICE }, { pacer, ledger });
    assert.equal(report.kind, 'ran');
    if (report.kind !== 'ran') return;
    assert.deepEqual(kinds(report.results), [[3, 'invited'], [4, 'invited'], [5, 'alreadyExists'], [6, 'internal'], [7, 'refused']]);
    const [sent, withheld] = report.results.map((result) => result.outcome);
    assert.ok(sent && 'redeemUrl' in sent && sent.redeemUrl === undefined, 'no redeem URL when Entra sends the email');
    assert.match(withheld && 'redeemUrl' in withheld ? String(withheld.redeemUrl) : '', /redeem\?rd=ticket/);
    assert.deepEqual(h.directory.invitations.map((command) => [command.email, command.sponsorIds]), [
      ['new@tailspin.com', [ALICE.id]],
      ['quiet@tailspin.com', [ALICE.id]],
    ]);
    assert.equal((await h.store.requests.list({ requesterId: ALICE.id })).length, 2, 'each invitation is a request of its own, audited as usual');
  });

  it('resumes an interrupted run: the second run skips what the first settled and invites nobody twice', async () => {
    const rows = [row(2, 'a@tailspin.com'), row(3, 'b@tailspin.com'), row(4, 'c@tailspin.com'), row(5, 'd@tailspin.com')];
    const stop = new AbortController();
    const first = await runBulkInvitation(h.ctx, { fileId: FILE, rows, requester: ALICE }, {
      pacer,
      ledger,
      signal: stop.signal,
      onRow: (_result, { done }) => (done === 2 ? stop.abort() : undefined),
    });
    assert.ok(first.kind === 'ran' && first.interrupted);
    assert.deepEqual(kinds(first.results), [[2, 'invited'], [3, 'invited'], [4, 'notRun'], [5, 'notRun']]);

    const second = await runBulkInvitation(h.ctx, { fileId: FILE, rows, requester: ALICE }, { pacer, ledger });
    assert.ok(second.kind === 'ran' && !second.interrupted);
    assert.deepEqual(kinds(second.results), [[2, 'skipped'], [3, 'skipped'], [4, 'invited'], [5, 'invited']]);
    const skipped = second.results[0]!.outcome;
    assert.ok(skipped.kind === 'skipped' && skipped.earlier.outcome === 'invited' && skipped.earlier.userId === 'user-1');
    assert.deepEqual(h.directory.invitations.map((command) => command.email), ['a@tailspin.com', 'b@tailspin.com', 'c@tailspin.com', 'd@tailspin.com']);
  });

  it('survives dying between the invitation and its record: the re-run finds the guest instead of inviting again', async () => {
    let records = 0;
    const fragile: BulkLedger = {
      find: (fileId, email) => ledger.find(fileId, email),
      claim: (fileId, runId) => ledger.claim(fileId, runId),
      release: (fileId, runId) => ledger.release(fileId, runId),
      record: async (fileId, email, done) => {
        if (++records === 2) throw new Error('the store went away');
        await ledger.record(fileId, email, done);
      },
    };
    const rows = [row(2, 'a@tailspin.com'), row(3, 'b@tailspin.com'), row(4, 'c@tailspin.com')];
    await assert.rejects(runBulkInvitation(h.ctx, { fileId: FILE, rows, requester: ALICE }, { pacer, ledger: fragile }), /store went away/);
    assert.equal(h.directory.invitations.length, 2, 'the rows queued behind the failure were not sent');

    const again = await runBulkInvitation(h.ctx, { fileId: FILE, rows, requester: ALICE }, { pacer, ledger });
    assert.ok(again.kind === 'ran');
    assert.deepEqual(kinds(again.results), [[2, 'skipped'], [3, 'alreadyExists'], [4, 'invited']]);
    assert.deepEqual(h.directory.invitations.map((command) => command.email), ['a@tailspin.com', 'b@tailspin.com', 'c@tailspin.com']);
  });

  it('remembers settled rows across a restart of a durable store', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'guestpass-bulk-'));
    try {
      const rows = [row(2, 'a@tailspin.com'), row(3, 'b@tailspin.com')];
      const before = openSqliteStore(join(dir, 'guestpass.sqlite'));
      const stop = new AbortController();
      await runBulkInvitation(h.ctx, { fileId: FILE, rows, requester: ALICE }, {
        pacer,
        ledger: new StoreBulkLedger(before.state, before.leases, h.clock),
        signal: stop.signal,
        onRow: () => stop.abort(),
      });
      await before.close();
      const after = openSqliteStore(join(dir, 'guestpass.sqlite'));
      const report = await runBulkInvitation(h.ctx, { fileId: FILE, rows, requester: ALICE }, {
        pacer,
        ledger: new StoreBulkLedger(after.state, after.leases, h.clock),
      });
      await after.close();
      assert.ok(report.kind === 'ran');
      assert.deepEqual(kinds(report.results), [[2, 'skipped'], [3, 'invited']]);
      assert.equal(h.directory.invitations.length, 2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('does nothing while another run holds the same file, and takes it over once that run is gone', async () => {
    assert.ok(await ledger.claim(FILE, 'other-run'));
    const rows = [row(2, 'a@tailspin.com')];
    assert.deepEqual(await runBulkInvitation(h.ctx, { fileId: FILE, rows, requester: ALICE }, { pacer, ledger }), { kind: 'busy' });
    assert.equal(h.directory.invitations.length, 0);
    h.clock.advance(10 * 60_000);
    const report = await runBulkInvitation(h.ctx, { fileId: FILE, rows, requester: ALICE }, { pacer, ledger });
    assert.ok(report.kind === 'ran', 'a claim that was not renewed lapses');
  });

  it('slows the pacer down for as long as Graph asked when it throttles, and leaves the row for a re-run', async () => {
    h.directory.failWith = new DirectoryError('throttled', 'Graph request failed (throttled)', undefined, undefined, 30_000);
    const rows = [row(2, 'a@tailspin.com')];
    const first = await runBulkInvitation(h.ctx, { fileId: FILE, rows, requester: ALICE }, { pacer, ledger });
    assert.ok(first.kind === 'ran');
    const outcome = first.results[0]!.outcome;
    assert.ok(outcome.kind === 'failed' && outcome.error?.kind === 'throttled' && outcome.error.retryable);
    assert.deepEqual(pacer.slowDowns, [30_000]);
    h.directory.failWith = undefined;
    const second = await runBulkInvitation(h.ctx, { fileId: FILE, rows, requester: ALICE }, { pacer, ledger });
    assert.ok(second.kind === 'ran');
    assert.deepEqual(kinds(second.results), [[2, 'invited']]);
  });

  it('stops at a failure every row would share (no token, no permission) instead of failing them all', async () => {
    h.directory.failWith = new DirectoryError('insufficientPrivileges', 'Graph request failed (insufficientPrivileges)');
    const rows = [row(2, 'a@tailspin.com'), row(3, 'b@tailspin.com'), row(4, 'c@tailspin.com')];
    const report = await runBulkInvitation(h.ctx, { fileId: FILE, rows, requester: ALICE }, { pacer, ledger });
    assert.ok(report.kind === 'ran');
    assert.deepEqual(kinds(report.results), [[2, 'failed'], [3, 'notRun'], [4, 'notRun']]);
    assert.equal(report.stoppedBy, 'insufficientPrivileges');
    assert.equal(report.interrupted, false);
    assert.equal(h.directory.createInvitation.callCount, 1);
  });

  it('stops too when, in delegated mode, the person may not invite', async () => {
    h.directory.failWith = new DirectoryError('inviterNotAllowed', 'Graph request failed (inviterNotAllowed)');
    const rows = [row(2, 'a@tailspin.com'), row(3, 'b@tailspin.com')];
    const report = await runBulkInvitation(h.ctx, { fileId: FILE, rows, requester: ALICE }, { pacer, ledger });
    assert.ok(report.kind === 'ran');
    assert.deepEqual(kinds(report.results), [[2, 'failed'], [3, 'notRun']]);
    assert.equal(report.stoppedBy, 'inviterNotAllowed');
  });

  it('refuses a row whose address someone else has an open request for, with who asked and when in the reason', async () => {
    const daves = sampleRequest({ requester: DAVE, state: 'pendingApproval' });
    await h.store.requests.create({ ...daves, invitation: { ...daves.invitation, email: 'held@tailspin.com', domain: 'tailspin.com' } });
    const rows = [row(2, 'free@tailspin.com'), row(3, 'Held@tailspin.com')];
    const report = await runBulkInvitation(h.ctx, { fileId: FILE, rows, requester: ALICE }, { pacer, ledger });
    assert.ok(report.kind === 'ran');
    assert.deepEqual(kinds(report.results), [[2, 'invited'], [3, 'alreadyRequested']]);
    assert.deepEqual(h.directory.invitations.map((command) => command.email), ['free@tailspin.com']);
    const reason = describeOutcome(translatorFor('en'), report.results[1]!.outcome, (iso) => iso.slice(0, 10));
    assert.match(reason, new RegExp(`^${DAVE.displayName} asked to invite Held@tailspin\\.com on 2025-03-01, and that request is still open \\(Waiting for approval\\)`));
  });

  it('reports a row whose request was cancelled while it waited for its turn as closed, with nothing sent, and keeps it closed', async () => {
    // The pacer's turn comes after the requester cancelled the row's request (`cancel REQUEST-ID` in another chat).
    const cancelling: InvitationPacer = {
      schedule: (task) =>
        task(async () => {
          for (const { value } of await h.store.requests.list({ states: ['approved'] })) await cancelRequest(h.ctx, value.id, ALICE);
        }),
      slowDown: () => undefined,
    };
    const report = await runBulkInvitation(h.ctx, { fileId: FILE, rows: [row(2, 'late@tailspin.com')], requester: ALICE }, { pacer: cancelling, ledger });
    assert.ok(report.kind === 'ran');
    assert.deepEqual(kinds(report.results), [[2, 'closed']]);
    assert.equal(h.directory.invitations.length, 0);
    const outcome = report.results[0]!.outcome;
    assert.ok(outcome.kind === 'closed');
    assert.match(describeOutcome(translatorFor('en'), outcome, (iso) => iso), new RegExp(`^Not invited: request ${outcome.requestId} was closed \\(Cancelled\\) while it waited`));
    assert.match(describeOutcome(translatorFor('tr'), outcome, (iso) => iso), /hiçbir şey gönderilmedi/);
    const again = await runBulkInvitation(h.ctx, { fileId: FILE, rows: [row(2, 'late@tailspin.com')], requester: ALICE }, { pacer, ledger });
    assert.ok(again.kind === 'ran');
    assert.deepEqual(kinds(again.results), [[2, 'skipped']], 'a cancellation is someone\'s decision: running the file again does not undo it');
    assert.equal(h.directory.invitations.length, 0);
  });

  it('says where the link went for a row GuestPass invited without an email while the row waited', async () => {
    const resuming: InvitationPacer = {
      schedule: (task) =>
        task(async () => {
          for (const { value } of await h.store.requests.list({ states: ['approved'] })) {
            await updateRequest(h.store.requests, value.id, (current) => ({
              ...transition(transition(current, 'inviting', h.ctx.clock.now()), 'invited', h.ctx.clock.now()),
              result: { userId: 'user-resumed' },
            }));
          }
        }),
      slowDown: () => undefined,
    };
    const report = await runBulkInvitation(h.ctx, { fileId: FILE, rows: [row(2, 'quiet@tailspin.com', false)], requester: ALICE }, { pacer: resuming, ledger });
    assert.ok(report.kind === 'ran');
    const outcome = report.results[0]!.outcome;
    assert.ok(outcome.kind === 'invited');
    assert.equal(outcome.redeemUrl, undefined);
    assert.match(describeOutcome(translatorFor('en'), outcome, (iso) => iso), /its redeem URL is not in this file/);
  });

  it('invites each row once even when two runs of one file overlap: every address is claimed in the store with compare-and-swap', async () => {
    // Both runs get the file (as if one's claim had lapsed while it still ran): only the per-address claims stand between them.
    const overlapping: BulkLedger = {
      find: (fileId, email) => ledger.find(fileId, email),
      record: (fileId, email, done) => ledger.record(fileId, email, done),
      claim: async () => true,
      release: async () => undefined,
    };
    // In the same order, so that both look each address up before either has invited it.
    const rows = Array.from({ length: 8 }, (_, i) => row(i + 2, `guest${i}@tailspin.com`));
    const [first, second] = await Promise.all([
      runBulkInvitation(h.ctx, { fileId: FILE, rows, requester: ALICE }, { pacer: new SerialPacer(), ledger: overlapping }),
      runBulkInvitation(h.ctx, { fileId: FILE, rows, requester: ALICE }, { pacer: new SerialPacer(), ledger: overlapping }),
    ]);
    assert.ok(first.kind === 'ran' && second.kind === 'ran');
    const invited = h.directory.invitations.map((command) => command.email).sort();
    assert.deepEqual(invited, rows.map((r) => r.draft.email).sort(), 'every address invited exactly once');
    const invitedByRuns = [...first.results, ...second.results].filter((result) => result.outcome.kind === 'invited').length;
    assert.equal(invitedByRuns, rows.length, 'each row reported invited by one run, and settled or refused by the other');
  });
});
