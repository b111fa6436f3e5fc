import assert from 'node:assert/strict';
import type { CurrentStore } from '../store-contract';

const T0 = Date.parse('2025-03-01T09:00:00.000Z');
const at = (offsetMs: number) => new Date(T0 + offsetMs);
const TTL = 1_000;

export function describeLeaseContract(store: CurrentStore): void {
  describe('leases', () => {
    it('goes to the first owner and refuses others while it is valid', async () => {
      assert.equal(await store().leases.tryAcquire('expiry-job', 'instance-a', TTL, at(0)), true);
      assert.equal(await store().leases.tryAcquire('expiry-job', 'instance-b', TTL, at(500)), false);
      assert.equal(await store().leases.tryAcquire('expiry-job', 'instance-b', TTL, at(999)), false);
    });

    it('can be taken by another owner once expired', async () => {
      await store().leases.tryAcquire('expiry-job', 'instance-a', TTL, at(0));
      assert.equal(await store().leases.tryAcquire('expiry-job', 'instance-b', TTL, at(1_000)), true);
      assert.equal(await store().leases.tryAcquire('expiry-job', 'instance-a', TTL, at(1_500)), false);
    });

    it('is renewed by its owner, which pushes the expiry out', async () => {
      await store().leases.tryAcquire('expiry-job', 'instance-a', TTL, at(0));
      assert.equal(await store().leases.tryAcquire('expiry-job', 'instance-a', TTL, at(800)), true);
      assert.equal(await store().leases.tryAcquire('expiry-job', 'instance-b', TTL, at(1_500)), false);
      assert.equal(await store().leases.tryAcquire('expiry-job', 'instance-b', TTL, at(1_800)), true);
    });

    it('is freed by its owner only', async () => {
      await store().leases.tryAcquire('expiry-job', 'instance-a', TTL, at(0));
      await store().leases.release('expiry-job', 'instance-b');
      assert.equal(await store().leases.tryAcquire('expiry-job', 'instance-c', TTL, at(100)), false);

      await store().leases.release('expiry-job', 'instance-a');
      assert.equal(await store().leases.tryAcquire('expiry-job', 'instance-c', TTL, at(200)), true);
    });

    it('keeps leases of different names apart', async () => {
      assert.equal(await store().leases.tryAcquire('expiry-job', 'instance-a', TTL, at(0)), true);
      assert.equal(await store().leases.tryAcquire('redemption-watcher', 'instance-b', TTL, at(0)), true);
    });

    it('releasing a lease nobody holds is harmless', async () => {
      await store().leases.release('never-taken', 'instance-a');
    });
  });
}
