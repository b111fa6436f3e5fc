import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { sourceFiles } from '../support/source-files';

const SRC = resolve(__dirname, '../../src');

/** The marks of a cache that evicts by hand: dropping a Map's first (oldest) key, or a size check before a set. */
const HAND_WRITTEN_EVICTION = [
  /\.keys\(\)\.next\(\)\.value/,
  /\.size\s*>=?\s*[A-Z_]+\)\s*this\.\w+\.delete/,
  /\.size\s*<\s*[A-Z_]+\)\s*\w+\.set/,
  // A sweep of expired entries: `for (const [key, entry] of this.entries) if (entry.expiresAt <= now) this.entries.delete(key)`.
  /for \(const \[\w+, \w+\] of this\.\w+\)\s*(?:\{\s*)?if \([^)]*\)\s*this\.\w+\.delete/,
];

describe('caches', () => {
  it('all evict through the one library (lru-cache, in src/bounded-cache.ts), none by hand', () => {
    const found = sourceFiles(SRC).flatMap((file) => {
      const text = readFileSync(file, 'utf8');
      return HAND_WRITTEN_EVICTION.some((mark) => mark.test(text)) ? [relative(SRC, file)] : [];
    });
    assert.deepEqual(found, []);
  });
});
