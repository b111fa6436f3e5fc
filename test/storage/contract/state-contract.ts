import assert from 'node:assert/strict';
import { AlreadyExistsError, ConcurrencyError } from '../../../src/storage';
import type { CurrentStore } from '../store-contract';

interface Checkpoint {
  deltaLink: string;
  seen: string[];
}

const checkpoint = (n: number): Checkpoint => ({ deltaLink: `https://graph.example/delta?token=${n}`, seen: [`user-${n}`] });

export function describeStateContract(store: CurrentStore): void {
  describe('state store', () => {
    it('creates a key only once', async () => {
      const created = await store().state.put('watcher', checkpoint(1));
      assert.deepEqual(created.value, checkpoint(1));
      assert.deepEqual(await store().state.get<Checkpoint>('watcher'), created);
      await assert.rejects(store().state.put('watcher', checkpoint(2)), AlreadyExistsError);
      assert.deepEqual((await store().state.get<Checkpoint>('watcher'))?.value, checkpoint(1));
    });

    it('replaces with the current etag, refuses a stale one and keeps the value', async () => {
      const created = await store().state.put('watcher', checkpoint(1));
      const replaced = await store().state.put('watcher', checkpoint(2), created.etag);
      assert.notEqual(replaced.etag, created.etag);
      await assert.rejects(store().state.put('watcher', checkpoint(3), created.etag), ConcurrencyError);
      assert.deepEqual(await store().state.get<Checkpoint>('watcher'), replaced);
    });

    it('refuses an etag for a key that does not exist', async () => {
      const other = await store().state.put('other', checkpoint(1));
      await assert.rejects(store().state.put('missing', checkpoint(1), other.etag), ConcurrencyError);
      assert.equal(await store().state.get('missing'), undefined);
    });

    it('holds plain values as well as objects', async () => {
      await store().state.put('count', 42);
      await store().state.put('label', 'text');
      assert.equal((await store().state.get<number>('count'))?.value, 42);
      assert.equal((await store().state.get<string>('label'))?.value, 'text');
    });

    it('cannot be changed through the objects it was given or returned', async () => {
      const value = checkpoint(1);
      const created = await store().state.put('watcher', value);
      value.seen.push('user-x');
      created.value.seen.push('user-y');
      (await store().state.get<Checkpoint>('watcher'))!.value.deltaLink = 'changed';
      assert.deepEqual((await store().state.get<Checkpoint>('watcher'))?.value, checkpoint(1));
    });
  });
}
