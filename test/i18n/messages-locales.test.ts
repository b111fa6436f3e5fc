import assert from 'node:assert/strict';
import { RESOURCES } from '../../src/i18n';
import { flattenKeys } from '../cards/validate-card';

const english = RESOURCES.en.messages as unknown;
const turkish = RESOURCES.tr.messages as unknown;

function valueAt(tree: unknown, key: string): unknown {
  return key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], tree);
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{\s*([\w.]+)\s*\}\}/g)].map((match) => match[1]!).sort();
}

/** The chat texts (messages namespace) get the same checks as the cards': nothing only in one language. */
describe('messages locales', () => {
  const enKeys = flattenKeys(english).sort();
  const trKeys = flattenKeys(turkish).sort();

  it('have exactly the same keys in English and Turkish', () => {
    assert.deepEqual(trKeys.filter((key) => !enKeys.includes(key)), [], 'keys only in tr');
    assert.deepEqual(enKeys.filter((key) => !trKeys.includes(key)), [], 'keys only in en');
  });

  it('use the same {{placeholders}} for each key, and differ from English', () => {
    for (const key of enKeys) {
      const en = String(valueAt(english, key));
      const tr = String(valueAt(turkish, key));
      assert.deepEqual(placeholders(tr), placeholders(en), key);
      assert.notEqual(tr, en, `${key} is not translated`);
    }
  });
});
