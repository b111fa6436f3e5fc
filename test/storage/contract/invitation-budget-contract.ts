import assert from 'node:assert/strict';
import { StoreInvitationBudget } from '../../../src/bulk/store-invitation-budget';
import { GuestPassStore } from '../../../src/storage';

const T0 = Date.parse('2025-03-01T09:00:00.000Z');
const SPACING = 40;
const WINDOW = 1_000;

/**
 * The invitation budget every instance on one store shares, on each store kind: `openTwo` opens two instances on
 * the same data (two connections to one SQLite file, two clients on one table account; the memory store can only
 * be shared within its process, so both are the same store). Time is given, not read, so the test is exact.
 */
export function describeInvitationBudgetContract(
  name: string,
  openTwo: () => Promise<[GuestPassStore, GuestPassStore]>,
  cleanup?: () => Promise<void>,
): void {
  describe(`${name} store: the shared invitation budget (contract)`, () => {
    let stores: GuestPassStore[] = [];
    let now = T0;
    let a: StoreInvitationBudget;
    let b: StoreInvitationBudget;
    const options = { spacingMs: SPACING, windowMs: WINDOW };

    beforeEach(async () => {
      stores = await openTwo();
      now = T0;
      a = new StoreInvitationBudget(stores[0]!.state, options, () => now);
      b = new StoreInvitationBudget(stores[1]!.state, options, () => now);
    });
    afterEach(async () => {
      for (const store of new Set(stores)) await store.close();
      await cleanup?.();
    });

    it('hands out evenly spaced starts from now, and the next instance gets the starts after them', async () => {
      assert.deepEqual(await a.claim(3), [T0, T0 + SPACING, T0 + 2 * SPACING]);
      assert.deepEqual(await b.claim(2), [T0 + 3 * SPACING, T0 + 4 * SPACING]);
      now = T0 + 10 * SPACING;
      assert.deepEqual(await a.claim(1), [now], 'an idle budget starts again from now');
    });

    it('gives two instances claiming at the same moment starts that never coincide nor come closer than the spacing', async () => {
      const claims = Array.from({ length: 16 }, (_, i) => (i % 2 === 0 ? a : b).claim(3));
      const starts = (await Promise.all(claims)).flat().sort((x, y) => x - y);
      assert.equal(starts.length, 48);
      assert.equal(starts[0], T0);
      for (let i = 1; i < starts.length; i++) {
        assert.ok(starts[i]! - starts[i - 1]! >= SPACING - 1e-6, `starts ${i - 1} and ${i} are ${starts[i]! - starts[i - 1]!} ms apart`);
      }
    });

    it('holds every instance when one of them was throttled', async () => {
      await a.claim(1);
      await a.hold(T0 + WINDOW);
      assert.deepEqual(await b.claim(2), [T0 + WINDOW, T0 + WINDOW + SPACING]);
      await b.hold(T0 + 10);
      assert.deepEqual(await a.claim(1), [T0 + WINDOW + 2 * SPACING], 'a shorter hold does not shorten a longer one');
    });

    it('lets the starts a stopped instance claimed pass with time, instead of keeping them from the others', async () => {
      await a.claim(5);
      now = T0 + 2 * WINDOW;
      assert.deepEqual(await b.claim(1), [now]);
    });

    it('is not stalled by an instance whose clock ran far ahead', async () => {
      const ahead = new StoreInvitationBudget(stores[0]!.state, options, () => T0 + 3_600_000);
      await ahead.claim(5);
      await ahead.hold(T0 + 3_600_000 + WINDOW);
      assert.deepEqual(await b.claim(1), [T0]);
    });

    it('keeps a slow budget shared: a block of starts further ahead than a few windows is still a live claim', async () => {
      // BULK_INVITATIONS_PER_5_SECONDS=1: one start per window, so a block of five reaches five windows ahead.
      const slow = { spacingMs: WINDOW * 1.03, windowMs: WINDOW };
      const [x, y] = [new StoreInvitationBudget(stores[0]!.state, slow, () => now), new StoreInvitationBudget(stores[1]!.state, slow, () => now)];
      const first = await x.claim(5);
      assert.deepEqual(await y.claim(1), [first[4]! + slow.spacingMs], 'the other instance starts after the block, not alongside it');
    });

    it('keeps its record beside the other state without touching it', async () => {
      await stores[0]!.state.put('watcher', { cursor: 7 });
      await a.claim(2);
      assert.deepEqual((await stores[1]!.state.get('watcher'))?.value, { cursor: 7 });
    });
  });
}
