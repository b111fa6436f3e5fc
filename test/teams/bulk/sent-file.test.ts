import assert from 'node:assert/strict';
import type { Activity } from 'botbuilder';
import { FILE_DOWNLOAD_INFO, sentFile } from '../../../src/teams/bulk/sent-file';

const withAttachments = (attachments: unknown) => ({ type: 'message', attachments }) as unknown as Partial<Activity>;

describe('recognising a file sent to the bot', () => {
  it('finds the Teams file download info among the attachments, whatever the text', () => {
    const activity = withAttachments([
      { contentType: 'text/html', content: '<p>here you go</p>' },
      { contentType: FILE_DOWNLOAD_INFO, name: 'Guests.CSV', content: { downloadUrl: 'https://contoso.sharepoint.com/x?tempauth=t', uniqueId: 'u', fileType: 'CSV' } },
    ]);
    assert.deepEqual(sentFile(activity), { name: 'Guests.CSV', downloadUrl: 'https://contoso.sharepoint.com/x?tempauth=t', isCsv: true });
  });

  it('tells a CSV from other files by its type, or its name when Teams gives no type', () => {
    const file = (name: string, fileType?: string) =>
      sentFile(withAttachments([{ contentType: FILE_DOWNLOAD_INFO, name, content: { downloadUrl: 'https://x.example/f', fileType } }]));
    assert.equal(file('notes.txt', 'txt')?.isCsv, false);
    assert.equal(file('guests.csv')?.isCsv, true);
    assert.equal(file('guests.xlsx', 'xlsx')?.isCsv, false);
  });

  it('is not fooled by messages without a file, or malformed ones', () => {
    for (const attachments of [undefined, [], 'text', [null], [{ contentType: FILE_DOWNLOAD_INFO }], [{ contentType: FILE_DOWNLOAD_INFO, content: { downloadUrl: 42 } }]]) {
      assert.equal(sentFile(withAttachments(attachments)), undefined, JSON.stringify(attachments));
    }
  });
});
