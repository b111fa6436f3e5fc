import assert from 'node:assert/strict';
import { MAX_RESULT_FILES, RESULT_FILE_MINUTES, ResultFiles } from '../../../src/teams/bulk/result-files';

const file = (requesterId: string) => ({ fileName: 'result.csv', content: new Uint8Array([1, 2, 3]), requesterId });

describe('ResultFiles', () => {
  it('gives a kept file to its recipient only, until dropped', () => {
    const files = new ResultFiles();
    const id = files.keep(file('megan'));
    assert.equal(files.get(id, 'adele'), undefined);
    assert.equal(files.get(id, 'megan')?.fileName, 'result.csv');
    files.drop(id);
    assert.equal(files.get(id, 'megan'), undefined);
  });

  it('forgets a file an hour after it was kept', () => {
    let now = 0;
    const files = new ResultFiles(() => now);
    const id = files.keep(file('megan'));
    now = RESULT_FILE_MINUTES * 60_000 - 1;
    assert.ok(files.get(id, 'megan'));
    now = RESULT_FILE_MINUTES * 60_000 + 1;
    assert.equal(files.get(id, 'megan'), undefined);
  });

  it('holds at most MAX_RESULT_FILES in memory, the oldest dropped first', () => {
    const files = new ResultFiles();
    const first = files.keep(file('megan'));
    for (let index = 0; index < MAX_RESULT_FILES; index++) files.keep(file('megan'));
    assert.equal(files.get(first, 'megan'), undefined);
  });
});
