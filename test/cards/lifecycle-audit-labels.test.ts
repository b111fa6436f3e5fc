import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { eventLabel } from '../../src/cards/audit-card';
import { strictTranslator } from './validate-card';

const LIFECYCLE = path.join(__dirname, '../../src/invitation/lifecycle');

/** Every audit event the lifecycle writes: the literal names, and those made from an account change's name. */
function lifecycleEvents(): string[] {
  const events = new Set<string>();
  for (const file of readdirSync(LIFECYCLE)) {
    const text = readFileSync(path.join(LIFECYCLE, file), 'utf8');
    for (const match of text.matchAll(/'((?:guest|lifecycle)\.[A-Za-z.]+)'/g)) events.add(match[1]!);
    if (text.includes('`guest.${action}.failed`')) for (const action of ['disable', 'delete', 'enable']) events.add(`guest.${action}.failed`);
  }
  return [...events].sort();
}

describe('the lifecycle audit events', () => {
  it('are found in the sources', () => {
    assert.ok(lifecycleEvents().includes('guest.disabled'));
    assert.ok(lifecycleEvents().includes('guest.enable.failed'));
  });

  for (const locale of ['en-US', 'tr-TR']) {
    it(`each have a label in ${locale}, not the raw event name`, () => {
      const t = strictTranslator(locale);
      const missing = lifecycleEvents().filter((event) => eventLabel(t, event) === event);
      assert.deepEqual(missing, []);
    });
  }
});
