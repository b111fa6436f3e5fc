import assert from 'node:assert/strict';
import sinon from 'sinon';
import { GraphRequestPacer } from '../../src/graph/graph-request-pacer';

/** Lets the limiter's timers run a while (it starts requests from timers). */
const settle = async (rounds: number) => {
  for (let i = 0; i < rounds; i++) await new Promise((resolve) => setTimeout(resolve, 5));
};

describe('GraphRequestPacer', () => {
  it('runs every request, never more at once than allowed, and passes results and errors through', async () => {
    const pacer = new GraphRequestPacer({ maxConcurrent: 2, minTimeMs: 0 });
    let running = 0;
    let most = 0;
    let started = 0;
    pacer.onStart(() => started++);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const request = (value: number) => async () => {
      running++;
      most = Math.max(most, running);
      await gate;
      running--;
      return value;
    };
    const results = Promise.all([1, 2, 3, 4, 5, 6].map((value) => pacer.pace(request(value))));
    await settle(20);
    assert.deepEqual([running, started], [2, 2], 'two in flight, the others wait');
    release();
    assert.deepEqual(await results, [1, 2, 3, 4, 5, 6]);
    assert.deepEqual([most, started], [2, 6]);
    await assert.rejects(pacer.pace(async () => Promise.reject(new Error('refused'))), /refused/);
    await pacer.close();
  });
});

describe('GraphRequestPacer after Graph throttled', () => {
  let clock: sinon.SinonFakeTimers;
  let pacer: GraphRequestPacer;
  let started: number[];
  beforeEach(() => {
    clock = sinon.useFakeTimers({ now: 1_000_000 });
    pacer = new GraphRequestPacer({ maxConcurrent: 4, minTimeMs: 100 });
    started = [];
  });
  afterEach(async () => {
    await Promise.race([pacer.close(), clock.tickAsync(10)]);
    clock.restore();
  });

  const throttled = (headers?: Record<string, string>) => Object.assign(new Error('Too many requests'), { statusCode: 429, headers: new Headers(headers) });
  const request = async () => {
    started.push(Date.now());
    return 'done';
  };

  it('starts nothing else for as long as the 429 asked (Retry-After)', async () => {
    const refused = pacer.pace(() => Promise.reject(throttled({ 'Retry-After': '30' })));
    await Promise.all([assert.rejects(refused, { statusCode: 429 }), clock.tickAsync(10)]);
    const after = Date.now();
    const later = [pacer.pace(request), pacer.pace(request)];
    await clock.tickAsync(29_000);
    assert.deepEqual(started, [], 'nothing starts during the pause');
    await clock.tickAsync(1_500);
    assert.deepEqual(await Promise.all(later), ['done', 'done']);
    assert.ok(started.every((at) => at >= after + 29_990), `started ${started.map((at) => at - after).join(', ')} ms after the 429`);
  });

  it('pauses ten seconds after a 429 without Retry-After, and not at all after other failures', async () => {
    await Promise.all([assert.rejects(pacer.pace(() => Promise.reject(Object.assign(new Error('down'), { statusCode: 503 })))), clock.tickAsync(10)]);
    const next = pacer.pace(request);
    await clock.tickAsync(200);
    assert.equal(await next, 'done');
    assert.equal(started.length, 1, 'a 503 does not pause');
    await Promise.all([assert.rejects(pacer.pace(() => Promise.reject(throttled()))), clock.tickAsync(200)]);
    const after = Date.now();
    const paused = pacer.pace(request);
    await clock.tickAsync(9_500);
    assert.equal(started.length, 1);
    await clock.tickAsync(1_000);
    await paused;
    assert.ok(started[1]! >= after + 9_790, `started ${started[1]! - after} ms after the 429`);
  });

  it('lets requests asleep in a pause go at close, refused', async () => {
    await Promise.all([assert.rejects(pacer.pace(() => Promise.reject(throttled({ 'Retry-After': '120' })))), clock.tickAsync(10)]);
    const paused = pacer.pace(request);
    await clock.tickAsync(200);
    const closed = pacer.close();
    await Promise.all([assert.rejects(paused, /closed/), clock.tickAsync(10)]);
    await closed;
    assert.deepEqual(started, []);
  });
});
