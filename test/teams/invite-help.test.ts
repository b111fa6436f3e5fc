import assert from 'node:assert/strict';
import { INVITE_OPTION_NAMES, inviteCommand } from '../../src/teams/handlers/invite-command';

describe('invite options in help', () => {
  it('lists every option the invite command accepts, and none it does not', () => {
    const listed = (inviteCommand.help[0]?.options ?? []).map((option) => option.usage.split(/\s/)[0]!.replace(/^--/, ''));
    assert.deepEqual([...listed].sort(), [...INVITE_OPTION_NAMES].sort());
  });
});
