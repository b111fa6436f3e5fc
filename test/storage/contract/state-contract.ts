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

    describe('records kept until a time (prune)', () => {
      const now = new Date('2026-12-04T12:00:00Z');
      const at = (minutes: number) => new Date(now.getTime() + minutes * 60_000);

      it('deletes the records whose time has passed, and nothing else', async () => {
        await store().state.put('sign-in:old', checkpoint(1), undefined, { keepUntil: at(-10) });
        await store().state.put('sign-in:new', checkpoint(2), undefined, { keepUntil: at(10) });
        await store().state.put('watcher', checkpoint(3));
        assert.equal(await store().state.prune(now, 100), 1);
        assert.equal(await store().state.get('sign-in:old'), undefined);
        assert.deepEqual((await store().state.get<Checkpoint>('sign-in:new'))?.value, checkpoint(2));
        assert.deepEqual((await store().state.get<Checkpoint>('watcher'))?.value, checkpoint(3), 'a record with no time is kept');
        assert.equal(await store().state.prune(now, 100), 0, 'nothing left to delete');
        await store().state.put('sign-in:old', checkpoint(4));
        assert.deepEqual((await store().state.get<Checkpoint>('sign-in:old'))?.value, checkpoint(4), 'the key can be created again');
      });

      it('goes by what the last write said: a later time keeps a record, no time keeps it for good', async () => {
        const renewed = await store().state.put('renewed', checkpoint(1), undefined, { keepUntil: at(-10) });
        await store().state.put('renewed', checkpoint(2), renewed.etag, { keepUntil: at(10) });
        const settled = await store().state.put('settled', checkpoint(1), undefined, { keepUntil: at(-10) });
        await store().state.put('settled', checkpoint(2), settled.etag);
        const shortened = await store().state.put('shortened', checkpoint(1), undefined, { keepUntil: at(60) });
        await store().state.put('shortened', checkpoint(2), shortened.etag, { keepUntil: at(-1) });
        assert.equal(await store().state.prune(now, 100), 1);
        assert.deepEqual((await store().state.get<Checkpoint>('renewed'))?.value, checkpoint(2));
        assert.deepEqual((await store().state.get<Checkpoint>('settled'))?.value, checkpoint(2));
        assert.equal(await store().state.get('shortened'), undefined);
      });

      it('refuses a time that is no instant, and writes nothing', async () => {
        await assert.rejects(store().state.put('broken', checkpoint(1), undefined, { keepUntil: new Date(Number.NaN) }), RangeError);
        assert.equal(await store().state.get('broken'), undefined);
      });

      it('deletes at most the number asked for, the longest expired first, and refuses a write with a pruned etag', async () => {
        const written = [];
        for (let i = 0; i < 5; i++) written.push(await store().state.put(`old-${i}`, checkpoint(i), undefined, { keepUntil: at(-60 + i) }));
        assert.equal(await store().state.prune(now, 2), 2);
        assert.equal(await store().state.get('old-0'), undefined);
        assert.equal(await store().state.get('old-1'), undefined);
        assert.ok(await store().state.get('old-2'));
        await assert.rejects(store().state.put('old-0', checkpoint(9), written[0]!.etag), ConcurrencyError);
        assert.equal(await store().state.prune(now, 10), 3);
      });
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
