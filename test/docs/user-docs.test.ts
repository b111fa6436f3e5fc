import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_POLICY } from '../../src/invitation/policy';
import { REGISTRY } from '../../src/teams/handlers/registry';

const ROOT = join(__dirname, '..', '..');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');
/** The text of a Markdown section, from its heading to the next heading of the same or a higher level. */
function section(markdown: string, heading: string): string {
  const start = markdown.indexOf(heading);
  assert.ok(start >= 0, `no section ${heading}`);
  const level = /^#+/.exec(heading)![0].length;
  const rest = markdown.slice(start + heading.length);
  const end = rest.search(new RegExp(`\\n#{1,${level}} `));
  return end < 0 ? rest : rest.slice(0, end);
}

/** What a new user reads before the first week in a real tenant must be true and complete. */
describe('the user documentation', () => {
  it("README: the policy section says what applies without a policy file, with the code's daily quota", () => {
    const policy = section(read('README.md'), '### 6. The invitation policy');
    const paragraph = /\*\*Without a policy file\*\*[\s\S]*?(?:\n\n|$)/.exec(policy)?.[0] ?? '';
    assert.match(paragraph, new RegExp(`\\*\\*${DEFAULT_POLICY.dailyQuotaPerRequester} invitation requests per UTC\\s+day\\*\\*`));
    assert.match(paragraph, new RegExp(`expire after ${DEFAULT_POLICY.requestExpiryHours} hours`));
    assert.match(paragraph, /DEFAULT_POLICY/);
  });

  it("README: the commands table has a row for every line of the bot's help, and no other", () => {
    const rows = [...section(read('README.md'), '## Commands').matchAll(/^\| `([^`]+)`/gm)].map((row) => row[1]!);
    // help's usage lines, as README writes them: invite's options are described in the row, not spelled out.
    const usages = REGISTRY.help.map((entry) => entry.usage.replace(/ \[--.*$/, ' [options]'));
    const wordsOf = (usage: string) => usage.split(/\s+(?=[[A-Z(])/)[0]!;
    assert.deepEqual([...new Set(rows.map(wordsOf))].sort(), [...new Set(usages.map(wordsOf))].sort());
  });

  it('README: says how to enable GuestPass in Microsoft 365 Copilot and what differs there', () => {
    const copilot = section(read('README.md'), '### Also in Microsoft 365 Copilot');
    assert.match(copilot, /customEngineAgents/);
    assert.match(copilot, /To enable it/);
    assert.match(copilot, /What differs there/);
    assert.match(copilot, /not verified/);
  });

  it('docs/playground.md: Turkish through a custom activity, what the Playground cannot do, approvals beside a running bot', () => {
    const playground = read('docs/playground.md');
    assert.match(section(playground, '### In Turkish'), /"locale": "tr-TR"/);
    const cannot = section(playground, '## What the Playground does not do');
    assert.match(cannot, /No file upload/);
    assert.match(cannot, /file consent card/);
    assert.match(cannot, /user-specific views/);
    const approvals = section(playground, '## Who you are');
    assert.match(approvals, /does not stand in the way[\s\S]*starts a bot of its own with it on a free port/);
  });
});
