/**
 * Checks that the Teams manifest JSON schema does not express: command-list limits and
 * duplicates, leftover placeholders, valid domains, and translation coverage.
 */
import { findPlaceholders, isBareHostName } from "./placeholders";
import { localizableKeyMatchers, type JsonSchema } from "./schema";

/** Teams shows at most 10 commands per command list (the schema allows more). */
export const MAX_COMMANDS_PER_LIST = 10;

export interface BotCommand {
  title: string;
  description?: string;
}

export interface CommandList {
  scopes: string[];
  commands: BotCommand[];
}

type Json = Record<string, unknown>;

export function commandListsOf(manifest: Json): CommandList[] {
  const bots = (manifest["bots"] as Json[] | undefined) ?? [];
  return bots.flatMap((bot) => (bot["commandLists"] as CommandList[] | undefined) ?? []);
}

/** Problems with the bot command lists, placeholders and valid domains; empty when fine. */
export function checkTeamsRules(manifest: Json): string[] {
  const problems: string[] = [];

  const leftovers = findPlaceholders(JSON.stringify(manifest));
  if (leftovers.length > 0) problems.push(`unfilled placeholder(s): ${leftovers.join(", ")}`);

  const bots = (manifest["bots"] as Json[] | undefined) ?? [];
  bots.forEach((bot, b) => {
    const botScopes = new Set((bot["scopes"] as string[] | undefined) ?? []);
    const seenScopes = new Set<string>();
    ((bot["commandLists"] as CommandList[] | undefined) ?? []).forEach((list, l) => {
      const where = `bots[${b}].commandLists[${l}]`;
      if (list.commands.length > MAX_COMMANDS_PER_LIST) {
        problems.push(`${where} has ${list.commands.length} commands; Teams shows at most ${MAX_COMMANDS_PER_LIST}`);
      }
      const titles = new Set<string>();
      for (const command of list.commands) {
        const key = command.title.trim().toLocaleLowerCase();
        if (titles.has(key)) problems.push(`${where} has the command "${command.title}" more than once`);
        titles.add(key);
        if (!command.description?.trim()) problems.push(`${where} command "${command.title}" has no description`);
      }
      for (const scope of list.scopes) {
        if (!botScopes.has(scope)) problems.push(`${where} is for scope "${scope}", which the bot does not declare`);
        if (seenScopes.has(scope)) problems.push(`${where}: scope "${scope}" has more than one command list`);
        seenScopes.add(scope);
      }
    });
  });

  // The schema cannot say it: a custom engine agent of type bot is one of the bots, which Microsoft 365 Copilot
  // reaches in personal scope and, from manifest v1.21 on, through the copilot scope.
  const agents = ((manifest["copilotAgents"] as Json | undefined)?.["customEngineAgents"] as Json[] | undefined) ?? [];
  agents.forEach((agent, a) => {
    const where = `copilotAgents.customEngineAgents[${a}]`;
    if (agent["type"] !== "bot") return;
    const bot = bots.find((candidate) => String(candidate["botId"]).toLowerCase() === String(agent["id"]).toLowerCase());
    if (!bot) {
      problems.push(`${where} names ${String(agent["id"])}, which is not a bot of this app`);
      return;
    }
    const scopes = (bot["scopes"] as string[] | undefined) ?? [];
    for (const scope of ["personal", "copilot"]) {
      if (!scopes.includes(scope)) problems.push(`${where}: its bot does not declare the ${scope} scope`);
    }
  });

  // Teams single sign-on gets tokens for webApplicationInfo: the bot's own app registration and its app ID URI.
  const sso = manifest["webApplicationInfo"] as { id?: string; resource?: string } | undefined;
  if (sso) {
    const botIds = new Set(bots.map((bot) => String(bot["botId"]).toLowerCase()));
    if (!botIds.has(String(sso.id).toLowerCase())) problems.push(`webApplicationInfo.id "${sso.id}" is not the bot's id`);
    if (!String(sso.resource).startsWith("api://")) problems.push(`webApplicationInfo.resource "${sso.resource}" is not an api:// app ID URI`);
  }

  for (const domain of (manifest["validDomains"] as string[] | undefined) ?? []) {
    const host = domain.startsWith("*.") ? domain.slice(2) : domain;
    if (!isBareHostName(host)) problems.push(`validDomains entry "${domain}" is not a bare host name`);
  }
  return problems;
}

/**
 * Flattens the string values of a manifest into localization-file keys:
 * `name.short`, `bots[0].commandLists[1].commands[2].title`, ...
 */
export function flattenStrings(value: unknown, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (v: unknown, path: string): void => {
    if (typeof v === "string") out.set(path, v);
    else if (Array.isArray(v)) v.forEach((item, i) => walk(item, `${path}[${i}]`));
    else if (v !== null && typeof v === "object") {
      for (const [k, child] of Object.entries(v)) walk(child, path ? `${path}.${k}` : k);
    }
  };
  walk(value, prefix);
  return out;
}

/** The manifest's strings that a localization file can translate (per the localization schema). */
export function localizableStrings(manifest: Json, localizationSchema: JsonSchema): Map<string, string> {
  const matchers = localizableKeyMatchers(localizationSchema);
  const all = flattenStrings(manifest);
  return new Map([...all].filter(([key]) => matchers.some((m) => m(key))));
}

export interface TranslationCoverage {
  /** Localizable manifest strings with no (or an empty) translation. */
  missing: string[];
  /** Translation keys that match no string in the manifest (stale after an edit). */
  unknown: string[];
}

export function translationCoverage(manifest: Json, localization: Json, localizationSchema: JsonSchema): TranslationCoverage {
  const localizable = localizableStrings(manifest, localizationSchema);
  const translated = Object.entries(localization).filter(([k]) => k !== "$schema" && k !== "localizationKeys");
  const has = new Set(translated.filter(([, v]) => typeof v === "string" && v.trim() !== "").map(([k]) => k));
  return {
    missing: [...localizable.keys()].filter((k) => !has.has(k)),
    unknown: translated.map(([k]) => k).filter((k) => !localizable.has(k)),
  };
}
