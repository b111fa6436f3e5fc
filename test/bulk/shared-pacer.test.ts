import assert from 'node:assert/strict';
import sinon from 'sinon';
import { BottleneckPacer, GRAPH_INVITATION_PACING } from '../../src/bulk/bottleneck-pacer';
import { createMemoryStore, GuestPassStore } from '../../src/storage';

/**
 * Two instances of the bot, each with its own pacer, on one store: the tenant's budget is theirs together. On a
 * controlled clock (sinon drives Bottleneck's timers and Date), so windows are checked exactly in milliseconds.
 */
describe('the invitation pacer shared by two instances through the store', () => {
  let clock: sinon.SinonFakeTimers;
  let store: GuestPassStore;
  let pacers: BottleneckPacer[];
  let started: { by: string; at: number }[];
  beforeEach(() => {
    clock = sinon.useFakeTimers({ now: 1_000_000 });
    store = createMemoryStore();
    pacers = [];
    started = [];
  });
  afterEach(async () => {
    for (const pacer of pacers) await Promise.race([pacer.close().catch(() => undefined), clock.tickAsync(10)]);
    clock.restore();
  });

  const instance = (options = GRAPH_INVITATION_PACING) => {
    const pacer = new BottleneckPacer(options, { state: store.state });
    pacers.push(pacer);
    return pacer;
  };
  const task = (by: string) => async (turn: () => Promise<void>) => {
    await turn();
    started.push({ by, at: Date.now() });
    await new Promise((resolve) => setTimeout(resolve, 5));
  };
  const busiestWindow = (windowMs: number) =>
    Math.max(...started.map(({ at }) => started.filter((other) => other.at > at - windowMs && other.at <= at).length));

  it('starts no more than 150 invitations in any 5 seconds from both instances together, and uses the budget', async () => {
    const [a, b] = [instance(), instance()];
    const all = Array.from({ length: 600 }, (_, i) => (i % 2 === 0 ? a : b).schedule(task(i % 2 === 0 ? 'a' : 'b')));
    await clock.tickAsync(30_000);
    await Promise.all(all);
    assert.equal(started.length, 600);
    assert.ok(busiestWindow(5_000) <= 150, `${busiestWindow(5_000)} started in one 5 s window`);
    assert.ok(started.filter(({ by }) => by === 'a').length === 300 && started.some(({ by }) => by === 'b'));
    const span = started.at(-1)!.at - started[0]!.at;
    // 600 starts at the budget's pace take 20 s; the spacing margin adds 3 %, and a little for the blocks.
    assert.ok(span < 20_000 * 1.06, `600 starts took ${span} ms of the clock`);
  });

  it('holds the other instance too when one of them was throttled', async () => {
    const [a, b] = [instance(), instance()];
    const warmUp = [a.schedule(task('a')), b.schedule(task('b'))];
    await clock.tickAsync(200);
    await Promise.all(warmUp);
    const heldAt = Date.now();
    a.slowDown();
    await clock.tickAsync(0);
    const later = Array.from({ length: 10 }, () => b.schedule(task('b')));
    await clock.tickAsync(8_000);
    await Promise.all(later);
    const during = started.filter(({ by, at }) => by === 'b' && at > heldAt && at < heldAt + 5_000);
    assert.deepEqual(during, [], "nothing of the other instance's started during the hold");
  });

  it('holds the other instance for as long as Graph asked, when that is longer than a window', async () => {
    const [a, b] = [instance(), instance()];
    const warmUp = [a.schedule(task('a')), b.schedule(task('b'))];
    await clock.tickAsync(200);
    await Promise.all(warmUp);
    const heldAt = Date.now();
    a.slowDown(40_000);
    await clock.tickAsync(0);
    const later = Array.from({ length: 10 }, () => b.schedule(task('b')));
    await clock.tickAsync(45_000);
    await Promise.all(later);
    const first = started.filter(({ by, at }) => by === 'b' && at > heldAt)[0];
    assert.ok(first && first.at >= heldAt + 40_000, `the other instance started ${first ? first.at - heldAt : 'nothing'} ms after the hold`);
  });

  it('goes on at the full pace when the other instance stopped with starts it had claimed', async () => {
    const [a, b] = [instance(), instance()];
    const abandoned = Array.from({ length: 20 }, () => a.schedule(task('a')).catch(() => undefined));
    await clock.tickAsync(50);
    await Promise.race([a.close(), clock.tickAsync(10)]);
    await Promise.all(abandoned);
    const from = Date.now();
    const all = Array.from({ length: 150 }, () => b.schedule(task('b')));
    await clock.tickAsync(10_000);
    await Promise.all(all);
    const last = started.at(-1)!.at;
    assert.ok(last - from < 5_000 * 1.05 + 300, `150 starts took ${last - from} ms after the other instance stopped`);
  });
});
