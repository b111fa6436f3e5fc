import assert from 'node:assert/strict';
import { closeSync, mkdtempSync, openSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LogDestination } from '../../src/logging/log-destination';
import { createLogger } from '../../src/logging/logger';

const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

describe('LogDestination', () => {
  it('writes the lines it is given', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'guestpass-log-')), 'out.log');
    const destination = new LogDestination(openSync(path, 'w'));
    const logger = createLogger({ level: 'info', destination });
    logger.info({ requestId: 'R1' }, 'first');
    logger.info('second');
    await new Promise<void>((resolve) => destination.flush(() => resolve()));
    const lines = readFileSync(path, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { msg: string });
    assert.deepEqual(lines.map((line) => line.msg), ['first', 'second']);
  });

  it('reports a failing destination once on stderr, then drops lines without throwing or blocking', async () => {
    const fd = openSync(join(mkdtempSync(join(tmpdir(), 'guestpass-log-')), 'gone.log'), 'w');
    const reports: string[] = [];
    const destination = new LogDestination(fd, (line) => reports.push(line));
    const logger = createLogger({ level: 'info', destination });
    closeSync(fd); // the reader went away: every write fails from now on
    logger.info('lost');
    await settle();
    for (let i = 0; i < 100; i++) logger.info({ i }, 'also lost');
    await new Promise<void>((resolve) => destination.flush(() => resolve()));
    await settle();
    assert.equal(reports.length, 1, reports.join(''));
    assert.match(reports[0]!, /writing the log failed \(EBADF\); further log lines are dropped/);
    assert.equal(destination.healthy, false);
  });
});
