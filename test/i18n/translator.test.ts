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
