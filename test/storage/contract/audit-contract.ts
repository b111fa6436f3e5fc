import assert from 'node:assert/strict';
import { AuditEntry } from '../../../src/invitation/audit-trail';
import type { CurrentStore } from '../store-contract';

function entry(n: number): AuditEntry {
  return {
    at: `2025-03-01T09:00:0${n}.000Z`,
    event: 'request.created',
    requestId: `AUDIT00${n}`,
    actor: { id: 'requester-ayse', displayName: 'Ayşe Yılmaz' },
    subject: `guest${n}@fabrikam.example`,
    details: { attempt: n, retryable: false, note: null, domain: 'fabrikam.example' },
  };
}

export function describeAuditContract(store: CurrentStore): void {
  describe('audit trail', () => {
    it('returns the latest entries newest first', async () => {
      for (const n of [1, 2, 3]) await store().audit.append(entry(n));
      assert.deepEqual(await store().audit.latest(2), [entry(3), entry(2)]);
      assert.deepEqual(await store().audit.latest(10), [entry(3), entry(2), entry(1)]);
      assert.deepEqual(await store().audit.latest(0), []);
    });

    it('is empty at first', async () => {
      assert.deepEqual(await store().audit.latest(5), []);
    });

    it('keeps entries with only the required fields', async () => {
      await store().audit.append({ at: '2025-03-01T09:00:00.000Z', event: 'bot.started' });
      assert.deepEqual(await store().audit.latest(1), [{ at: '2025-03-01T09:00:00.000Z', event: 'bot.started' }]);
    });

    it('cannot be changed through the objects it was given or returned', async () => {
      const appended = entry(1);
      await store().audit.append(appended);
      appended.details!.attempt = 99;
      const [read] = await store().audit.latest(1);
      read!.event = 'tampered';
      assert.deepEqual(await store().audit.latest(1), [entry(1)]);
    });
  });
}
