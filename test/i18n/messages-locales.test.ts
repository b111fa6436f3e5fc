import assert from 'node:assert/strict';
import { RESOURCES } from '../../src/i18n';
import { describeLocaleParity, localeKeys, valueAt } from './locale-parity';

describeLocaleParity('messages');

describe('the chat messages in Turkish', () => {
  it('are translated, not copied from English', () => {
    for (const key of localeKeys('messages').en) {
      assert.notEqual(String(valueAt(RESOURCES.tr.messages, key)), String(valueAt(RESOURCES.en.messages, key)), `${key} is not translated`);
    }
  });
});
