import assert from 'node:assert/strict';
import { parseBulkCsv } from '../../src/bulk/parse-bulk-csv';
import { StoreBulkLedger } from '../../src/bulk/store-ledger';
import { BULK_CONFIRM } from '../../src/cards/bulk-verbs';
import { systemClock } from '../../src/invitation/clock';
import { templateCsv } from '../bulk/support/bulk-files';
import { findAll } from '../cards/validate-card';
import { fileMessage } from '../teams/bulk/file-activities';
import { FakeFileHost } from '../teams/bulk/file-host';
import { BotHarness, cardOf, cardText } from './bot-harness';

const GUESTS = templateCsv([
  'ann@tailspin.com,,true,,Ann', // row 3: settled by an earlier run
  'bob@tailspin.com,,true,,Bob', // row 4
  'carl@tailspin.com,,true,,Carl', // row 5
  'colleague@contoso.com,,true,,Colleague', // row 6: the organization's own, not invited
]);

describe('the bulk preview counts what a run would send', () => {
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

  it('leaves out internal rows and lists the rows an earlier run settled before the button', async () => {
    const { fileId } = parseBulkCsv(new TextEncoder().encode(GUESTS)) as { fileId: string };
    const ledger = new StoreBulkLedger(bot.app.store.state, bot.app.store.leases, systemClock);
    await ledger.record(fileId, 'ann@tailspin.com', { outcome: 'invited', at: '2026-11-20T10:00:00Z', userId: 'u-ann' });

    const [reply] = await bot.say(fileMessage(bot.activityOptions(), 'guests.csv', files.downloadUrl('/guests.csv')));
    const card = cardOf(reply);
    const text = cardText(card);
    assert.match(text, /Ready to invite\n2\n/, 'bob and carl; not ann (settled) nor the colleague (internal)');
    assert.match(text, /Settled by an earlier run\n1/);
    assert.match(text, /Settled by an earlier run of this file \(they will be skipped\)\n• ann@tailspin\.com: Invited/);
    assert.ok(text.indexOf('ann@tailspin.com') < text.indexOf('Invite 2 guests'), 'said before the button');
    assert.doesNotMatch(text, /tailspin\.com\ninvited right away \(3\)/);
    const [confirm] = findAll(card, 'Action.Execute').filter((action) => action.verb === BULK_CONFIRM);
    assert.equal(confirm?.title, 'Invite 2 guests');
  });

  it('offers nothing when an earlier run settled every row it would send', async () => {
    const { fileId } = parseBulkCsv(new TextEncoder().encode(GUESTS)) as { fileId: string };
    const ledger = new StoreBulkLedger(bot.app.store.state, bot.app.store.leases, systemClock);
    for (const email of ['ann@tailspin.com', 'bob@tailspin.com', 'carl@tailspin.com', 'colleague@contoso.com']) {
      await ledger.record(fileId, email, { outcome: email.endsWith('contoso.com') ? 'internal' : 'invited', at: '2026-11-20T10:00:00Z' });
    }
    const [reply] = await bot.say(fileMessage(bot.activityOptions(), 'guests.csv', files.downloadUrl('/guests.csv')));
    const card = cardOf(reply);
    assert.match(cardText(card), /Every row was settled by an earlier run of this file/);
    assert.deepEqual(findAll(card, 'Action.Execute').filter((action) => action.verb === BULK_CONFIRM), []);
  });
});
