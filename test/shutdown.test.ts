import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { Drainables } from '../src/drain';
import { createLogger } from '../src/logging/logger';
import { shutDown } from '../src/shutdown';

function parts(overrides: { close?: () => Promise<void>; drainables?: Drainables } = {}) {
  const exits: number[] = [];
  const stderr: string[] = [];
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, callback) {
      lines.push(chunk.toString());
      callback();
    },
  });
  let exited!: () => void;
  const done = new Promise<void>((resolve) => (exited = resolve));
  return {
    exits,
    stderr,
    lines,
    done,
    shutdown: {
      timeoutMs: 400,
      logger: createLogger({ level: 'info', destination }),
      drainables: overrides.drainables ?? new Drainables(),
      closeServer: () => undefined,
      close: overrides.close ?? (async () => undefined),
      exit: (code: number) => {
        exits.push(code);
        exited();
      },
      stderr: (line: string) => stderr.push(line),
    },
  };
}

describe('shutDown', () => {
  it('drains, closes and exits 0 when nothing hangs', async () => {
    const drainables = new Drainables();
    let drained = false;
    drainables.register({ name: 'work', drain: async () => void (drained = true) });
    const run = parts({ drainables });
    await shutDown(run.shutdown, 'SIGTERM');
    assert.equal(drained, true);
    assert.deepEqual(run.exits, [0]);
    assert.deepEqual(run.stderr, []);
  });

  it('stops waiting for a drainable that hangs, and still exits 0 in time', async () => {
    const drainables = new Drainables();
    drainables.register({ name: 'stuck turn', drain: () => new Promise(() => undefined) });
    const run = parts({ drainables });
    await shutDown(run.shutdown, 'SIGTERM');
    assert.deepEqual(run.exits, [0]);
    assert.ok(run.lines.some((line) => line.includes('"unfinished":["stuck turn"]')));
  });

  it('exits 1 at the deadline when closing hangs (a store that never answers), saying so on stderr', async () => {
    const run = parts({ close: () => new Promise(() => undefined) });
    void shutDown(run.shutdown, 'SIGTERM');
    await run.done;
    assert.deepEqual(run.exits, [1]);
    assert.match(run.stderr.join(''), /shutdown did not finish within 0.4 s \(SHUTDOWN_TIMEOUT_SECONDS\)/);
  });
});
