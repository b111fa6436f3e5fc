import { RESOURCES } from '../../src/i18n';
import { isCommandOf, parseCommand } from '../../src/teams/command-parser';
import { Audience, GraphRights, MenuScope } from '../../src/teams/handlers/handler';
import { usageErrorCommand } from '../../src/teams/handlers/help-command';
import { CommandRegistry, REGISTRY } from '../../src/teams/handlers/registry';

const AUDIENCES: Audience[] = ['anyone', 'accountsThatMayAct'];
const RIGHTS: GraphRights[] = ['none', 'looksUp', 'changes'];
export const SCOPES: MenuScope[] = ['personal', 'team', 'groupChat'];
/** What the parser answers by itself: these have no words and no help of their own. */
const PARSER_ANSWERS = ['usageError', 'unknown'];
/** Teams shows at most ten commands per scope. */
export const MENU_LIMIT = 10;

function translated(key: string): boolean {
  const [namespace, path] = key.includes(':') ? (key.split(':') as [string, string]) : ['messages', key];
  return (['en', 'tr'] as const).every((language) => {
    let node: unknown = (RESOURCES[language] as Record<string, unknown>)[namespace];
    for (const part of path.split('.')) node = (node as Record<string, unknown> | undefined)?.[part];
    return typeof node === 'string' && node.length > 0;
  });
}

/** The command a message reaches: the one parsed, or the one whose usage was wrong. */
function reached(text: string, registry: CommandRegistry = REGISTRY): string {
  const parsed = parseCommand(text, registry);
  return isCommandOf(parsed, usageErrorCommand) ? parsed.command : parsed.name;
}

/** The command whose words start the text (which may answer with another: `invite` alone opens the form). */
export function owner(text: string, registry: CommandRegistry = REGISTRY): string | undefined {
  const words = text.toLowerCase().split(/\s+/);
  return registry.triggers.find((trigger) => trigger.words.every((word, index) => words[index] === word))?.handler.command;
}

/** The command word(s) of a usage: everything before the first placeholder (in capitals, or in brackets). */
const wordsOf = (usage: string) => usage.split(/\s+(?=[[A-Z])/)[0]!;

/** What each command and verb must declare; [] when the registry is complete. */
export function registryProblems(registry: CommandRegistry): string[] {
  const problems: string[] = [];
  for (const handler of registry.commands.values()) {
    const name = handler.command;
    if (!AUDIENCES.includes(handler.audience)) problems.push(`${name}: who may use it (audience)`);
    if (!RIGHTS.includes(handler.graphRights)) problems.push(`${name}: what it needs of the person's Graph rights (graphRights)`);
    if (!Array.isArray(handler.menu) || handler.menu.some((scope) => !SCOPES.includes(scope))) problems.push(`${name}: menu scopes`);
    if (PARSER_ANSWERS.includes(name)) continue;
    if (!handler.help?.length) problems.push(`${name}: a help entry`);
    for (const entry of handler.help ?? []) {
      if (!Number.isFinite(entry.rank)) problems.push(`${name}: its place in help (rank)`);
      if (!translated(entry.descriptionKey)) problems.push(`${name}: ${entry.descriptionKey} in English and Turkish`);
      // Typed as help shows it, the usage reaches this very command: its words are registered and parse to it.
      const typed = wordsOf(entry.usage);
      if (reached(typed, registry) !== name && owner(typed, registry) !== name) problems.push(`${name}: words that reach it ("${entry.usage}")`);
    }
    if (handler.trigger && (handler.trigger.words.length === 0 || typeof handler.trigger.parse !== 'function')) problems.push(`${name}: trigger words and parse`);
  }
  for (const handler of registry.cardActions.values()) {
    if (!AUDIENCES.includes(handler.audience)) problems.push(`${handler.verb}: who may use it (audience)`);
    if (!RIGHTS.includes(handler.graphRights)) problems.push(`${handler.verb}: what it needs of the person's Graph rights (graphRights)`);
  }
  return problems;
}

