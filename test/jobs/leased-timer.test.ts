import assert from 'node:assert/strict';
import sinon from 'sinon';
import { LeasedTimer, LeasedTimerOptions } from '../../src/jobs/leased-timer';
import { MemoryLeaseStore } from '../../src/storage/memory/memory-lease-store';

type Tick = string;

/** A timer on a real (in-memory) lease store whose work records each tick and can be told to fail or to wait. */
function timerOn(leases: MemoryLeaseStore, owner: string, overrides: Partial<LeasedTimerOptions<Tick>> = {}) {
  const ran: Date[] = [];
  const failures: unknown[] = [];
  const timer = new LeasedTimer<Tick>({
    leases,
    leaseName: 'job',
    owner,
    tickMs: 1_000,
    leaseMs: 3_000,
    now: () => new Date(),
    heldElsewhere: 'held elsewhere',
    failed: (error) => {
      failures.push(error);
      return 'failed';
    },
    work: async (now) => {
      ran.push(now);
      return `ran by ${owner}`;
    },
    ...overrides,
  });
  return { timer, ran, failures };
}

describe('LeasedTimer', () => {
  let clock: sinon.SinonFakeTimers;
  beforeEach(() => {
    clock = sinon.useFakeTimers({ now: Date.parse('2026-01-01T00:00:00Z') });
  });
  afterEach(() => clock.restore());

  it('lets one instance at a time do the work, and the other once the lease is freed', async () => {
    const leases = new MemoryLeaseStore();
    const a = timerOn(leases, 'a');
    const b = timerOn(leases, 'b');
    assert.equal(await a.timer.runOnce(), 'ran by a');
    assert.equal(await b.timer.runOnce(), 'held elsewhere');
    assert.equal(b.ran.length, 0);
    await a.timer.stop();
    assert.equal(await b.timer.runOnce(), 'ran by b');
  });

  it('shares one tick between concurrent calls', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const { timer, ran } = timerOn(new MemoryLeaseStore(), 'a', {
      work: async (now) => {
        ran.push(now);
        await gate;
        return 'slow tick';
      },
    });
    const ticks = [timer.runOnce(), timer.runOnce()];
    release();
    assert.deepEqual(await Promise.all(ticks), ['slow tick', 'slow tick']);
    assert.equal(ran.length, 1);
    assert.equal(await timer.runOnce(), 'slow tick');
    assert.equal(ran.length, 2, 'a new call after the tick ended runs a new tick');
  });

  it('turns a failed tick into the failure result, and ticks again afterwards', async () => {
    let fail = true;
    const { timer, failures } = timerOn(new MemoryLeaseStore(), 'a', {
      work: async () => {
        if (fail) throw new Error('store unavailable');
        return 'ran';
      },
    });
    assert.equal(await timer.runOnce(), 'failed');
    assert.match(String(failures[0]), /store unavailable/);
    fail = false;
    assert.equal(await timer.runOnce(), 'ran');
  });

  it('ticks at start and then every tickMs, until stopped', async () => {
    const { timer, ran } = timerOn(new MemoryLeaseStore(), 'a');
    timer.start();
    await clock.tickAsync(0);
    assert.equal(ran.length, 1);
    await clock.tickAsync(2_500);
    assert.equal(ran.length, 3);
    await timer.stop();
    await clock.tickAsync(5_000);
    assert.equal(ran.length, 3);
  });

  it('stops only after the tick in progress, then frees the lease', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const leases = new MemoryLeaseStore();
    const { timer } = timerOn(leases, 'a', { work: async () => (await gate, 'ran') });
    const tick = timer.runOnce();
    await clock.tickAsync(0);
    let stopped = false;
    const stopping = timer.stop().then(() => (stopped = true));
    await clock.tickAsync(0);
    assert.equal(stopped, false, 'stop waited for the tick');
    release();
    await stopping;
    assert.equal(await tick, 'ran');
    assert.equal(await leases.tryAcquire('job', 'b', 1_000, new Date()), true, 'the lease was freed');
  });
});

describe('LeasedTimer on shutdown and after a crash', () => {
  it('frees the lease without waiting for a stuck tick once the shutdown gives up, so another instance takes over at once', async () => {
    const leases = new MemoryLeaseStore();
    const stuck = new Promise<never>(() => undefined);
    const { timer: a } = timerOn(leases, 'a', { work: () => stuck });
    const { timer: b } = timerOn(leases, 'b');
    void a.runOnce();
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(await b.runOnce(), 'held elsewhere');
    const giveUp = new AbortController();
    const stopping = a.stop(giveUp.signal);
    giveUp.abort();
    await stopping;
    assert.equal(await b.runOnce(), 'ran by b', 'the other instance took over without waiting for the lease to run out');
  });

  it('keeps its lease while it lives, by renewing it between ticks', async () => {
    const clock = sinon.useFakeTimers({ now: Date.parse('2026-01-01T00:00:00Z') });
    try {
      const leases = new MemoryLeaseStore();
      const { timer: a } = timerOn(leases, 'a', { tickMs: 60_000, leaseMs: 3_000 });
      const { timer: b } = timerOn(leases, 'b', { tickMs: 60_000, leaseMs: 3_000 });
      assert.equal(await a.runOnce(), 'ran by a');
      await clock.tickAsync(10_000);
      assert.equal(await b.runOnce(), 'held elsewhere', 'renewed past its 3 s lease');
      await a.stop();
    } finally {
      clock.restore();
    }
  });

  it('after a holder was killed, ticks again as soon as its lease must have run out', async () => {
    const clock = sinon.useFakeTimers({ now: Date.parse('2026-01-01T00:00:00Z') });
    try {
      const leases = new MemoryLeaseStore();
      // The killed process: it took the lease, and nothing renews it any more.
      await leases.tryAcquire('job', 'killed', 3_000, new Date());
      const { timer, ran } = timerOn(leases, 'restarted', { tickMs: 60_000, leaseMs: 3_000 });
      timer.start();
      await clock.tickAsync(0);
      assert.equal(ran.length, 0, 'the lease was still held at start');
      await clock.tickAsync(3_200);
      assert.equal(ran.length, 1, 'ran a few seconds later, not a whole tick later');
      await timer.stop();
    } finally {
      clock.restore();
    }
  });
});
