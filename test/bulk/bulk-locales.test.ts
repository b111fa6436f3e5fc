import assert from 'node:assert/strict';
import { RESOURCES } from '../../src/i18n';
import { flattenKeys } from '../cards/validate-card';

const english = RESOURCES.en.bulk as unknown;
const turkish = RESOURCES.tr.bulk as unknown;

function valueAt(tree: unknown, key: string): unknown {
  return key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], tree);
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{\s*([\w.]+)\s*\}\}/g)].map((match) => match[1]!).sort();
}

describe('the bulk namespace in English and Turkish', () => {
  const enKeys = flattenKeys(english).sort();
  const trKeys = flattenKeys(turkish).sort();

  it('has the same keys in both languages', () => {
    assert.deepEqual(trKeys, enKeys);
  });

  it('has no empty text, and the same {{placeholders}} for each key', () => {
    for (const key of enKeys) {
      const en = valueAt(english, key);
      const tr = valueAt(turkish, key);
      assert.ok(typeof en === 'string' && en.trim() !== '' && typeof tr === 'string' && tr.trim() !== '', key);
      // A plural's "one" form may spell the number out instead of using {{count}}.
      const [enSlots, trSlots] = [placeholders(en), placeholders(tr)].map((slots) => (key.endsWith('_one') ? slots.filter((s) => s !== 'count') : slots));
      assert.deepEqual(trSlots, enSlots, key);
    }
  });

  it('gives every counted text both plural forms', () => {
    for (const key of enKeys.filter((k) => /_(one|other)$/.test(k))) {
      const stem = key.replace(/_(one|other)$/, '');
      assert.ok(enKeys.includes(`${stem}_one`) && enKeys.includes(`${stem}_other`), stem);
    }
  });

  it('writes Turkish with its own letters', () => {
    const text = trKeys.map((key) => String(valueAt(turkish, key))).join(' ');
    for (const letter of ['ç', 'ğ', 'ı', 'İ', 'ö', 'ş', 'ü']) assert.ok(text.includes(letter), letter);
  });
});
