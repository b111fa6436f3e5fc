import assert from 'node:assert/strict';
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
