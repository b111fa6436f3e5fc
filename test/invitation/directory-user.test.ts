import assert from 'node:assert/strict';
import { normalizeExternalUserState } from '../../src/invitation/directory-user';

describe('normalizeExternalUserState', () => {
  it('reads the state with or without a space, in any case', () => {
    assert.equal(normalizeExternalUserState('PendingAcceptance'), 'PendingAcceptance');
    assert.equal(normalizeExternalUserState('Pending Acceptance'), 'PendingAcceptance');
    assert.equal(normalizeExternalUserState('pendingacceptance'), 'PendingAcceptance');
    assert.equal(normalizeExternalUserState('Accepted'), 'Accepted');
  });

  it('keeps null for users who were never invited, and unknown values out', () => {
    assert.equal(normalizeExternalUserState(null), null);
    assert.equal(normalizeExternalUserState(undefined), null);
    assert.equal(normalizeExternalUserState('Something'), null);
  });
});
