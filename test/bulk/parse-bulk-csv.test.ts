import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MAX_BULK_ROWS, parseBulkCsv } from '../../src/bulk/parse-bulk-csv';
import { TEMPLATE_HEADER, templateCsv } from './support/bulk-files';

const bytes = (text: string) => Buffer.from(text, 'utf8');

function rowsOf(text: string) {
  const parsed = parseBulkCsv(bytes(text));
  assert.ok(parsed.ok, JSON.stringify(parsed));
  return parsed;
}

describe('reading a bulk invitation file', () => {
  it('reads the Entra admin center template: version line, long headers, examples row skipped', () => {
    const parsed = rowsOf(
      templateCsv(['Example:,,,,', 'jane@fabrikam.com,https://myapps.microsoft.com,TRUE,Welcome,Jane Doe', 'lee@woodgrove.com,,false,,']),
    );
    assert.deepEqual(parsed.rows, [
      {
        line: 4,
        values: {
          inviteeEmail: 'jane@fabrikam.com',
          inviteRedirectURL: 'https://myapps.microsoft.com',
          sendEmail: 'TRUE',
          customizedMessageBody: 'Welcome',
          displayName: 'Jane Doe',
        },
      },
      { line: 5, values: { inviteeEmail: 'lee@woodgrove.com', inviteRedirectURL: '', sendEmail: 'false', customizedMessageBody: '', displayName: '' } },
    ]);
    assert.deepEqual(parsed.ignoredColumns, []);
  });

  it('reads the sample template in docs/samples', () => {
    const parsed = rowsOf(readFileSync(join(__dirname, '..', '..', 'docs', 'samples', 'bulk-invite-template.csv'), 'utf8'));
    assert.deepEqual(parsed.rows.map((row) => [row.line, row.values.inviteeEmail, row.values.displayName]), [
      [4, 'jane@fabrikam.com', 'Jane Doe'],
      [5, 'lee@woodgrove.com', 'Lee Gu'],
      [6, 'ayse@tailspin.com', 'Ayşe Yılmaz'],
    ]);
  });

  it('accepts the bracketed short names alone, in any case and order, and ignores unknown columns', () => {
    const parsed = rowsOf('Notes,INVITEEEMAIL,displayname\nfriend,jane@fabrikam.com,Jane\n');
    assert.deepEqual(parsed.rows, [{ line: 2, values: { inviteeEmail: 'jane@fabrikam.com', displayName: 'Jane' } }]);
    assert.deepEqual(parsed.ignoredColumns, ['Notes']);
  });

  it('numbers rows as Excel shows them: blank lines and multi-line cells count as Excel counts them', () => {
    const text = `\ufeffversion:v1.0\r\n${TEMPLATE_HEADER}\r\n\r\na@tailspin.com,,,"line one\nline two",\r\nb@tailspin.com,,,,\r\n`;
    const parsed = rowsOf(text);
    // Row 3 is blank; the quoted message spans two physical lines but is Excel's row 4.
    assert.deepEqual(parsed.rows.map((row) => [row.line, row.values.inviteeEmail]), [[4, 'a@tailspin.com'], [5, 'b@tailspin.com']]);
    assert.equal(parsed.rows[0]!.values.customizedMessageBody, 'line one\nline two');
  });

  it('reads the semicolons and tabs Excel writes in some locales (Turkish uses a semicolon)', () => {
    for (const separator of [';', '\t']) {
      const parsed = rowsOf(`inviteeEmail${separator}customizedMessageBody\njane@fabrikam.com${separator}Merhaba, hoş geldiniz\n`);
      assert.deepEqual(parsed.rows[0]!.values, { inviteeEmail: 'jane@fabrikam.com', customizedMessageBody: 'Merhaba, hoş geldiniz' });
    }
  });

  it('refuses what is not a bulk file, with a reason', () => {
    const errorOf = (input: Uint8Array | string) => {
      const parsed = parseBulkCsv(typeof input === 'string' ? bytes(input) : input);
      return parsed.ok ? undefined : parsed.error;
    };
    assert.deepEqual(errorOf(''), { code: 'noHeader' });
    assert.deepEqual(errorOf('version:v1.0\n'), { code: 'noHeader' });
    assert.deepEqual(errorOf('name,company\nJane,Fabrikam\n'), { code: 'noEmailColumn' });
    assert.deepEqual(errorOf('inviteeEmail,Email [inviteeEmail]\na,b\n'), { code: 'duplicateColumn', column: 'inviteeEmail' });
    assert.deepEqual(errorOf(`${TEMPLATE_HEADER}\n`), { code: 'noRows' });
    assert.deepEqual(errorOf('inviteeEmail\n"unclosed\n'), { code: 'malformed', line: 2 });
    // "Misafir" with a Windows-1254 ı (0xFD): Excel's plain "CSV" on a Turkish machine.
    assert.deepEqual(errorOf(Buffer.from([...Buffer.from('inviteeEmail,displayName\na@b.com,Ayd'), 0xfd, 0x6e])), { code: 'notUtf8' });
    const tooMany = `inviteeEmail\n${'a@tailspin.com\n'.repeat(MAX_BULK_ROWS + 1)}`;
    assert.deepEqual(errorOf(tooMany), { code: 'tooManyRows', max: MAX_BULK_ROWS });
  });

  describe('the file id (what a re-run recognises)', () => {
    const original = templateCsv(['jane@fabrikam.com,https://myapps.microsoft.com,true,Hello,Jane', 'lee@woodgrove.com,,false,,Lee']);

    it('stays the same through what Excel does to a file on the way', () => {
      const id = rowsOf(original).fileId;
      const resaved = [
        `\ufeff${original.replace(/\r\n/g, '\n')}`,
        original.replace('version:v1.0\r\n', ''),
        original.replace(/,/g, ';'),
        original.replace('jane@fabrikam.com', ' JANE@Fabrikam.com '),
        original.replace('true', 'true ').replace('Lee\r\n', 'Lee\r\n\r\n'),
        `version:v1.0\r\n${TEMPLATE_HEADER}\r\nlee@woodgrove.com,,false,,Lee\r\njane@fabrikam.com,https://myapps.microsoft.com,true,Hello,Jane\r\n`,
        'displayName,inviteeEmail,inviteRedirectURL,sendEmail,customizedMessageBody\nJane,jane@fabrikam.com,https://myapps.microsoft.com,true,Hello\nLee,lee@woodgrove.com,,false,\n',
      ];
      for (const text of resaved) assert.equal(rowsOf(text).fileId, id, text);
    });

    it('changes with anything that would be sent differently', () => {
      const id = rowsOf(original).fileId;
      for (const edited of [original.replace('Hello', 'Hi'), original.replace(',false,', ',true,'), original.replace('lee@', 'li@')]) {
        assert.notEqual(rowsOf(edited).fileId, id, edited);
      }
    });
  });
});
