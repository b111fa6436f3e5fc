import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { claimOnce } from '../../src/invitation/one-time-claim';
import { createMemoryStore, openSqliteStore } from '../../src/storage';

const NOW = new Date('2026-02-01T10:00:00.000Z');

describe('claimOnce', () => {
  it('of many concurrent claims of one key, exactly one wins', async () => {
    const { state } = createMemoryStore();
    const claims = await Promise.all(Array.from({ length: 10 }, () => claimOnce(state, 'reset:once:a:Accepted@1', NOW)));
    assert.equal(claims.filter((claim) => claim.kind === 'claimed').length, 1);
    assert.ok(claims.filter((claim) => claim.kind === 'used').every((claim) => claim.kind === 'used' && claim.at === NOW.toISOString()));
  });

  it('other keys are claimed on their own', async () => {
    const { state } = createMemoryStore();
    assert.equal((await claimOnce(state, 'reset:once:a:Accepted@1', NOW)).kind, 'claimed');
    assert.equal((await claimOnce(state, 'reset:once:a:Accepted@2', NOW)).kind, 'claimed');
    assert.equal((await claimOnce(state, 'reset:once:b:Accepted@1', NOW)).kind, 'claimed');
  });

  it('a released claim can be taken again, once', async () => {
    const { state } = createMemoryStore();
    const first = await claimOnce(state, 'k', NOW);
    assert.ok(first.kind === 'claimed');
    await first.release();
    const [again, racing] = await Promise.all([claimOnce(state, 'k', NOW), claimOnce(state, 'k', NOW)]);
    assert.deepEqual([again.kind, racing.kind].sort(), ['claimed', 'used']);
  });

  it('holds across a restart of a durable store', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'guestpass-once-'));
    try {
      const before = openSqliteStore(join(dir, 'guestpass.sqlite'));
      assert.equal((await claimOnce(before.state, 'k', NOW)).kind, 'claimed');
      await before.close();
      const after = openSqliteStore(join(dir, 'guestpass.sqlite'));
      assert.equal((await claimOnce(after.state, 'k', NOW)).kind, 'used');
      await after.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
