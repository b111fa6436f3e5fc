import assert from 'node:assert/strict';
import { normalizeObjectId, sameObjectId } from '../../src/invitation/object-id';

describe('object ids', () => {
  const lower = '48d31887-5fad-4d73-a9f5-3c356e68a038';

  it('are the same person whatever the case or surrounding spaces', () => {
    assert.equal(sameObjectId(lower, lower.toUpperCase()), true);
    assert.equal(sameObjectId(` ${lower.toUpperCase()}`, lower), true);
    assert.equal(normalizeObjectId(` ${lower.toUpperCase()} `), lower);
  });

  it('differ when the GUIDs differ, and nothing matches a missing or empty id', () => {
    assert.equal(sameObjectId(lower, '48d31887-5fad-4d73-a9f5-3c356e68a039'), false);
    assert.equal(sameObjectId(undefined, lower), false);
    assert.equal(sameObjectId(lower, undefined), false);
    assert.equal(sameObjectId('', ''), false);
  });
});
