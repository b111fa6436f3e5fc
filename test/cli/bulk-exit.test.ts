import assert from 'node:assert/strict';
import { countOutcomes, ResultEntry } from '../../src/bulk/result-entries';
import { bulkExitCode } from '../../src/cli/bulk-exit';
import { EXIT } from '../../src/cli/exit-codes';
import { BulkRowOutcome } from '../../src/invitation/bulk-invite';

const entry = (line: number, outcome: BulkRowOutcome): ResultEntry => ({ line, email: `row${line}@tailspin.com`, outcome });
const ran = { kind: 'ran' as const, results: [], interrupted: false };

/** A bulk run's exit code says whether running the file again would try any row again (2) or not (0). */
describe('bulkExitCode', () => {
  it('is 0 when every row is settled: invited, waiting for approval, existing, internal, cancelled while it waited, or skipped', () => {
    const entries = [
      entry(2, { kind: 'invited', requestId: 'R1' }),
      entry(3, { kind: 'pendingApproval', requestId: 'R2' }),
      entry(4, { kind: 'alreadyExists' }),
      entry(5, { kind: 'internal' }),
      entry(6, { kind: 'closed', requestId: 'R3', closedAs: 'cancelled' }),
      entry(7, { kind: 'skipped', earlier: { outcome: 'invited', at: '2026-12-01T00:00:00.000Z' } }),
    ];
    assert.equal(bulkExitCode(countOutcomes(entries), entries, ran, false), EXIT.ok);
  });

  for (const outcome of [
    { kind: 'alreadyRequested' },
    { kind: 'refused', refusal: { reason: 'domainNotAllowed' } },
    { kind: 'failed', error: { kind: 'rejected', retryable: false } },
    { kind: 'notRun' },
  ] satisfies BulkRowOutcome[]) {
    it(`is 2 when a row a re-run would try again is ${outcome.kind}`, () => {
      const entries = [entry(2, { kind: 'invited', requestId: 'R1' }), entry(3, outcome)];
      assert.equal(bulkExitCode(countOutcomes(entries), entries, ran, false), EXIT.notDone);
    });
  }
});
