import assert from 'node:assert/strict';
import { describeInvalidRow } from '../../src/bulk/describe';
import { parseBulkCsv } from '../../src/bulk/parse-bulk-csv';
import { validateBulkRows } from '../../src/bulk/validate-rows';
import { translatorFor } from '../../src/i18n';
import { templateCsv } from './support/bulk-files';

const LIMITS = { maxMessageLength: 20, defaultRedirectUrl: 'https://myapps.microsoft.com' };

function validate(rows: string[]) {
  const parsed = parseBulkCsv(Buffer.from(templateCsv(rows)));
  assert.ok(parsed.ok);
  return validateBulkRows(parsed.rows, LIMITS);
}

describe('validating the rows of a bulk file', () => {
  it('reports every problem of every row by the row number Excel shows, before anything is sent', () => {
    const { valid, invalid } = validate([
      'jane@fabrikam.com,,,,Jane', // row 3
      'not-an-address,http://intranet.example,maybe,,', // row 4
      ',,,,Nobody', // row 5
      'JANE@fabrikam.com,,,,Jane again', // row 6
      `long@tailspin.com,,,${'x'.repeat(21)},`, // row 7
    ]);
    assert.deepEqual(valid.map((row) => row.line), [3]);
    assert.deepEqual(
      invalid.map(({ line, problems }) => [line, problems.map((p) => (p.kind === 'field' ? `${p.problem.field}.${p.problem.code}` : p.kind))]),
      [
        [4, ['sendEmail', 'email.invalid', 'redirectUrl.notHttps']],
        [5, ['email.missing']],
        [6, ['duplicate']],
        [7, ['customMessage.tooLong']],
      ],
    );
    const t = translatorFor('en');
    assert.equal(describeInvalidRow(t, 6, invalid[2]!.problems), 'Row 6: The same address is already on row 3.');
    assert.match(describeInvalidRow(t, 4, invalid[0]!.problems), /^Row 4: "maybe" in the sendEmail column is neither true nor false\. "not-an-address" is not a valid email address\./);
    assert.match(describeInvalidRow(translatorFor('tr-TR'), 5, invalid[1]!.problems), /^5\. satır: /);
  });

  it('builds the same draft a single invitation would, sending the email unless the row says false', () => {
    const { valid } = validate([
      'a@tailspin.com,https://contoso.sharepoint.com/sites/x,,Welcome,Ann',
      'b@tailspin.com,,FALSE,,',
      'c@tailspin.com,,yes,,',
    ]);
    assert.deepEqual(valid[0]!.draft, {
      email: 'a@tailspin.com',
      displayName: 'Ann',
      customMessage: 'Welcome',
      redirectUrl: 'https://contoso.sharepoint.com/sites/x',
      sendEmail: true,
      userType: 'Guest',
    });
    assert.deepEqual(valid.map((row) => row.invitation.sendEmail), [true, false, true]);
    assert.equal(valid[1]!.invitation.redirectUrl, 'https://myapps.microsoft.com', 'an empty redirect takes the default');
  });
});
