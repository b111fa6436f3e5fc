import assert from 'node:assert/strict';
import { cardProblems, strictTranslator } from './validate-card';

/** The card checks are only worth something if they fail on bad cards: each rule is shown to bite once. */
describe('the card validator', () => {
  const good = { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: 'Hello', wrap: true }] };
  const withBody = (...body: object[]) => ({ ...good, body });

  it('accepts a plain card', () => {
    assert.deepEqual(cardProblems(good), []);
  });

  it('rejects another version, unknown or newer elements, unknown actions and bad enum values', () => {
    assert.ok(cardProblems({ ...good, version: '1.6' }).some((p) => /version is 1\.6/.test(p)));
    assert.ok(cardProblems(withBody({ type: 'Bogus' })).some((p) => /Unknown element type/.test(p)));
    assert.ok(cardProblems(withBody({ type: 'Carousel', pages: [] })).some((p) => /Carousel is not in Adaptive Cards 1\.5/.test(p)));
    assert.ok(cardProblems({ ...good, actions: [{ type: 'Action.Bogus', title: 'x' }] }).some((p) => /Unknown action type/.test(p)));
    assert.ok(cardProblems(withBody({ type: 'TextBlock', text: 'x', color: 'purple' })).some((p) => /Invalid value "purple"/.test(p)));
  });

  it('rejects duplicate input ids, also across show-cards, and required inputs without a label', () => {
    const reasonCard = (verb: string) => ({
      type: 'Action.ShowCard',
      title: 'Reject',
      card: { type: 'AdaptiveCard', body: [{ type: 'Input.Text', id: 'reason' }], actions: [{ type: 'Action.Execute', verb, title: 'x', data: {} }] },
    });
    assert.ok(cardProblems({ ...good, actions: [reasonCard('a'), reasonCard('b')] }).some((p) => /"reason" used 2 times/.test(p)));
    assert.ok(cardProblems(withBody({ type: 'Input.Text', id: 'x', isRequired: true })).some((p) => /label/.test(p)));
  });

  it('rejects an Action.Execute without a verb or data', () => {
    const problems = cardProblems({ ...good, actions: [{ type: 'Action.Execute', title: 'Go' }] });
    assert.ok(problems.some((p) => /without a verb/.test(p)));
    assert.ok(problems.some((p) => /without data/.test(p)));
  });

  it('rejects unfilled placeholders and untranslated keys', () => {
    assert.ok(cardProblems(withBody({ type: 'TextBlock', text: 'Hi {{name}}' })).some((p) => /placeholder/.test(p)));
    assert.ok(cardProblems(withBody({ type: 'TextBlock', text: 'form.title' })).some((p) => /untranslated/.test(p)));
    assert.ok(cardProblems(withBody({ type: 'TextBlock', text: 'cards:nothing.here' })).some((p) => /untranslated/.test(p)));
    assert.deepEqual(cardProblems(withBody({ type: 'TextBlock', text: 'request.created' })), [], 'raw event names are fine');
  });

  it('has a strict translator that refuses keys missing from the locale itself', () => {
    assert.equal(strictTranslator('tr-TR')('cards:form.submit'), 'Davet et');
    assert.throws(() => strictTranslator('tr-TR')('cards:form.nothing'), /missing tr translation: cards:form\.nothing/);
    assert.equal(strictTranslator('en-US')('cards:list.count', { count: 1 }), 'One request');
  });
});
