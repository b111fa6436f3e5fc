import assert from 'node:assert/strict';
import sinon from 'sinon';
import { BottleneckPacer, GRAPH_INVITATION_PACING } from '../../src/bulk/bottleneck-pacer';

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
