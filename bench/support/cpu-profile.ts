import { readFileSync } from 'node:fs';

/** The parts of a V8 CPU profile (`node --cpu-prof`) read here. */
interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number }; children?: number[] }[];
  samples: number[];
  timeDeltas: number[];
}

/**
 * Where a bot's CPU went, by part, in microseconds. Each sample goes to the innermost frame of the bot's own code on
 * its stack (a GuestPass file under `dist/`, or the floor's file): time spent in a library or in Node on behalf of
 * that code counts for it. Samples with none of the bot's code on the stack are the stack every bot shares (the HTTP
 * server, botbuilder, sockets); module loading at start-up and garbage collection are apart. Idle time is left out.
 */
export function cpuByPart(profilePath: string): Map<string, number> {
  const profile = JSON.parse(readFileSync(profilePath, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
  const parts = new Map<string, number>();
  profile.samples.forEach((sample, index) => {
    const leaf = byId.get(sample)!;
    if (leaf.callFrame.functionName === '(idle)') return;
    let ownFile: string | undefined;
    let loading = false;
    for (let id: number | undefined = sample; id !== undefined; id = parentOf.get(id)) {
      const { url, functionName, lineNumber, columnNumber } = byId.get(id)!.callFrame;
      // A module's top level, run once when it is loaded (a minified library's functions all sit on line 0 too).
      if (functionName === '' && lineNumber === 0 && columnNumber === 0 && url !== '') loading = true;
      if (ownFile === undefined && !url.includes('node_modules')) ownFile = ownFileOf(url);
    }
    const part = loading
      ? 'start-up: module loading'
      : leaf.callFrame.functionName === '(garbage collector)'
        ? 'garbage collection'
        : ownFile === undefined
          ? 'shared stack: HTTP server, botbuilder, Node'
          : partOf(ownFile);
    parts.set(part, (parts.get(part) ?? 0) + (profile.timeDeltas[index] ?? 0));
  });
  return parts;
}

function ownFileOf(url: string): string | undefined {
  const compiled = /\/(dist|build\/floors\/bench)\/(.+)$/.exec(url);
  if (!compiled) return undefined;
  return compiled[1] === 'dist' ? compiled[2] : `floor:${compiled[2]}`;
}

/** GuestPass's files, grouped by what they do for a turn. */
const PARTS: [RegExp, string][] = [
  [/^floor:/, "the floor's own code (its Graph calls and reply)"],
  [/^storage\/sqlite\//, 'store: SQLite'],
  [/^storage\//, 'store: in memory'],
  [/^graph\//, 'Graph: SDK middleware and HTTP client'],
  [/^teams\/handlers\/responses\.js$/, 'reply: the card sent to the Bot Connector'],
  [/^(cards|i18n)\//, 'cards and texts'],
  [/^bounded-cache\.js$/, 'caches (lru-cache, every part\'s)'],
  [/^logging\//, 'logging'],
  [/^(http\/|teams\/activity-shape\.js$)/, 'input checks: body and activity shape'],
  [/^(invitation|bulk|telemetry)\//, 'domain: policy, invitation, audit, governance'],
  [/^teams\//, 'Teams turn: handlers, authentication, conversation references'],
];

function partOf(file: string): string {
  return PARTS.find(([pattern]) => pattern.test(file))?.[1] ?? `other: ${file.split('/')[0]}`;
}
