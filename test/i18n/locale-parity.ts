import assert from 'node:assert/strict';
import { RESOURCES } from '../../src/i18n';
import { flattenKeys } from '../cards/validate-card';

export type Namespace = keyof (typeof RESOURCES)['en'];

export function valueAt(tree: unknown, key: string): unknown {
  return key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], tree);
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{\s*([\w.]+)\s*\}\}/g)].map((match) => match[1]!).sort();
}

/** The dotted keys of one namespace, in English and Turkish. */
export function localeKeys(namespace: Namespace): { en: string[]; tr: string[] } {
  return { en: flattenKeys(RESOURCES.en[namespace]).sort(), tr: flattenKeys(RESOURCES.tr[namespace]).sort() };
}

/**
 * The checks every resource namespace gets: nothing only in one language, no empty text, the same
 * {{placeholders}} in both, both plural forms, and Turkish written with its own letters.
 */
export function describeLocaleParity(namespace: Namespace): void {
  describe(`the ${namespace} texts in English and Turkish`, () => {
    const english = RESOURCES.en[namespace] as unknown;
    const turkish = RESOURCES.tr[namespace] as unknown;
    const { en: enKeys, tr: trKeys } = localeKeys(namespace);

    it('have exactly the same keys', () => {
      assert.deepEqual(trKeys.filter((key) => !enKeys.includes(key)), [], 'keys only in tr');
      assert.deepEqual(enKeys.filter((key) => !trKeys.includes(key)), [], 'keys only in en');
    });

    it('have no empty or non-string values', () => {
      for (const [language, tree, keys] of [['en', english, enKeys], ['tr', turkish, trKeys]] as const) {
        for (const key of keys) {
          const value = valueAt(tree, key);
          assert.ok(typeof value === 'string' && value.trim() !== '', `${language}: ${key} is empty or not a string`);
        }
      }
    });

    it('use the same {{placeholders}} for each key', () => {
      for (const key of enKeys) {
        // A plural's "one" form may spell the number out instead of using {{count}}.
        const [en, tr] = [valueAt(english, key), valueAt(turkish, key)].map((text) => {
          const slots = placeholders(String(text));
          return key.endsWith('_one') ? slots.filter((slot) => slot !== 'count') : slots;
        });
        assert.deepEqual(tr, en, key);
      }
    });

    it('give every counted text both plural forms', () => {
      for (const key of enKeys.filter((k) => /_(one|other)$/.test(k))) {
        const stem = key.replace(/_(one|other)$/, '');
        assert.ok(enKeys.includes(`${stem}_one`) && enKeys.includes(`${stem}_other`), stem);
      }
    });

    it('write Turkish with its own letters', () => {
      const text = trKeys.map((key) => String(valueAt(turkish, key))).join(' ');
      for (const letter of ['ç', 'ğ', 'ı', 'İ', 'ö', 'ş', 'ü']) assert.ok(text.includes(letter), letter);
    });
  });
}
