import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { BULK_CONFIRM } from '../../src/cards/bulk-verbs';
import { createMemoryStore } from '../../src/storage';
import { templateCsv } from '../bulk/support/bulk-files';
import { findAll } from '../cards/validate-card';
import { BotHarness, cardOf } from '../integration/bot-harness';
import { RecordedActivity } from '../support/fake-bot-connector';
import { adaptiveCardActionInvoke } from '../support/teams-activities';
import { fileConsentInvoke, fileMessage } from '../teams/bulk/file-activities';
import { FakeFileHost } from '../teams/bulk/file-host';

const FILE_CONSENT = 'application/vnd.microsoft.teams.card.file.consent';
const FILE_INFO = 'application/vnd.microsoft.teams.card.file.info';
const GUESTS = templateCsv(['ann@tailspin.com,,true,,Ann', 'bob@tailspin.com,,false,,Bob']);
const REFUSED = /I did not open guests\.csv: its link does not point to your organization's SharePoint or OneDrive/;
const REDIRECTED = /I did not open guests\.csv: its link sent me on to another address/;

/**
 * The download URL of a sent file and the upload URL of a file consent come inside activities: through the real
 * bot, a hostile one is refused with the reason told to the person, nothing is fetched from or sent to it, and the
 * genuine path (a listed host over https) still works end to end. No such link is ever kept in the store.
 */
describe('bulk files through the bot: only from and to the listed file hosts', function () {
  let files: FakeFileHost;
  /** Another https server on this machine, not listed: what a hostile URL would reach. */
  let internal: FakeFileHost;

  beforeEach(async () => {
    files = new FakeFileHost();
    internal = new FakeFileHost();
    await files.start();
    await internal.start();
    files.files.set('/guests.csv', GUESTS);
    internal.files.set('/guests.csv', GUESTS);
  });
  afterEach(async () => {
    await files.stop();
    await internal.stop();
  });

  async function sendFile(bot: BotHarness, url: string, locale?: string): Promise<RecordedActivity> {
    const [reply] = await bot.say(fileMessage(bot.activityOptions(locale ? { locale } : {}), 'guests.csv', url));
    return reply!;
  }

  const isPreview = (reply: RecordedActivity) => reply.activity.attachments?.[0]?.contentType === 'application/vnd.microsoft.card.adaptive';

  describe('with BULK_FILE_HOSTS listing the stand-in', () => {
    let bot: BotHarness;
    beforeEach(async () => {
      bot = await BotHarness.start({ env: { BULK_FILE_HOSTS: files.host } });
    });
    afterEach(() => bot.stop());

    it('previews a file from the listed host (the accepted path)', async () => {
      assert.ok(isPreview(await sendFile(bot, files.downloadUrl('/guests.csv'))));
      assert.deepEqual(files.downloads, ['/guests.csv']);
    });

    it('refuses links to anything else, telling the person why, without fetching', async () => {
      const hostile: [string, RegExp][] = [
        [internal.downloadUrl('/guests.csv'), REFUSED],
        ['https://169.254.169.254/metadata/instance?api-version=2021-02-01', REFUSED],
        ['https://2852039166/latest/meta-data/', REFUSED],
        [`https://localhost:${files.host.split(':')[1]}/guests.csv`, REFUSED],
        [files.downloadUrl('/guests.csv').replace('https:', 'http:'), REFUSED],
        [files.downloadUrl('/guests.csv').replace('https://', 'https://user@'), REFUSED],
      ];
      for (const [url, reason] of hostile) {
        const reply = await sendFile(bot, url);
        assert.match(String(reply.activity.text), reason, url);
      }
      assert.deepEqual(internal.downloads, [], 'the internal server was never asked');
      assert.deepEqual(files.downloads, []);
    });

    it('refuses a redirect from the listed host to this machine or the metadata endpoint, and does not follow it', async () => {
      for (const location of [internal.downloadUrl('/guests.csv'), 'https://169.254.169.254/latest/meta-data/', 'http://127.0.0.1/guests.csv']) {
        files.redirects.set('/moved.csv', location);
        const reply = await sendFile(bot, files.downloadUrl('/moved.csv'));
        assert.match(String(reply.activity.text), REDIRECTED, location);
      }
      assert.deepEqual(internal.downloads, []);
      const turkish = await sendFile(bot, files.downloadUrl('/moved.csv'), 'tr-TR');
      assert.match(String(turkish.activity.text), /guests\.csv dosyasını açmadım: bağlantısı beni başka bir adrese yönlendirdi/);
    });

    it('uploads the result file only to a listed host; a refused upload keeps the file for another try', async () => {
      const reply = await sendFile(bot, files.downloadUrl('/guests.csv'));
      const confirm = findAll(cardOf(reply), 'Action.Execute').find((action) => action.verb === BULK_CONFIRM);
      await bot.send(adaptiveCardActionInvoke({ ...bot.activityOptions(), verb: BULK_CONFIRM, data: confirm!.data as Record<string, unknown> }));
      const [consent] = await bot.connector.waitForActivities(1, { where: (a) => a.activity.attachments?.[0]?.contentType === FILE_CONSENT, timeoutMs: 20_000 });
      const context = (consent!.activity.attachments![0]!.content as { acceptContext: unknown }).acceptContext;
      const accept = (uploadUrl: string, locale?: string) =>
        bot.say(fileConsentInvoke(bot.activityOptions(locale ? { locale } : {}), { action: 'accept', context, uploadInfo: { uploadUrl, name: 'guests-results.csv', uniqueId: 'u', fileType: 'csv' } }));

      for (const uploadUrl of [internal.uploadUrl('/session'), 'https://169.254.169.254/upload', files.uploadUrl('/session').replace('https:', 'http:')]) {
        const [answer] = await accept(uploadUrl);
        assert.match(String(answer!.activity.text), /I did not save the result file: the place Teams gave me for it is not in your organization's OneDrive/, uploadUrl);
      }
      const [turkish] = await accept(internal.uploadUrl('/session'), 'tr-TR');
      assert.match(String(turkish!.activity.text), /Sonuç dosyasını kaydetmedim/);
      assert.deepEqual(internal.uploads, [], 'nothing reached the internal server');

      const [info] = await accept(files.uploadUrl('/session'));
      assert.equal(info!.activity.attachments?.[0]?.contentType, FILE_INFO, 'the genuine upload still works');
      assert.equal(files.uploads.length, 1);
    });
  });

  describe('with the cloud’s own list (no BULK_FILE_HOSTS)', () => {
    let bot: BotHarness;
    beforeEach(async () => {
      bot = await BotHarness.start();
    });
    afterEach(() => bot.stop());

    it('refuses every address, loopback included, in any notation', async () => {
      const port = files.host.split(':')[1];
      for (const url of [files.downloadUrl('/guests.csv'), `https://2130706433:${port}/guests.csv`, `https://0x7f.1:${port}/guests.csv`, `https://[::1]:${port}/guests.csv`, 'https://169.254.169.254/latest/meta-data/']) {
        assert.match(String((await sendFile(bot, url)).activity.text), REFUSED, url);
      }
      assert.match(String((await sendFile(bot, files.downloadUrl('/guests.csv'), 'tr-TR')).activity.text), /guests\.csv dosyasını açmadım/);
      assert.deepEqual(files.downloads, []);
    });
  });

  describe('the store', () => {
    let dataDir: string;
    beforeEach(() => {
      dataDir = mkdtempSync(join(tmpdir(), 'guestpass-bulk-links-'));
    });
    afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

    /** Previews, confirms, runs and uploads the result; `scan` is called after the preview and at the end. */
    async function fullRun(bot: BotHarness, scan: (moment: string) => void | Promise<void>): Promise<void> {
      const reply = await sendFile(bot, files.downloadUrl('/guests.csv'));
      await scan('after the preview');
      const confirm = findAll(cardOf(reply), 'Action.Execute').find((action) => action.verb === BULK_CONFIRM);
      await bot.send(adaptiveCardActionInvoke({ ...bot.activityOptions(), verb: BULK_CONFIRM, data: confirm!.data as Record<string, unknown> }));
      const [consent] = await bot.connector.waitForActivities(1, { where: (a) => a.activity.attachments?.[0]?.contentType === FILE_CONSENT, timeoutMs: 20_000 });
      const context = (consent!.activity.attachments![0]!.content as { acceptContext: unknown }).acceptContext;
      await bot.say(fileConsentInvoke(bot.activityOptions(), { action: 'accept', context, uploadInfo: { uploadUrl: files.uploadUrl('/session/1'), name: 'guests-results.csv' } }));
      assert.equal(files.uploads.length, 1, 'the run went all the way to the upload');
      await scan('after the run');
    }

    /** The stand-in's links, by their token, their host or their paths. */
    const links = () => new RegExp(`tempauth|secret-download-token|secret-upload-token|${files.host.replace(/\./g, '\\.')}|/guests\\.csv|/session/`);

    it('SQLite: no row of any table holds a download or upload link', async () => {
      const bot = await BotHarness.start({ env: { BULK_FILE_HOSTS: files.host, STORE: 'sqlite', DATA_DIR: dataDir } });
      try {
        await fullRun(bot, (moment) => {
          const db = new Database(join(dataDir, 'guestpass.sqlite'), { readonly: true });
          try {
            const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[];
            let rows = 0;
            for (const { name } of tables) {
              for (const row of db.prepare(`SELECT * FROM "${name}"`).all()) {
                rows++;
                assert.doesNotMatch(JSON.stringify(row), links(), `${moment}, in ${name}`);
              }
            }
            assert.ok(rows > 0, 'the scan saw the records');
          } finally {
            db.close();
          }
        });
      } finally {
        await bot.stop();
      }
    });

    it('memory: no record holds a link, and the previewed rows are emptied once the run starts', async () => {
      const store = createMemoryStore();
      const bot = await BotHarness.start({ env: { BULK_FILE_HOSTS: files.host }, store });
      try {
        let sawRows = false;
        await fullRun(bot, (moment) => {
          const text = everyString(store).join('\n');
          assert.doesNotMatch(text, links(), moment);
          if (moment === 'after the preview') sawRows = /bob@tailspin\.com/.test(text);
        });
        assert.ok(sawRows, 'the preview kept its rows');
        const kept = everyString(store.state).filter((value) => /bob@tailspin\.com/.test(value));
        assert.deepEqual(kept, [], 'no row of the file is left in the state space');
      } finally {
        await bot.stop();
      }
    });
  });
});

/** Every string reachable from a value: objects, arrays, Maps and Sets, private fields included. */
function everyString(root: unknown): string[] {
  const found: string[] = [];
  const seen = new Set<unknown>();
  const walk = (value: unknown): void => {
    if (typeof value === 'string') return void found.push(value);
    if (typeof value !== 'object' || value === null || seen.has(value)) return;
    seen.add(value);
    if (value instanceof Map) return value.forEach((entry, key) => (walk(key), walk(entry)));
    if (value instanceof Set || Array.isArray(value)) return value.forEach(walk);
    Object.values(value).forEach(walk);
  };
  walk(root);
  return found;
}
