import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import { RESULT_HEADER, resultCsv } from '../../src/bulk/result-csv';
import { countOutcomes, redeemUrlCount, ResultEntry, resultEntries } from '../../src/bulk/result-entries';
import { translatorFor } from '../../src/i18n';
import { BulkRowResult } from '../../src/invitation/bulk-invite';

const REDEEM = 'https://login.microsoftonline.com/redeem?rd=ticket-42';

const results: BulkRowResult[] = [
  { line: 3, email: 'sent@tailspin.com', outcome: { kind: 'invited', email: 'sent@tailspin.com', requestId: 'REQ1', userId: 'user-1', accessEndsAt: '2027-03-31T23:59:59.999Z' } },
  { line: 4, email: 'quiet@tailspin.com', outcome: { kind: 'invited', requestId: 'REQ2', userId: 'user-2', redeemUrl: REDEEM } },
  { line: 5, email: 'jane@fabrikam.com', outcome: { kind: 'alreadyExists', userId: 'user-0' } },
  { line: 6, email: 'me@contoso.com', outcome: { kind: 'internal' } },
  { line: 8, email: 'x@blocked.example', outcome: { kind: 'refused', refusal: { reason: 'domainNotAllowed', params: { domain: 'blocked.example' } } } },
  { line: 9, email: 'busy@tailspin.com', outcome: { kind: 'failed', requestId: 'REQ3', error: { kind: 'throttled', retryable: true, graphRequestId: 'graph-1' } } },
  { line: 10, email: 'old@tailspin.com', outcome: { kind: 'skipped', earlier: { outcome: 'invited', requestId: 'REQ0', userId: 'user-9', at: '2026-11-20T10:00:00.000Z' } } },
  { line: 11, email: 'later@tailspin.com', outcome: { kind: 'notRun' } },
  { line: 12, email: '=HYPERLINK("https://evil.example")', outcome: { kind: 'pendingApproval', requestId: 'REQ4', accessEndsAt: '2027-01-02T23:59:59.999Z' } },
  {
    line: 13,
    email: 'held@tailspin.com',
    outcome: {
      kind: 'alreadyRequested',
      email: 'held@tailspin.com',
      requestId: 'REQ5',
      openRequest: { requesterId: 'user-dave', requesterName: 'Dave Bystander', createdAt: '2026-11-21T08:00:00.000Z', state: 'approved', yours: false },
    },
  },
  { line: 14, email: 'dropped@tailspin.com', outcome: { kind: 'closed', email: 'dropped@tailspin.com', requestId: 'REQ6', closedAs: 'cancelled' } },
];
const entries: ResultEntry[] = resultEntries(results, [{ line: 7, email: 'bad', problems: [{ kind: 'field', problem: { field: 'email', code: 'invalid', params: { value: 'bad' } } }] }]);

describe('the result file of a bulk run', () => {
  const text = resultCsv(translatorFor('en'), entries, (iso) => iso.slice(0, 10));
  const [header, ...rows] = parse(text, { bom: true }) as string[][];
  const byLine = new Map(rows.map((row) => [row[0], row]));

  it('has one line per row of the file, in its order, with stable headers and outcome codes', () => {
    assert.deepEqual(header, [...RESULT_HEADER]);
    assert.deepEqual(
      rows.map((row) => [row[0], row[2]]),
      [
        ['3', 'invited'], ['4', 'invited'], ['5', 'alreadyExists'], ['6', 'internal'], ['7', 'invalid'],
        ['8', 'refused'], ['9', 'failed'], ['10', 'skipped'], ['11', 'notRun'], ['12', 'pendingApproval'], ['13', 'alreadyRequested'],
        ['14', 'closed'],
      ],
    );
  });

  it('gives the last day of access where the request has one, and nothing elsewhere', () => {
    assert.equal(header?.[7], 'Access ends');
    assert.deepEqual(
      rows.filter((row) => row[7] !== '').map((row) => [row[0], row[7]]),
      [['3', '2027-03-31'], ['12', '2027-01-02']],
    );
  });

  it('writes the redeem URL where the email was withheld, and nowhere else', () => {
    assert.equal(byLine.get('4')?.[6], REDEEM);
    assert.equal(rows.filter((row) => row.join(',').includes('redeem?rd=')).length, 1);
    assert.match(byLine.get('4')?.[3] ?? '', /whoever opens it first claims the account/);
    assert.equal(redeemUrlCount(entries), 1);
  });

  it('explains each outcome and what is left to do', () => {
    assert.match(byLine.get('7')?.[3] ?? '', /"bad" is not a valid email address/);
    assert.match(byLine.get('8')?.[3] ?? '', /blocked\.example may not be invited/);
    assert.match(byLine.get('9')?.[3] ?? '', /Run the same file again later.*graph-1/);
    assert.deepEqual(byLine.get('10')?.slice(2, 6), ['skipped', 'Settled by an earlier run of this file: Invited, 2026-11-20.', 'REQ0', 'user-9']);
    assert.match(byLine.get('11')?.[3] ?? '', /Run the same file again to continue/);
    assert.match(byLine.get('13')?.[3] ?? '', /^Dave Bystander asked to invite held@tailspin\.com on 2026-11-21, and that request is still open \(Approved\)/);
    assert.deepEqual(byLine.get('14')?.slice(2, 5), ['closed', 'Not invited: request REQ6 was closed (Cancelled) while it waited for its turn, so nothing was sent.', 'REQ6']);
  });

  it('speaks the requester’s language in the reasons, never in the codes', () => {
    const [, ...turkish] = parse(resultCsv(translatorFor('tr-TR'), entries, (iso) => iso), { bom: true }) as string[][];
    assert.deepEqual(turkish.map((row) => row[2]), rows.map((row) => row[2]));
    assert.match(turkish.find((row) => row[0] === '5')?.[3] ?? '', /dizinde zaten var/);
  });

  it('opens in Excel as written: UTF-8 with BOM, CRLF, and no cell that runs as a formula', () => {
    assert.ok(text.startsWith('\ufeffRow,'));
    assert.ok(text.includes('\r\n'));
    assert.equal(byLine.get('12')?.[1], `'=HYPERLINK("https://evil.example")`);
  });

  it('counts every outcome, validation failures included', () => {
    assert.deepEqual(countOutcomes(entries), {
      invited: 2, pendingApproval: 1, alreadyExists: 1, alreadyRequested: 1, internal: 1, refused: 1, invalid: 1, closed: 1, failed: 1, skipped: 1, notRun: 1,
    });
  });
});
