import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BulkCsvRow, MAX_BULK_ROWS } from '../../../src/bulk/parse-bulk-csv';
import { createMemoryStore, GuestPassStore, openSqliteStore, openStore } from '../../../src/storage';
import { BulkUploads, PREVIEW_VALID_MS } from '../../../src/teams/bulk/bulk-uploads';
import { RunningAzurite, startAzurite, uniqueTablePrefix } from '../../support/azurite';

const clock = { now: () => new Date('2026-03-02T10:00:00Z') };

/**
 * The largest file GuestPass takes: every row long, with what JSON escapes (quotes, control characters), and a
 * row of cells far too long. ASCII only: Azurite decodes each 64 KiB of a request body on its own, so a multi-byte
 * character cut at that boundary comes back mangled (Azure itself reads the body whole).
 */
function largestRows(): BulkCsvRow[] {
  const rows: BulkCsvRow[] = [];
  for (let i = 0; i < MAX_BULK_ROWS - 1; i++) {
    rows.push({ line: i + 3, values: { inviteeEmail: `guest${i}@tailspin.com`, displayName: `Guest "${i}" ${'s'.repeat(200)}`, customizedMessageBody: '\u0001'.repeat(150) } });
  }
  rows.push({ line: MAX_BULK_ROWS + 2, values: { inviteeEmail: 'x'.repeat(1_000_000), customizedMessageBody: '\u0002'.repeat(1_000_000), displayName: '"'.repeat(1_000_000) } });
  return rows;
}

/**
 * A preview keeps the parsed rows of the file instead of Teams' download link. Every store must hold the largest
 * file (the table store takes at most 450,000 characters per state record), give the rows back in order, and
 * forget them once the preview is settled.
 */
describe('BulkUploads keeps the previewed rows, not the link', function () {
  this.timeout(60_000);
  const stores: [string, () => Promise<{ store: GuestPassStore; dispose(): Promise<void> }>][] = [
    ['memory', async () => ({ store: createMemoryStore(), dispose: async () => undefined })],
    [
      'SQLite',
      async () => {
        const dir = mkdtempSync(join(tmpdir(), 'guestpass-uploads-'));
        const store = openSqliteStore(join(dir, 'guestpass.sqlite'));
        return { store, dispose: async () => (await store.close(), rmSync(dir, { recursive: true, force: true })) };
      },
    ],
  ];
  let azurite: RunningAzurite | undefined;
  before(async () => {
    azurite = await startAzurite();
  });
  after(() => azurite?.stop());
  stores.push([
    'Table Storage (Azurite)',
    async () => {
      const store = await openStore({ kind: 'table', connectionString: azurite!.connectionString, tablePrefix: uniqueTablePrefix() });
      return { store, dispose: () => store.close() };
    },
  ]);

  it('drops the download link of a preview written by an earlier version, which can no longer be confirmed', async () => {
    const store = createMemoryStore();
    const legacy = { id: 'u1', fileId: 'f1', fileName: 'guests.csv', downloadUrl: 'https://contoso-my.sharepoint.com/x?tempauth=secret', requesterId: 'megan', createdAt: clock.now().toISOString(), state: 'previewed' };
    await store.state.put('bulk-upload.u1', legacy);
    const uploads = new BulkUploads(store.state, clock);
    assert.equal(await uploads.get('u1'), undefined);
    const kept = (await store.state.get<Record<string, unknown>>('bulk-upload.u1'))!.value;
    assert.equal(JSON.stringify(kept).includes('tempauth'), false, JSON.stringify(kept));
    assert.equal(await uploads.leavePreview('u1', 'started'), false);
  });

  for (const [name, open] of stores) {
    it(`${name}: holds the largest file, gives its rows back in order, and empties them when the preview is settled`, async () => {
      const { store, dispose } = await open();
      try {
        const uploads = new BulkUploads(store.state, clock);
        const rows = largestRows();
        const upload = await uploads.create({ fileId: 'f1', fileName: 'guests.csv', ignoredColumns: ['Notes'], rows, requesterId: 'megan' });
        assert.ok(upload.rowParts > 1, 'spread over several records');
        assert.equal(JSON.stringify(upload).includes('http'), false, 'no link in the record');

        const kept = (await uploads.rows((await uploads.get(upload.id))!))!;
        assert.equal(kept.length, rows.length);
        assert.deepEqual(kept.slice(0, -1), rows.slice(0, -1), 'valid rows kept as they are');
        const long = kept.at(-1)!;
        assert.equal(long.line, MAX_BULK_ROWS + 2);
        for (const value of Object.values(long.values)) assert.equal(value.length, 10_001, 'a cell too long to be valid is cut, still too long');

        assert.equal(await uploads.leavePreview(upload.id, 'started'), true);
        assert.equal(await uploads.rows(upload), undefined, 'the rows are gone once the run started');
        assert.equal(await uploads.leavePreview(upload.id, 'cancelled'), false);
      } finally {
        await dispose();
      }
    });

    it(`${name}: a preview nobody confirmed or cancelled is deleted, rows and all, once it can no longer be confirmed`, async () => {
      const { store, dispose } = await open();
      try {
        const uploads = new BulkUploads(store.state, clock);
        const rows = [{ line: 3, values: { inviteeEmail: 'left@tailspin.com', customizedMessageBody: 'Welcome' } }];
        const upload = await uploads.create({ fileId: 'f1', fileName: 'guests.csv', ignoredColumns: [], rows, requesterId: 'megan' });
        assert.equal(await store.state.prune(new Date(clock.now().getTime() + PREVIEW_VALID_MS - 1), 100), 0, 'kept while it may be confirmed');
        assert.equal(await store.state.prune(new Date(clock.now().getTime() + PREVIEW_VALID_MS + 1), 100), 2, 'the upload and its one part');
        assert.equal(await store.state.get(`bulk-upload.${upload.id}`), undefined);
        assert.equal(await store.state.get(`bulk-upload.${upload.id}.rows.0`), undefined, 'no address or message left');
      } finally {
        await dispose();
      }
    });
  }
});
