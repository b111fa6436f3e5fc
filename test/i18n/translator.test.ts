import assert from 'node:assert/strict';
import { RESOURCES, translatorFor } from '../../src/i18n';

describe('translatorFor', () => {
  it('answers in the locale’s language, falling back to English', () => {
    assert.equal(translatorFor('tr-TR')('foreignTenant'), RESOURCES.tr.messages.foreignTenant);
    assert.equal(translatorFor('de-DE')('foreignTenant'), RESOURCES.en.messages.foreignTenant);
    assert.equal(translatorFor(undefined)('foreignTenant'), RESOURCES.en.messages.foreignTenant);
  });

  it('gives the same text for a key without parameters every time, per language', () => {
    const en = translatorFor('en-US');
    const tr = translatorFor('tr');
    assert.equal(en('cards:form.title'), en('cards:form.title'));
    assert.equal(tr('cards:form.title'), RESOURCES.tr.cards.form.title);
    assert.notEqual(tr('cards:form.title'), en('cards:form.title'));
  });

  it('interpolates parameters afresh on each call, even after the key was used without them', () => {
    const t = translatorFor('en');
    const bare = t('status.notFound');
    assert.match(t('status.notFound', { email: 'a@fabrikam.com' }), /a@fabrikam\.com/);
    assert.match(t('status.notFound', { email: 'b@fabrikam.com' }), /b@fabrikam\.com/);
    assert.equal(t('status.notFound'), bare);
  });
});

describe('translatorFor: interpolated texts', () => {
  /** Every text of a language, by full key (`cards:form.title`), with the names it interpolates. */
  function textsOf(language: keyof typeof RESOURCES): { key: string; names: string[] }[] {
    const texts: { key: string; names: string[] }[] = [];
    const walk = (namespace: string, path: string[], node: unknown): void => {
      if (typeof node === 'string') {
        const names = [...node.matchAll(/{{\s*(\w+)\s*}}/g)].map((match) => match[1]!);
        texts.push({ key: `${namespace}:${path.join('.')}`, names });
      } else if (node && typeof node === 'object') {
        for (const [name, child] of Object.entries(node)) walk(namespace, [...path, name], child);
      }
    };
    for (const [namespace, resources] of Object.entries(RESOURCES[language])) walk(namespace, [], resources);
    return texts;
  }

  // Values a person or Graph may supply: replacement patterns, a placeholder-like NUL, digits.
  const tricky = ['jane$&doe@fabrikam.com', '$1 $`', 'a\u0000email\u0000b', 'Ayşe Öztürk', '42'];

  for (const language of ['en', 'tr'] as const) {
    it(`renders every ${language} text with parameters exactly as i18next does, every time`, () => {
      const t = translatorFor(language);
      const texts = textsOf(language).filter(({ names }) => names.length > 0 && !names.includes('count'));
      assert.ok(texts.length > 100, `${texts.length} texts with parameters`);
      for (const [round, value] of tricky.entries()) {
        for (const { key, names } of texts) {
          // A trailing `_member` is a context variant: the base key with that context.
          const [base, context] = key.endsWith('_member') ? [key.slice(0, -'_member'.length), 'member'] : [key, undefined];
          const params: Record<string, unknown> = Object.fromEntries(names.map((name, index) => [name, index % 2 ? round : `${value}-${name}`]));
          if (context) params.context = context;
          // An object among the parameters sends the call straight to i18next: the reference rendering.
          const expected = t(base, { ...params, reference: {} });
          assert.equal(t(base, params), expected, `${language} ${key} with ${JSON.stringify(params)}`);
        }
      }
    });
  }

  it('renders a text given some of its names, then all, then another context, each as i18next does', () => {
    // The remembered rendering depends on which names a call gives and on its context, and on nothing else.
    const t = translatorFor('en');
    const key = 'resend.guestLimited';
    const calls: Record<string, unknown>[] = [
      { email: 'eve@fabrikam.com' },
      { email: 'eve@fabrikam.com', name: 'Eve', next: 'soon' },
      { name: 'Eve' },
      { email: 'eve@fabrikam.com', name: 'Eve', next: 'soon', context: 'member' },
      { email: 'eve@fabrikam.com', name: 'Eve', next: 'soon', context: 7 },
      { email: 'eve@fabrikam.com', name: 'Eve', next: 'soon', context: '' },
      { email: 'eve@fabrikam.com', name: 'Eve', next: 'soon', lng: 'tr' },
      { email: 'eve@fabrikam.com', name: 'Eve', next: 7 },
    ];
    for (const params of calls) assert.equal(t(key, params), t(key, { ...params, reference: {} }), JSON.stringify(params));
  });

  it('finds in the locale files only what a remembered rendering may hold: plain {{name}}s, no nesting, no option names', () => {
    // A format (`{{n, number}}`), a nested `$t(…)` or a name i18next reads as an option would make a text depend on
    // a value, and its remembered rendering wrong.
    const options = new Set(['lng', 'lngs', 'ns', 'defaultValue', 'ordinal', 'context', 'replace', 'postProcess', 'returnObjects', 'returnDetails', 'joinArrays', 'interpolation', 'keySeparator', 'nsSeparator', 'fallbackLng']);
    for (const language of ['en', 'tr'] as const) {
      const json = JSON.stringify(RESOURCES[language]);
      assert.doesNotMatch(json, /\$t\(/, `${language}: nesting`);
      for (const [placeholder] of json.matchAll(/{{[^}]*}}/g)) {
        assert.match(placeholder, /^{{\w+}}$/, `${language}: ${placeholder}`);
        assert.ok(!options.has(placeholder.slice(2, -2)), `${language}: ${placeholder} is an i18next option`);
      }
    }
  });

  it('shows a value that looks like a placeholder as it was written', () => {
    // i18next alone interpolates again inside an inserted value: a display name could rewrite the text around it.
    const t = translatorFor('en');
    const text = t('resend.guestLimited', { name: 'Eve {{email}}', email: 'eve@fabrikam.com', next: 'soon' });
    assert.match(text, /Eve \{\{email\}\}/);
    assert.match(text, /eve@fabrikam\.com/);
  });

  it('still picks plural forms by count and variants by context', () => {
    const t = translatorFor('en');
    const texts = textsOf('en');
    const plural = texts.find(({ key }) => key.endsWith('_one') && texts.some((other) => other.key === key.replace(/_one$/, '_other')));
    assert.ok(plural, 'a text with plural forms');
    const base = plural.key.replace(/_one$/, '');
    assert.notEqual(t(base, { count: 1 }), t(base, { count: 2 }));
    const variant = texts.find(({ key, names }) => key.endsWith('_member') && names.length > 0);
    assert.ok(variant, 'a text with a member variant');
    const key = variant.key.replace(/_member$/, '');
    const params = Object.fromEntries(variant.names.map((name) => [name, 'x@fabrikam.com']));
    assert.notEqual(t(key, { ...params, context: 'member' }), t(key, params));
    assert.equal(t(key, { ...params, context: 'member' }), t(key, { ...params, context: 'member', reference: {} }));
  });
});
