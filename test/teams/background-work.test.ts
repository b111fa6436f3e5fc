import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { createLogger } from '../../src/logging/logger';
import { BackgroundWork } from '../../src/teams/background-work';

function logged(): { lines: string[]; work: BackgroundWork } {
  const lines: string[] = [];
  const destination = new Writable({
    write: (chunk, _encoding, callback) => {
      lines.push(chunk.toString());
      callback();
    },
  });
  return { lines, work: new BackgroundWork(createLogger({ level: 'info', destination })) };
}

describe('BackgroundWork', () => {
  it('returns at once and lets a shutdown wait for the work, and for work it started meanwhile', async () => {
    const { work } = logged();
    const done: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    work.start('first', async () => {
      await gate;
      work.start('second', async () => {
        await new Promise((resolve) => setImmediate(resolve));
        done.push('second');
      });
      done.push('first');
    });
    assert.equal(work.size, 1);
    assert.deepEqual(done, [], 'start does not wait');
    const idle = work.idle();
    release();
    await idle;
    assert.deepEqual(done, ['first', 'second']);
    assert.equal(work.size, 0);
  });

  it('logs a failure instead of throwing it, and stops waiting after the grace period', async () => {
    const { lines, work } = logged();
    work.start('broken', async () => {
      throw new Error('boom');
    });
    await work.idle();
    assert.match(lines.join(''), /background work failed.*|"work":"broken"/);
    work.start('stuck', () => new Promise(() => undefined));
    await work.idle(20);
    assert.equal(work.size, 1, 'still running, but the shutdown went on');
    assert.match(lines.at(-1) ?? '', /still running at shutdown/);
  });
});
