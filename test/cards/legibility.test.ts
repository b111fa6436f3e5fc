import assert from 'node:assert/strict';
import { HostConfig } from 'adaptivecards';
import { CARD_LOCALE_FIELD } from '../../src/cards/elements';
import { languageOf } from '../../src/i18n';
import { findAll, LOCALES, strictTranslator } from './validate-card';
import { VARIANTS } from './variants';

/**
 * What makes a card readable in Teams beyond being valid, checked on every variant in every language: state
 * colors that keep their contrast, text that wraps, fact labels that fit, buttons that keep the card's language.
 */

/** Teams' width for a FactSet's label column, as in the Adaptive Cards SDK's default host configuration. */
const FACT_TITLE_WIDTH_PX = new HostConfig({}).factSet.title.maxWidth ?? 150;
/**
 * A bold label at the larger font Teams mobile uses is about 10 px a character: a cautious estimate (narrow
 * letters make real lines longer), enough to catch a label that would stack up word by word.
 */
const FACT_TITLE_CHARS_PER_LINE = Math.floor(FACT_TITLE_WIDTH_PX / 10);

/** Lines a label takes when wrapped at word boundaries. */
function linesOf(text: string, perLine: number): number {
  let lines = 1;
  let used = 0;
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const needed = used === 0 ? word.length : used + 1 + word.length;
    if (needed <= perLine) used = needed;
    else {
      lines += 1 + Math.floor((word.length - 1) / perLine);
      used = word.length % perLine || perLine;
    }
  }
  return lines;
}

describe('card legibility', () => {
  for (const locale of LOCALES) {
    describe(`in ${locale}`, () => {
      const t = strictTranslator(locale);
      const cards = Object.entries(VARIANTS).map(([name, render]) => [name, render(t)] as const);

      it('no state is shown as yellow or light-green text on white', () => {
        for (const [name, card] of cards) {
          for (const block of findAll(card, 'TextBlock')) {
            assert.ok(block.color !== 'warning' && block.color !== 'good', `${name}: "${String(block.text)}" is ${String(block.color)} text`);
          }
        }
      });

      it('every text, choice and toggle wraps, so long names and addresses are never cut off', () => {
        for (const [name, card] of cards) {
          for (const type of ['TextBlock', 'Input.ChoiceSet', 'Input.Toggle']) {
            for (const element of findAll(card, type)) {
              assert.equal(element.wrap, true, `${name}: ${type} ${JSON.stringify(element.text ?? element.id)} does not wrap`);
              assert.equal(element.maxLines, undefined, `${name}: ${type} is cut after some lines`);
            }
          }
        }
      });

      it(`fact labels fit in two lines of the ${FACT_TITLE_WIDTH_PX} px label column`, () => {
        for (const [name, card] of cards) {
          for (const factSet of findAll(card, 'FactSet')) {
            for (const fact of factSet.facts as { title: string }[]) {
              assert.ok(linesOf(fact.title, FACT_TITLE_CHARS_PER_LINE) <= 2, `${name}: "${fact.title}" takes three lines or more`);
            }
          }
        }
      });

      it("every button carries the card's language", () => {
        for (const [name, card] of cards) {
          // A Universal Actions refresh is Teams asking for the viewer's own view, in the viewer's language.
          for (const action of findAll({ ...card, refresh: undefined }, 'Action.Execute')) {
            const data = action.data as Record<string, unknown>;
            assert.equal(data[CARD_LOCALE_FIELD], languageOf(locale), `${name}: ${String(action.verb)}`);
          }
        }
      });
    });
  }

  it('the label estimate counts lines as words wrap', () => {
    assert.equal(linesOf('Invited through GuestPass by', 15), 2);
    assert.equal(linesOf('Karar verilmezse sona erme tarihi', 15), 3);
    assert.equal(linesOf('Email', 15), 1);
  });
});
