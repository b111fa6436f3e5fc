import assert from 'node:assert/strict';
import sinon from 'sinon';
import { BottleneckPacer, GRAPH_INVITATION_PACING } from '../../src/bulk/bottleneck-pacer';
import { MemoryStateStore } from '../../src/storage/memory/memory-state-store';

/**
 * The pacer on a controlled clock: sinon's fake timers drive Bottleneck's own timers and Date, so the windows are
 * checked exactly and the test takes milliseconds, not the minutes 150-per-5-seconds would need for real.
 */
describe('the invitation pacer (Bottleneck)', () => {
  let clock: sinon.SinonFakeTimers;
  let pacer: BottleneckPacer;
  let started: number[];
  beforeEach(() => {
    clock = sinon.useFakeTimers({ now: 0 });
    started = [];
  });
  afterEach(async () => {
    await pacer.close().catch(() => undefined);
    clock.restore();
  });

  /** A task that records when its turn came and takes `ms` of (fake) time. */
  const task = (ms = 1) => async (turn: () => Promise<void>) => {
    await turn();
    started.push(Date.now());
    await new Promise((resolve) => setTimeout(resolve, ms));
  };

  /** A task scheduled now that asks for its turn only once `open()` is called (after a clock step, say). */
  const gated = () => {
    let open!: () => void;
    const opened = new Promise<void>((resolve) => (open = resolve));
    return { open, task: async (turn: () => Promise<void>) => {
      await opened;
      await task()(turn);
    } };
  };

  it('starts no more than 150 invitations in any 5 seconds, as Graph allows per tenant', async () => {
    pacer = new BottleneckPacer(GRAPH_INVITATION_PACING);
    const all = Array.from({ length: 400 }, () => pacer.schedule(task()));
    await clock.tickAsync(20_000);
    await Promise.all(all);
    assert.equal(started.length, 400);
    for (const at of started) {
      const inWindow = started.filter((other) => other > at - 5_000 && other <= at).length;
      assert.ok(inWindow <= 150, `${inWindow} started in the 5 s up to ${at} ms`);
    }
  });

  it('keeps at most maxConcurrent tasks running, as Bottleneck itself reports', async () => {
    pacer = new BottleneckPacer({ requestsPerWindow: 10, windowMs: 1_000, maxConcurrent: 2 });
    let running = 0;
    let most = 0;
    const slow = async (turn: () => Promise<void>) => {
      await turn();
      running++;
      most = Math.max(most, running);
      started.push(Date.now());
      await new Promise((resolve) => setTimeout(resolve, 300));
      running--;
    };
    const executing: number[] = [];
    pacer.limiter.on('executing', () => executing.push(Date.now()));
    const all = Array.from({ length: 12 }, () => pacer.schedule(slow));
    await clock.tickAsync(5_000);
    await Promise.all(all);
    assert.equal(most, 2);
    assert.equal(executing.length, 12, "Bottleneck's own events agree");
  });

  it('holds every new start for a window after Graph kept throttling', async () => {
    pacer = new BottleneckPacer({ requestsPerWindow: 150, windowMs: 5_000, maxConcurrent: 4 });
    await Promise.all([pacer.schedule(task()), clock.tickAsync(100)]);
    pacer.slowDown();
    const held = pacer.schedule(task());
    await clock.tickAsync(4_000);
    assert.equal(started.length, 1, 'nothing new starts while held');
    await clock.tickAsync(1_200);
    await held;
    assert.equal(started.length, 2);
    assert.ok(started[1]! >= started[0]! + 5_000);
  });

  it('holds for as long as Graph asked when that is longer than a window, and for a minute at most', async () => {
    pacer = new BottleneckPacer(GRAPH_INVITATION_PACING);
    await Promise.all([pacer.schedule(task()), clock.tickAsync(100)]);
    const heldAt = Date.now();
    pacer.slowDown(30_000);
    const held = pacer.schedule(task());
    await clock.tickAsync(29_000);
    assert.equal(started.length, 1, 'nothing new starts for the 30 s Graph asked for');
    await clock.tickAsync(1_200);
    await held;
    assert.ok(started[1]! >= heldAt + 30_000, `started ${started[1]! - heldAt} ms after the hold`);

    const cappedAt = Date.now();
    pacer.slowDown(180_000);
    const capped = pacer.schedule(task());
    await clock.tickAsync(61_000);
    await capped;
    assert.ok(started[2]! >= cappedAt + 60_000 && started[2]! <= cappedAt + 61_000, `started ${started[2]! - cappedAt} ms after a 180 s hold`);
  });

  it('keeps its pace when the event loop wakes late: the starts a stall overran are not all taken at once', async () => {
    pacer = new BottleneckPacer({ requestsPerWindow: 10, windowMs: 1_000, maxConcurrent: 4 });
    const all = Array.from({ length: 30 }, () => pacer.schedule(task()));
    await clock.tickAsync(1_050);
    // The process is busy for 600 ms (a long garbage collection, a starved machine): every timer due meanwhile
    // fires once, at its end, as Node's would.
    clock.jump(600);
    await clock.tickAsync(5_000);
    await Promise.all(all);
    assert.equal(started.length, 30);
    for (const at of started) {
      const inWindow = started.filter((other) => other > at - 1_000 && other <= at).length;
      assert.ok(inWindow <= 10, `${inWindow} started in the second up to ${at} ms`);
    }
    // Starts are 103 ms apart (the budget's 100 and its margin); a start may be used up to 15 ms after it was due.
    const gaps = started.slice(1).map((at, i) => at - started[i]!);
    assert.ok(Math.min(...gaps) >= 103 - 15, `two starts ${Math.min(...gaps)} ms apart (${gaps.join(', ')})`);
  });

  it("keeps a distance after a late start at Graph's own pace too (150 per 5 s), where a start is due every 34 ms", async () => {
    pacer = new BottleneckPacer(GRAPH_INVITATION_PACING);
    const all = Array.from({ length: 60 }, () => pacer.schedule(task()));
    await clock.tickAsync(500);
    clock.jump(600);
    await clock.tickAsync(5_000);
    await Promise.all(all);
    const gaps = started.slice(1).map((at, i) => at - started[i]!);
    // 34.3 ms apart when on time; after a late one, at least half of that.
    assert.ok(Math.min(...gaps) >= 17, `two starts ${Math.min(...gaps)} ms apart (${gaps.join(', ')})`);
  });

  it('goes on when the clock is set back (a time correction): the last turn and the starts in hand do not hold it', async () => {
    // A real clock's epoch: a step back from the fake clock's 0 would go before 1970.
    clock.setSystemTime(Date.parse('2026-12-04T09:00:00Z'));
    pacer = new BottleneckPacer(GRAPH_INVITATION_PACING);
    const first = Array.from({ length: 3 }, () => pacer.schedule(task()));
    await clock.tickAsync(500);
    await Promise.all(first);
    // The next row, already running (Bottleneck itself would wait out the step before running a job it got
    // after it), asks for its turn just after the clock went back an hour.
    const waiting = gated();
    const next = pacer.schedule(waiting.task);
    await clock.tickAsync(10);
    clock.setSystemTime(Date.now() - 3_600_000);
    const asked = Date.now();
    waiting.open();
    await clock.tickAsync(1_000);
    assert.equal(started.length, 4, 'the turn came within a second');
    assert.ok(started[3]! - asked <= 100, `${started[3]! - asked} ms after it asked`);
    await next;
  });

  it('goes on within the longest hold when the clock is set back during a hold', async () => {
    clock.setSystemTime(Date.parse('2026-12-04T09:00:00Z'));
    pacer = new BottleneckPacer(GRAPH_INVITATION_PACING);
    await Promise.all([pacer.schedule(task()), clock.tickAsync(100)]);
    // Scheduled before the step, as in the test above (Bottleneck itself waits out a step for a job it got after it).
    const waiting = gated();
    const next = pacer.schedule(waiting.task);
    await clock.tickAsync(10);
    pacer.slowDown(5_000);
    clock.setSystemTime(Date.now() - 3_600_000);
    const asked = Date.now();
    waiting.open();
    await clock.tickAsync(61_000);
    assert.equal(started.length, 2, 'the turn came within the longest hold');
    assert.ok(started[1]! - asked <= 61_000, `${started[1]! - asked} ms after it asked`);
    await next;
  });

  it('goes on when the store answers slowly, and closes while a claim is slow', async () => {
    const state = new MemoryStateStore();
    const put = state.put.bind(state);
    let claims = 0;
    state.put = async (key, value, etag) => {
      claims++;
      await new Promise((resolve) => setTimeout(resolve, 250));
      return put(key, value, etag);
    };
    pacer = new BottleneckPacer(GRAPH_INVITATION_PACING, { state });
    const all = Array.from({ length: 3 }, () => pacer.schedule(task()));
    await clock.tickAsync(5_000);
    await Promise.all(all);
    assert.equal(started.length, 3, 'every task had its turn');
    assert.ok(claims <= 3, `${claims} claims for 3 starts`);

    const waiting = pacer.schedule(task()).catch((error: Error) => error.message);
    await clock.tickAsync(100);
    let closed = false;
    const closing = pacer.close().then(() => (closed = true));
    await clock.tickAsync(1_000);
    assert.ok(closed, 'close returned');
    const claimsAtClose = claims;
    await clock.tickAsync(5_000);
    assert.equal(claims, claimsAtClose, 'nothing claimed after close');
    await closing;
    await waiting;
  });

  it('lets many tasks wait for their turn at once without a warning of a listener leak', async () => {
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(warning.name);
    process.on('warning', onWarning);
    try {
      // The command line's --concurrency may be far above Node's default of ten listeners per signal.
      pacer = new BottleneckPacer({ requestsPerWindow: 10, windowMs: 1_000, maxConcurrent: 30 });
      const all = Array.from({ length: 30 }, () => pacer.schedule(task()));
      await clock.tickAsync(5_000);
      await Promise.all(all);
      // Node emits process warnings on a later tick.
      await clock.tickAsync(10);
    } finally {
      process.off('warning', onWarning);
    }
    assert.deepEqual(warnings, []);
  });

  it('refuses work after close', async () => {
    pacer = new BottleneckPacer();
    await pacer.close();
    await assert.rejects(pacer.schedule(task()), /closed/);
  });

  it('on close, drops work still queued and refuses more, once it has run', async () => {
    pacer = new BottleneckPacer({ requestsPerWindow: 1, windowMs: 1_000, maxConcurrent: 1 });
    const first = pacer.schedule(task(10));
    const queued = pacer.schedule(task());
    await clock.tickAsync(100);
    await first;
    // The second waits for its start, a second after the first's.
    const closed = pacer.close();
    // Bottleneck frees a job's slot on a zero-delay timer, which the fake clock runs only when ticked.
    await clock.tickAsync(0);
    await assert.rejects(queued);
    await closed;
    await assert.rejects(pacer.schedule(task()), /closed/);
    assert.equal(started.length, 1, 'only the first task ran');
  });
});
