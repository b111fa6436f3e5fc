import assert from 'node:assert/strict';
import type { Activity, ConversationReference, TurnContext } from 'botbuilder';
import { parseBulkCsv } from '../../../src/bulk/parse-bulk-csv';
import { BULK_CLAIM_MS, StoreBulkLedger } from '../../../src/bulk/store-ledger';
import { validateBulkRows } from '../../../src/bulk/validate-rows';
import { createLogger } from '../../../src/logging/logger';
import { BackgroundWork } from '../../../src/teams/background-work';
import { CardFollowUp } from '../../../src/teams/card-follow-up';
import { BulkJob, BulkRuns } from '../../../src/teams/bulk/bulk-runs';
import { TeamsBulk } from '../../../src/teams/bulk/teams-bulk';
import { ALICE, harness, Harness } from '../../invitation/fixtures';
import { guestRows, templateCsv } from '../../bulk/support/bulk-files';
import { SerialPacer } from '../../bulk/support/pacers';

const FILE_CONSENT = 'application/vnd.microsoft.teams.card.file.consent';
const PROGRESS_ID = 'progress-of-instance-a';

/**
 * Two instances of the bot on one store: the first confirmed a bulk file and stopped half way (what a crash leaves
 * in the store: the run, its progress message, two settled rows, its lapsing claim on the file); the second finds
 * the run and finishes it in the same progress message, inviting only the rows still to do.
 */
describe('a bulk run taken over by another instance', () => {
  let h: Harness;
  let sent: Partial<Activity>[];
  let updated: Partial<Activity>[];
  let backgrounds: BackgroundWork[];
  let job: BulkJob;

  const logger = createLogger({ level: 'silent' });
  const context = {
    sendActivity: async (activity: Partial<Activity>) => {
      sent.push(activity);
      return { id: `sent-${sent.length}` };
    },
    updateActivity: async (activity: Partial<Activity>) => {
      updated.push(activity);
    },
  } as unknown as TurnContext;
  const instance = () => {
    const background = new BackgroundWork(logger);
    backgrounds.push(background);
    return new TeamsBulk({
      invitations: h.ctx,
      state: h.store.state,
      ledger: new StoreBulkLedger(h.store.state, h.store.leases, h.clock),
      pacer: new SerialPacer(),
      logger,
      fileHosts: [],
      continueConversation: async (_reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>) => logic(context),
      followUp: {} as CardFollowUp,
      background,
    });
  };
  const finished = () => Promise.all(backgrounds.map((background) => background.drain(new AbortController().signal)));
  const cardText = (activity: Partial<Activity> | undefined) => JSON.stringify(activity?.attachments?.[0]?.content ?? '');

  beforeEach(async () => {
    h = harness();
    sent = [];
    updated = [];
    backgrounds = [];
    const parsed = parseBulkCsv(Buffer.from(templateCsv(guestRows(4))));
    assert.ok(parsed.ok);
    const { valid, invalid } = validateBulkRows(parsed.rows, h.ctx.limits);
    job = { id: 'upload-1', fileName: 'guests.csv', fileId: parsed.fileId, rows: valid, invalid, requester: ALICE, reference: { conversation: { id: 'a:1' } } as Partial<ConversationReference>, replyTo: 'alice-chat', locale: 'en-US' };

    // What instance A left behind.
    const runs = new BulkRuns(h.store.state, h.clock);
    await runs.keep(job);
    await runs.noteProgressMessage(job.id, PROGRESS_ID);
    const ledger = new StoreBulkLedger(h.store.state, h.store.leases, h.clock);
    assert.ok(await ledger.claim(job.fileId, 'run-of-instance-a'));
    for (const row of job.rows.slice(0, 2)) {
      await ledger.record(job.fileId, row.draft.email!, { outcome: 'invited', requestId: `request-${row.line}`, at: h.clock.now().toISOString() });
    }
  });

  it('finishes the rows still to do, in the same progress message, and offers the result file', async () => {
    h.clock.advance(BULK_CLAIM_MS);
    const b = instance();
    assert.equal(await b.resumeAbandonedRuns(), 1);
    await finished();

    assert.deepEqual(h.directory.invitations.map((invitation) => invitation.email), ['guest3@tailspin.com', 'guest4@tailspin.com'], 'only the rows A had not settled');
    assert.ok(updated.length > 0 && updated.every((activity) => activity.id === PROGRESS_ID), 'every update goes to the message A posted');
    assert.equal(sent.filter((activity) => /Inviting guests/.test(cardText(activity))).length, 0, 'no second progress message');
    assert.match(cardText(updated.at(-1)), /Bulk invitation finished: guests\.csv/);
    const consent = sent.filter((activity) => activity.attachments?.[0]?.contentType === FILE_CONSENT);
    assert.equal(consent.length, 1);
    assert.equal(consent[0]!.attachments![0]!.name, 'guests-results.csv');

    assert.equal(await instance().resumeAbandonedRuns(), 0, 'a finished run is not taken up again');
    assert.deepEqual(await new BulkRuns(h.store.state, h.clock).unfinished(), []);
  });

  it('leaves a run alone while the instance running it still holds its claim', async () => {
    h.clock.advance(BULK_CLAIM_MS - 1);
    assert.equal(await instance().resumeAbandonedRuns(), 0);
    await finished();
    assert.deepEqual(h.directory.invitations, []);
    assert.deepEqual(updated, []);
  });

  it('is taken up by one of two instances looking at once', async () => {
    h.clock.advance(BULK_CLAIM_MS);
    const [b, c] = [instance(), instance()];
    const counts = await Promise.all([b.resumeAbandonedRuns(), c.resumeAbandonedRuns()]);
    await finished();
    assert.ok(counts.reduce((sum, count) => sum + count, 0) >= 1);
    assert.deepEqual(h.directory.invitations.map((invitation) => invitation.email).sort(), ['guest3@tailspin.com', 'guest4@tailspin.com'], 'nobody invited twice');
    assert.equal(sent.filter((activity) => activity.attachments?.[0]?.contentType === FILE_CONSENT).length, 1, 'one result file');
  });

  it('forgets the rows of a run once it is over', async () => {
    const runs = new BulkRuns(h.store.state, h.clock);
    assert.equal((await runs.get(job.id))?.job.rows.length, 4);
    assert.deepEqual(await runs.unfinished(), [job.id]);
    await runs.finish(job.id);
    assert.equal(await runs.get(job.id), undefined);
    assert.deepEqual(await runs.unfinished(), []);
    assert.deepEqual((await h.store.state.get(`bulk-run.${job.id}.rows.0`))?.value, [], 'the addresses are not kept');
  });
});
