import assert from 'node:assert/strict';
import type { Activity } from 'botbuilder';
import { parse } from 'csv-parse/sync';
import { BULK_CANCEL, BULK_CONFIRM } from '../../src/cards/bulk-verbs';
import { templateCsv } from '../bulk/support/bulk-files';
import { findAll } from '../cards/validate-card';
import { RecordedActivity } from '../support/fake-bot-connector';
import { ActivityOptions, adaptiveCardActionInvoke, TEAMS_TEST_USERS } from '../support/teams-activities';
import { fileConsentInvoke, fileMessage } from '../teams/bulk/file-activities';
import { FakeFileHost } from '../teams/bulk/file-host';
import { BotHarness, cardOf, cardText } from './bot-harness';

const FILE_CONSENT = 'application/vnd.microsoft.teams.card.file.consent';
const FILE_INFO = 'application/vnd.microsoft.teams.card.file.info';
const GUESTS = templateCsv([
  'ann@tailspin.com,https://myapps.microsoft.com,true,Welcome,Ann', // row 3
  'bob@tailspin.com,,false,,Bob', // row 4: the email withheld, so a redeem URL
  'not-an-address,,,,', // row 5
  'jane@fabrikam.com,,,,', // row 6: already a guest
]);

describe('bulk invitations from a CSV sent to the bot in Teams', function () {
  let bot: BotHarness;
  let files: FakeFileHost;

  beforeEach(async () => {
    files = new FakeFileHost();
    await files.start();
    files.files.set('/guests.csv', GUESTS);
    bot = await BotHarness.start({ env: { BULK_FILE_HOSTS: files.host } });
  });
  afterEach(async () => {
    await bot.stop();
    await files.stop();
  });

  const consentCards = (conversationId?: string) => (a: RecordedActivity) =>
    a.activity.attachments?.[0]?.contentType === FILE_CONSENT && (conversationId === undefined || a.conversationId === conversationId);

  async function preview(): Promise<{ reply: RecordedActivity; uploadId: string }> {
    const [reply] = await bot.say(fileMessage(bot.activityOptions(), 'guests.csv', files.downloadUrl('/guests.csv')));
    const confirm = findAll(cardOf(reply), 'Action.Execute').find((action) => action.verb === BULK_CONFIRM);
    return { reply: reply!, uploadId: String((confirm?.data as { uploadId?: string } | undefined)?.uploadId) };
  }

  async function confirm(previewId: string, uploadId: string, options: Partial<ActivityOptions> = {}) {
    const response = await bot.send(adaptiveCardActionInvoke({ ...bot.activityOptions(options), verb: BULK_CONFIRM, data: { uploadId }, replyToId: previewId }));
    assert.equal(response.status, 200);
    return response.body as { type: string; value: unknown };
  }

  /** The preview card as the confirmation left it, once the file was checked again in the background. */
  async function previewAfterConfirm(previewId: string): Promise<unknown> {
    const [update] = await bot.connector.waitForActivities(1, { where: (a) => a.operation === 'update' && a.activityId === previewId, timeoutMs: 20_000 });
    return cardOf(update);
  }

  it('previews, runs with a progress message updated in place, and sends the result file through file consent', async () => {
    const { reply, uploadId } = await preview();
    const previewText = cardText(cardOf(reply));
    assert.match(previewText, /Row 5: "not-an-address" is not a valid email address\./);
    assert.match(previewText, /tailspin\.com/);
    assert.match(previewText, /One row withholds Entra's email/);
    assert.equal(bot.invitationPosts().length, 0, 'nothing is sent before the confirmation');

    const starting = await confirm(reply.activityId, uploadId);
    assert.equal(starting.type, 'application/vnd.microsoft.card.adaptive');
    assert.deepEqual(findAll(starting.value, 'Action.Execute'), [], 'the confirmed preview loses its buttons at once');
    assert.match(cardText(starting.value), /Checking guests\.csv once more[\s\S]*Working on it/);
    const started = await previewAfterConfirm(reply.activityId);
    assert.deepEqual(findAll(started, 'Action.Execute'), []);
    assert.match(cardText(started), /Started/);

    const conversationId = reply.conversationId;
    const [consent] = await bot.connector.waitForActivities(1, { conversationId, where: consentCards(conversationId), timeoutMs: 20_000 });
    const progress = bot.connector.activities.find((a) => a.operation !== 'update' && a.conversationId === conversationId && /Inviting guests from guests\.csv/.test(cardText(a.activity.attachments?.[0]?.content)));
    assert.ok(progress, 'a progress message was posted');
    const updates = bot.connector.activities.filter((a) => a.operation === 'update' && a.activityId === progress.activityId);
    assert.ok(updates.some((update) => /[12] of 3 rows done/.test(cardText(update.activity.attachments?.[0]?.content))), 'progress as rows complete');
    const summary = cardText(updates.at(-1)?.activity.attachments?.[0]?.content);
    assert.match(summary, /Bulk invitation finished: guests\.csv/);
    assert.match(summary, /Invited\n2/);
    assert.match(summary, /Already in the directory\n1/);
    assert.match(summary, /Rows with errors\n1/);
    assert.match(summary, /keep it as private as a password/);
    assert.equal(bot.invitationPosts().length, 2);

    // The person accepts: Teams creates the file in their OneDrive and hands the bot an upload session.
    const consentCard = consent!.activity.attachments![0]!;
    assert.equal(consentCard.name, 'guests-results.csv');
    const content = consentCard.content as { acceptContext: unknown; sizeInBytes: number; description: string };
    assert.match(content.description, /only copy of any redeem links/);
    const accepted = await bot.send(
      fileConsentInvoke(bot.activityOptions(), {
        action: 'accept',
        context: content.acceptContext,
        uploadInfo: {
          name: 'guests-results.csv',
          uploadUrl: files.uploadUrl('/upload-session/1'),
          contentUrl: 'https://contoso-my.sharepoint.com/personal/megan/Documents/Applications/GuestPass/guests-results.csv',
          uniqueId: 'result-unique-id',
          fileType: 'csv',
        },
      }),
    );
    assert.equal(accepted.status, 200);
    const [upload] = files.uploads;
    assert.ok(upload);
    assert.equal(upload.headers['content-range'], `bytes 0-${upload.body.length - 1}/${upload.body.length}`);
    assert.equal(upload.body.length, content.sizeInBytes);
    const rows = parse(upload.body, { bom: true }) as string[][];
    assert.deepEqual(rows.slice(1).map((row) => [row[0], row[2]]), [['3', 'invited'], ['4', 'invited'], ['5', 'invalid'], ['6', 'alreadyExists']]);
    assert.match(rows[2]![6]!, /^https:\/\/login\.microsoftonline\.com\/redeem\?rd=/, 'the redeem URL of the withheld row');

    const [info] = await bot.connector.waitForActivities(1, { conversationId, where: (a) => a.activity.attachments?.[0]?.contentType === FILE_INFO });
    assert.deepEqual(info!.activity.attachments![0], {
      contentType: FILE_INFO,
      contentUrl: 'https://contoso-my.sharepoint.com/personal/megan/Documents/Applications/GuestPass/guests-results.csv',
      name: 'guests-results.csv',
      content: { uniqueId: 'result-unique-id', fileType: 'csv' },
    });
    const logs = bot.logLines.join('\n');
    assert.doesNotMatch(logs, /redeem\?rd=/, 'redeem URLs never reach the log');
    assert.doesNotMatch(logs, /secret-download-token|secret-upload-token/, 'nor the file links');
    assert.deepEqual(files.downloads, ['/guests.csv'], 'downloaded once, for the preview; the confirmation runs the rows previewed');
  });

  it('starts a preview once, only for the person who sent the file', async () => {
    const { reply, uploadId } = await preview();
    const stranger = await confirm(reply.activityId, uploadId, { from: TEAMS_TEST_USERS.adele });
    assert.equal(stranger.value, 'Only the person who sent the file can start it.');
    await confirm(reply.activityId, uploadId);
    const again = await confirm(reply.activityId, uploadId);
    assert.equal(again.value, 'This file is already being invited.');
    await bot.connector.waitForActivities(1, { where: consentCards(), timeoutMs: 20_000 });
    assert.equal(bot.invitationPosts().length, 2, 'one run');
  });

  it('runs the rows previewed even if the file changes afterwards, and refuses a cancelled preview', async () => {
    const { reply, uploadId } = await preview();
    files.files.set('/guests.csv', templateCsv(['eve@tailspin.com,,,,']));
    await confirm(reply.activityId, uploadId);
    await bot.connector.waitForActivities(1, { where: consentCards(), timeoutMs: 20_000 });
    assert.deepEqual(
      bot.invitationPosts().map((request) => (request.body as { invitedUserEmailAddress: string }).invitedUserEmailAddress).sort(),
      ['ann@tailspin.com', 'bob@tailspin.com'],
    );

    // Another file: the run above settled every row of this one, so its preview would offer nothing to cancel.
    files.files.set('/guests.csv', templateCsv(['dan@tailspin.com,,,,']));
    const second = await preview();
    const cancelled = await bot.send(adaptiveCardActionInvoke({ ...bot.activityOptions(), verb: BULK_CANCEL, data: { uploadId: second.uploadId } }));
    assert.match(cardText((cancelled.body as { value: unknown }).value), /Bulk invitation cancelled[\s\S]*Nothing was sent/);
    assert.match(String((await confirm(second.reply.activityId, second.uploadId)).value), /no longer valid/);
    assert.equal(bot.invitationPosts().length, 2, 'nothing more from the cancelled preview');
  });

  it('discards the result file when the consent is declined', async () => {
    const { reply, uploadId } = await preview();
    await confirm(reply.activityId, uploadId);
    const [consent] = await bot.connector.waitForActivities(1, { where: consentCards(), timeoutMs: 20_000 });
    const context = (consent!.activity.attachments![0]!.content as { declineContext: unknown }).declineContext;
    const [declined] = await bot.say(fileConsentInvoke(bot.activityOptions(), { action: 'decline', context }));
    assert.equal(declined!.activity.text, 'OK, the result file is discarded.');
    const [late] = await bot.say(
      fileConsentInvoke(bot.activityOptions(), { action: 'accept', context, uploadInfo: { uploadUrl: files.uploadUrl('/late'), name: 'x.csv' } }),
    );
    assert.match(String(late!.activity.text), /no longer available/);
    assert.equal(files.uploads.length, 0);
  });

  it('answers files it cannot use with a reason, in the sender’s language', async () => {
    files.files.set('/notes.txt', 'hello');
    files.files.set('/people.csv', 'name,company\nJane,Fabrikam\n');
    const answers: [Partial<Activity>, RegExp][] = [
      [fileMessage(bot.activityOptions(), 'notes.txt', files.downloadUrl('/notes.txt')), /only read \.csv files/],
      [fileMessage(bot.activityOptions(), 'gone.csv', files.downloadUrl('/gone.csv')), /could not download gone\.csv/],
      [fileMessage(bot.activityOptions(), 'people.csv', files.downloadUrl('/people.csv')), /people\.csv: The file has no column "Email address to invite \[inviteeEmail\]"/],
      [fileMessage(bot.activityOptions({ locale: 'tr-TR' }), 'notes.txt', files.downloadUrl('/notes.txt')), /Yalnızca \.csv dosyalarını okuyabiliyorum/],
    ];
    for (const [message, expected] of answers) {
      const [answer] = await bot.say(message);
      assert.match(String(answer!.activity.text), expected);
    }
    assert.equal(bot.invitationPosts().length, 0);
  });
});
