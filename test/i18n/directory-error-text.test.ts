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

  it('is written once per kind: the chat messages keep no texts of their own', () => {
    for (const language of ['en', 'tr'] as const) {
      const own = Object.keys(RESOURCES[language].messages.errors).filter((key) => (DIRECTORY_ERROR_KINDS as string[]).includes(key));
      assert.deepEqual(own, [], `${language}/messages.json errors`);
    }
  });
});
