import assert from 'node:assert/strict';
import { ConcurrencyError } from '../../../src/storage';
import { sampleRequest } from '../sample-request';
import type { CurrentStore } from '../store-contract';

const WRITERS = 20;
/** Far more than 20 writers need; a store that never lets a retry through fails instead of hanging. */
const MAX_ATTEMPTS = 100;

export function describeRequestConcurrencyContract(store: CurrentStore): void {
  describe('requests under concurrent writers', () => {
    it(`lands all ${WRITERS} read-modify-write updates when writers retry on ConcurrencyError`, async () => {
      const created = await store().requests.create(sampleRequest());
      let conflicts = 0;

      // Each writer appends one transition naming itself: a lost update would show up as a missing name.
      const appendNote = async (writer: number): Promise<void> => {
        for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
          const current = (await store().requests.get(created.value.id))!;
          const next = {
            ...current.value,
            transitions: [
              ...current.value.transitions,
              { from: current.value.state, to: current.value.state, at: current.value.createdAt, reason: `writer ${writer}` },
            ],
          };
          try {
            await store().requests.update(next, current.etag);
            return;
          } catch (error) {
            if (!(error instanceof ConcurrencyError)) throw error;
            conflicts++;
          }
        }
        throw new Error(`writer ${writer} gave up after ${MAX_ATTEMPTS} attempts`);
      };

      await Promise.all(Array.from({ length: WRITERS }, (_, writer) => appendNote(writer)));

      const stored = (await store().requests.get(created.value.id))!.value;
      const notes = stored.transitions.slice(1).map((t) => t.reason);
      assert.equal(notes.length, WRITERS);
      assert.deepEqual(
        [...notes].sort(),
        Array.from({ length: WRITERS }, (_, writer) => `writer ${writer}`).sort(),
      );
      // Proves the writers really interleaved, so the etag check (not luck) kept every update.
      assert.ok(conflicts > 0, 'expected at least one conflict');
    });
  });
}
