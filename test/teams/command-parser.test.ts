import assert from 'node:assert/strict';
import { isCommandOf, parseCommand, splitArguments } from '../../src/teams/command-parser';
import { usageErrorCommand } from '../../src/teams/handlers/help-command';
import { inviteCommand } from '../../src/teams/handlers/invite-command';
import { plainText } from '../../src/teams/message-text';

describe('parseCommand', () => {
  it('reads an invite with a display name and every option', () => {
    assert.deepEqual(
      parseCommand('invite jane@fabrikam.com Jane Q. Doe --no-email --message "Welcome to the project" --cc pm@contoso.com --redirect https://portal.contoso.com --lang tr-TR --member'),
      {
        name: 'invite',
        draft: {
          email: 'jane@fabrikam.com',
          displayName: 'Jane Q. Doe',
          customMessage: 'Welcome to the project',
          ccRecipient: 'pm@contoso.com',
          redirectUrl: 'https://portal.contoso.com',
          messageLanguage: 'tr-TR',
          sendEmail: false,
          userType: 'Member',
        },
      },
    );
  });

  it('keeps apostrophes in addresses and names', () => {
    const parsed = parseCommand("invite o'brien@fabrikam.com Seán O'Brien");
    assert.ok(isCommandOf(parsed, inviteCommand));
    assert.equal(parsed.draft.email, "o'brien@fabrikam.com");
    assert.equal(parsed.draft.displayName, "Seán O'Brien");
  });

  it('opens the form for a bare invite, and is case-insensitive about the command', () => {
    assert.deepEqual(parseCommand('INVITE'), { name: 'inviteForm' });
    assert.deepEqual(parseCommand('Status jane@fabrikam.com'), { name: 'status', query: 'jane@fabrikam.com' });
  });

  it('reports usage problems instead of guessing', () => {
    assert.deepEqual(parseCommand('invite a@b.com --bogus'), { name: 'usageError', command: 'invite', problem: 'unknownOption', detail: '--bogus' });
    assert.deepEqual(parseCommand('invite a@b.com --cc'), { name: 'usageError', command: 'invite', problem: 'missingValue', detail: '--cc' });
    assert.deepEqual(parseCommand('invite a@b.com --message "unclosed'), { name: 'usageError', command: 'invite', problem: 'unbalancedQuotes' });
    assert.deepEqual(parseCommand('status'), { name: 'usageError', command: 'status', problem: 'missingArgument' });
    assert.deepEqual(parseCommand('audit ten'), { name: 'usageError', command: 'audit', problem: 'notANumber', detail: 'ten' });
  });

  it('knows the request commands', () => {
    assert.deepEqual(parseCommand('requests'), { name: 'requests' });
    assert.deepEqual(parseCommand('my requests'), { name: 'myRequests' });
    assert.deepEqual(parseCommand('cancel 7kq2m9xd'), { name: 'cancel', requestId: '7KQ2M9XD' });
    assert.deepEqual(parseCommand('audit'), { name: 'audit', count: 10 });
    assert.deepEqual(parseCommand('audit 25'), { name: 'audit', count: 25 });
  });

  it('knows the guest lifecycle commands', () => {
    assert.deepEqual(parseCommand('status Jane Doe'), { name: 'status', query: 'Jane Doe' });
    assert.deepEqual(parseCommand('pending'), { name: 'pending' });
    assert.deepEqual(parseCommand('resend jane@fabrikam.com'), { name: 'resend', email: 'jane@fabrikam.com' });
    assert.deepEqual(parseCommand('Link jane@fabrikam.com'), { name: 'link', email: 'jane@fabrikam.com' });
    assert.deepEqual(parseCommand('reset jane@fabrikam.com'), { name: 'reset', email: 'jane@fabrikam.com' });
    assert.deepEqual(parseCommand('reset jane@fabrikam.com jane@new.example'), { name: 'reset', email: 'jane@fabrikam.com', newEmail: 'jane@new.example' });
    for (const command of ['resend', 'link', 'reset']) {
      assert.deepEqual(parseCommand(command), { name: 'usageError', command, problem: 'missingArgument' });
    }
  });

  it('knows the guest governance commands', () => {
    assert.deepEqual(parseCommand('my guests'), { name: 'myGuests' });
    assert.deepEqual(parseCommand('My Guests'), { name: 'myGuests' });
    assert.deepEqual(parseCommand('orphans'), { name: 'orphans' });
    assert.deepEqual(parseCommand('restore jane@fabrikam.com'), { name: 'restore', email: 'jane@fabrikam.com' });
    assert.deepEqual(parseCommand('restore jane@fabrikam.com 60'), { name: 'restore', email: 'jane@fabrikam.com', days: 60 });
    assert.deepEqual(parseCommand('restore'), { name: 'usageError', command: 'restore', problem: 'missingArgument' });
    assert.deepEqual(parseCommand('restore jane@fabrikam.com soon'), { name: 'usageError', command: 'restore', problem: 'notANumber', detail: 'soon' });
    assert.deepEqual(parseCommand('restore jane@fabrikam.com 0'), { name: 'usageError', command: 'restore', problem: 'notANumber', detail: '0' });
    assert.equal(parseCommand('my stuff').name, 'unknown');
  });

  it('reads repeated --group options, keeping quoted names whole, and leaves them out when absent', () => {
    const parsed = parseCommand('invite jane@fabrikam.com --group "Project Falcon" --group 9e1c3a5b-7d9f-4b2d-8f4a-6c8e0a2c4eaa');
    assert.ok(isCommandOf(parsed, inviteCommand));
    assert.deepEqual(parsed.groups, ['Project Falcon', '9e1c3a5b-7d9f-4b2d-8f4a-6c8e0a2c4eaa']);
    const plain = parseCommand('invite jane@fabrikam.com');
    assert.ok(isCommandOf(plain, inviteCommand) && !('groups' in plain));
    assert.deepEqual(parseCommand('invite a@b.com --group'), { name: 'usageError', command: 'invite', problem: 'missingValue', detail: '--group' });
  });

  it('answers help for empty text and unknown for anything else', () => {
    assert.deepEqual(parseCommand(''), { name: 'help' });
    assert.deepEqual(parseCommand('yardım'), { name: 'help' });
    assert.deepEqual(parseCommand('hello there'), { name: 'unknown', text: 'hello there' });
  });

  it('splits on spaces but keeps double-quoted runs', () => {
    assert.deepEqual(splitArguments('a "b c" d'), ['a', 'b c', 'd']);
    assert.deepEqual(splitArguments('--message="x y"'), ['--message=x y']);
  });
});

describe('plainText', () => {
  it('undoes what Teams does to typed text', () => {
    assert.equal(
      plainText('<p>invite <a href="mailto:jane@fabrikam.com">jane@fabrikam.com</a> Jane &amp; co --message “Hi there”</p>'),
      'invite jane@fabrikam.com Jane & co --message "Hi there"',
    );
    assert.equal(plainText('status&nbsp;o&#39;brien@x.com'), "status o'brien@x.com");
  });
});

describe('parseCommand: options that can be given once', () => {
  for (const option of ['--cc a@contoso.com --cc b@contoso.com', '--message "one" -m "two"', '--lang tr-TR --lang de-DE', '--redirect https://a.example --redirect https://b.example', '--until 2027-03-31 --until 2027-04-30']) {
    it(`refuses ${option.split(' ')[0]} given twice rather than keeping the last`, () => {
      const parsed = parseCommand(`invite jane@fabrikam.com ${option}`);
      assert.equal(parsed.name, 'usageError');
      assert.ok(isCommandOf(parsed, usageErrorCommand));
      assert.equal(parsed.problem, 'repeatedOption');
      assert.match(parsed.detail ?? '', /^--(cc|message|lang|redirect|until)$/);
    });
  }

  it('reads --until as the end of access asked for, as typed', () => {
    const parsed = parseCommand('invite jane@fabrikam.com "Jane Doe" --until 2027-03-31 --lang tr-TR');
    assert.ok(isCommandOf(parsed, inviteCommand));
    assert.deepEqual(parsed.draft.accessEnd, { until: '2027-03-31' });
    assert.equal(parsed.draft.displayName, 'Jane Doe');
    const without = parseCommand('invite jane@fabrikam.com');
    assert.ok(isCommandOf(without, inviteCommand));
    assert.equal(without.draft.accessEnd, undefined);
    const missing = parseCommand('invite jane@fabrikam.com --until');
    assert.ok(isCommandOf(missing, usageErrorCommand));
    assert.equal(missing.problem, 'missingValue');
  });

  it('still takes one of each, and --group as often as asked', () => {
    const parsed = parseCommand('invite jane@fabrikam.com --cc pm@contoso.com --group A --group B');
    assert.ok(isCommandOf(parsed, inviteCommand));
    assert.equal(parsed.draft.ccRecipient, 'pm@contoso.com');
    assert.deepEqual(parsed.groups, ['A', 'B']);
  });
});
