import assert from 'node:assert/strict';
import { RESOURCES, translatorFor } from '../../src/i18n';
import { describeDirectoryError, directoryErrorText } from '../../src/i18n/labels';
import { DirectoryError } from '../../src/invitation/directory-error';
import { DIRECTORY_ERROR_KINDS } from '../support/directory-error-kinds';

describe('a directory error in words', () => {
  for (const language of ['en', 'tr'] as const) {
    const t = translatorFor(language);

    it(`reads the same in a chat message as on a card (${language})`, () => {
      for (const kind of DIRECTORY_ERROR_KINDS) {
        const card = directoryErrorText(t, kind);
        assert.doesNotMatch(card, /directoryError/, `${kind} has a text`);
        assert.equal(describeDirectoryError(t, new DirectoryError(kind, 'from the gateway')), card, kind);
      }
    });

    it(`adds Graph's request id for the administrator (${language})`, () => {
      const text = describeDirectoryError(t, new DirectoryError('unavailable', 'down', 'graph-request-7'));
      assert.ok(text.startsWith(directoryErrorText(t, 'unavailable')), text);
      assert.match(text, /graph-request-7/);
    });
  }

  it("names what a reset needs where the kind's own words speak of inviting, with the request id, beside the other kinds' texts", () => {
    for (const language of ['en', 'tr'] as const) {
      const t = translatorFor(language);
      for (const kind of ['insufficientPrivileges', 'inviterNotAllowed'] as const) {
        const text = describeDirectoryError(t, new DirectoryError(kind, 'refused', 'graph-request-9'), 'reset');
        assert.notEqual(directoryErrorText(t, kind, 'reset'), directoryErrorText(t, kind), `${language}: ${kind} has its reset wording`);
        assert.ok(text.startsWith(directoryErrorText(t, kind, 'reset')), text);
        assert.match(text, /graph-request-9/, 'the administrator still gets the request id');
      }
      // Kinds with nothing reset-specific to say read as everywhere else.
      assert.equal(directoryErrorText(t, 'throttled', 'reset'), directoryErrorText(t, 'throttled'));
    }
    assert.match(directoryErrorText(translatorFor('en'), 'insufficientPrivileges', 'reset'), /User\.ReadWrite\.All/);
  });

  it('keeps every operation wording with the kinds, and none in the messages', () => {
    for (const language of ['en', 'tr'] as const) {
      const kinds = Object.keys(RESOURCES[language].cards.common.directoryError);
      for (const key of kinds) assert.ok((DIRECTORY_ERROR_KINDS as string[]).includes(key.split('_')[0]!), `${language}: ${key} is a kind's text`);
      const reset = RESOURCES[language].messages.reset as Record<string, unknown>;
      assert.deepEqual(Object.keys(reset).filter((key) => (DIRECTORY_ERROR_KINDS as string[]).includes(key)), [], `${language}/messages.json reset`);
    }
  });

  it('is written once per kind: the chat messages keep no texts of their own', () => {
    for (const language of ['en', 'tr'] as const) {
      const own = Object.keys(RESOURCES[language].messages.errors).filter((key) => (DIRECTORY_ERROR_KINDS as string[]).includes(key));
      assert.deepEqual(own, [], `${language}/messages.json errors`);
    }
  });
});
