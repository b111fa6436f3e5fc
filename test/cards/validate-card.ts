import assert from 'node:assert/strict';
import type * as AdaptiveCards from 'adaptivecards';
import { RESOURCES, SUPPORTED_LANGUAGES, Translate, languageOf, translatorFor } from '../../src/i18n';

/**
 * Checks a rendered card the way a client would read it, plus GuestPass's own rules. The package's main entry is
 * bundler-only ESM and fails in Node; its UMD bundle parses and validates cards without a DOM.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const sdk = require('adaptivecards/dist/adaptivecards.js') as typeof AdaptiveCards;

/** Every problem found in `json`, as readable lines; empty when the card is fine. */
export function cardProblems(json: unknown): string[] {
  const problems: string[] = [];
  const root = json as { type?: unknown; version?: unknown };
  if (root.type !== 'AdaptiveCard') problems.push(`type is ${String(root.type)}, not AdaptiveCard`);
  if (root.version !== '1.5') problems.push(`version is ${String(root.version)}, not 1.5 (Teams renders up to 1.5)`);

  const card = new sdk.AdaptiveCard();
  const context = new sdk.SerializationContext();
  card.parse(json, context);
  // Parse-time events are where unknown element and action types show up.
  for (let i = 0; i < context.eventCount; i++) problems.push(`parse: ${context.getEventAt(i).message}`);
  for (const event of card.validateProperties().validationEvents) problems.push(`validate: ${event.message}`);

  problems.push(...ownRules(json));
  return problems;
}

export function assertValidCard(json: unknown, label = 'card'): void {
  const problems = cardProblems(json);
  assert.deepEqual(problems, [], `${label} has problems:\n  ${problems.join('\n  ')}\n${JSON.stringify(json, null, 2)}`);
}

/**
 * i18next shows a missing key as its path (`form.title`, namespace dropped): a dotted word string starting with
 * one of the namespace's sections is such a leftover. Raw audit event names (`request.created`) do not match.
 */
const SECTIONS = Object.keys(RESOURCES.en.cards).join('|');
const KEY_LIKE = new RegExp(`^(cards:)?(${SECTIONS})(\\.[A-Za-z0-9_-]+)+$`);

/**
 * Element and action types of Adaptive Cards 1.5. The SDK knows 1.6 types too (Carousel…) and does not flag
 * them in a 1.5 card, but Teams would not render them.
 */
const TYPES_IN_1_5 = new Set([
  'AdaptiveCard',
  ...['TextBlock', 'RichTextBlock', 'TextRun', 'Image', 'ImageSet', 'Media', 'MediaSource', 'Container', 'ColumnSet', 'Column'],
  ...['FactSet', 'ActionSet', 'Table', 'TableRow', 'TableCell'],
  ...['Input.Text', 'Input.Number', 'Input.Date', 'Input.Time', 'Input.Toggle', 'Input.ChoiceSet'],
  ...['Action.OpenUrl', 'Action.Submit', 'Action.ShowCard', 'Action.ToggleVisibility', 'Action.Execute'],
]);

function ownRules(json: unknown): string[] {
  const problems: string[] = [];
  const inputIds = new Map<string, number>();
  walk(json, '$', (value, path) => {
    if (typeof value === 'string') {
      if (value.includes('{{')) problems.push(`${path}: unfilled placeholder in "${value}"`);
      if (value.startsWith('cards:') || KEY_LIKE.test(value)) problems.push(`${path}: untranslated key "${value}"`);
      return;
    }
    if (!isObject(value)) return;
    if (typeof value.type === 'string' && !TYPES_IN_1_5.has(value.type)) problems.push(`${path}: ${value.type} is not in Adaptive Cards 1.5`);
    if (value.type === 'Action.Execute') {
      if (typeof value.verb !== 'string' || value.verb.trim() === '') problems.push(`${path}: Action.Execute without a verb`);
      if (!isObject(value.data)) problems.push(`${path}: Action.Execute without data`);
    }
    if (typeof value.type === 'string' && value.type.startsWith('Input.') && typeof value.id === 'string') {
      inputIds.set(value.id, (inputIds.get(value.id) ?? 0) + 1);
    }
  });
  for (const [id, count] of inputIds) if (count > 1) problems.push(`input id "${id}" used ${count} times`);
  return problems;
}

/** Calls `visit` on every value in the JSON tree with a JSONPath-like location. */
export function walk(value: unknown, path: string, visit: (value: unknown, path: string) => void): void {
  visit(value, path);
  if (Array.isArray(value)) value.forEach((item, index) => walk(item, `${path}[${index}]`, visit));
  else if (isObject(value)) for (const [key, child] of Object.entries(value)) walk(child, `${path}.${key}`, visit);
}

/** All objects in the card of one `type`, e.g. every Action.Execute, wherever they are nested. */
export function findAll(json: unknown, type: string): Record<string, unknown>[] {
  const found: Record<string, unknown>[] = [];
  walk(json, '$', (value) => {
    if (isObject(value) && value.type === type) found.push(value);
  });
  return found;
}

/** Every string in the card, for "does this text appear anywhere" assertions. */
export function allStrings(json: unknown): string[] {
  const strings: string[] = [];
  walk(json, '$', (value) => {
    if (typeof value === 'string') strings.push(value);
  });
  return strings;
}

/**
 * A translator that fails the test when the locale's own resources lack a key (i18next would quietly fall back
 * to English, or show the key), so a card rendered in Turkish proves every string it shows is Turkish.
 */
export function strictTranslator(locale: string): Translate {
  const language = languageOf(locale);
  const translate = translatorFor(locale);
  const plural = new Intl.PluralRules(language);
  const strict = (key: string, params?: Record<string, unknown>): string => {
    const [namespace, path] = key.includes(':') ? (key.split(':', 2) as [string, string]) : ['messages', key];
    const resources = (RESOURCES[language] as Record<string, unknown>)[namespace];
    const count = params?.count;
    const wanted = typeof count === 'number' ? `${path}_${plural.select(count)}` : path;
    if (params?.defaultValue === undefined) {
      assert.ok(typeof lookup(resources, wanted) === 'string', `missing ${language} translation: ${namespace}:${wanted}`);
    }
    return translate(key, params);
  };
  return Object.assign(strict, { language });
}

export const LOCALES = ['en-US', 'tr-TR'] as const;
// Keep the list of tested locales in step with what the bot speaks.
assert.deepEqual(
  LOCALES.map((locale) => languageOf(locale)),
  [...SUPPORTED_LANGUAGES],
);

export function flattenKeys(tree: unknown, prefix = ''): string[] {
  if (!isObject(tree)) return [prefix];
  return Object.entries(tree).flatMap(([key, child]) => flattenKeys(child, prefix ? `${prefix}.${key}` : key));
}

function lookup(tree: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((node, part) => (isObject(node) ? node[part] : undefined), tree);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
