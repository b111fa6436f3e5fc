import {
  ActionSet,
  AdaptiveCard,
  ContainerStyle,
  CARD_SCHEMA,
  CARD_VERSION,
  CardAction,
  CardElement,
  Container,
  ExecuteAction,
  FactSet,
  NestedCard,
  OpenUrlAction,
  Refresh,
  ShowCardAction,
  TextBlock,
} from './adaptive-card';
import { Translate } from '../i18n';

/**
 * Small builders for the elements the cards use. They exist to apply the same defaults everywhere (wrapping
 * text, dropping empty facts, defusing link markdown), not to hide the card structure.
 */

export function adaptiveCard(body: CardElement[], actions: CardAction[] = [], refresh?: Refresh): AdaptiveCard {
  return {
    type: 'AdaptiveCard',
    $schema: CARD_SCHEMA,
    version: CARD_VERSION,
    ...(refresh ? { refresh } : {}),
    body,
    ...(actions.length > 0 ? { actions } : {}),
  };
}

export function nestedCard(body: CardElement[], actions: CardAction[] = []): NestedCard {
  return { type: 'AdaptiveCard', body, ...(actions.length > 0 ? { actions } : {}) };
}

/**
 * Card text is markdown, and much of it comes from people (display names, messages, rejection reasons): a
 * display name like `[Approve](https://evil.example)` would render as a link an approver trusts because the bot
 * posted it. A zero-width space between `]` and `(` breaks the link syntax in every Teams client, whereas
 * backslash escapes are not honoured by all of them. Addresses and ordinary text never contain `](`.
 */
export function defuseLinks(text: string): string {
  return text.replace(/\]\s*\(/g, ']\u200B(');
}

export function textBlock(text: string, options: Omit<TextBlock, 'type' | 'text'> = {}): TextBlock {
  return { type: 'TextBlock', text: defuseLinks(text), wrap: true, ...options };
}

export function heading(text: string): TextBlock {
  return textBlock(text, { style: 'heading', size: 'medium', weight: 'bolder' });
}

/**
 * How a state reads at a glance. Teams draws TextBlock colors `good` (light green) and `warning` (yellow) as
 * text on the card's white background, which few can read; a Container style is drawn as a tinted background
 * under dark text, legible in every theme. Every state line goes through `stateLine`, so this is the one place.
 */
export type Tone = 'waiting' | 'done' | 'problem' | 'neutral';

const TONE_STYLES: Record<Tone, ContainerStyle | undefined> = {
  waiting: 'warning',
  done: 'good',
  problem: 'attention',
  neutral: 'emphasis',
};

export function stateLine(text: string, tone: Tone, options: Omit<Container, 'type' | 'items' | 'style'> = {}): Container {
  const style = TONE_STYLES[tone];
  return container([textBlock(text, { weight: 'bolder' })], { ...(style ? { style } : {}), ...options });
}

/** A red line, for problems and warnings the person must read. */
export function attention(text: string, options: Omit<TextBlock, 'type' | 'text'> = {}): TextBlock {
  return textBlock(text, { color: 'attention', ...options });
}

export function subtle(text: string, options: Omit<TextBlock, 'type' | 'text'> = {}): TextBlock {
  return textBlock(text, { isSubtle: true, size: 'small', ...options });
}

/** Facts with no value are left out, so optional fields (CC, message…) simply do not appear. */
export function factSet(entries: ReadonlyArray<readonly [title: string, value: string | null | undefined]>): FactSet[] {
  const facts = entries
    .filter((entry): entry is readonly [string, string] => typeof entry[1] === 'string' && entry[1].trim() !== '')
    .map(([title, value]) => ({ title, value: defuseLinks(value) }));
  // An empty FactSet is invalid; returning an array lets callers spread it without a check.
  return facts.length > 0 ? [{ type: 'FactSet', facts }] : [];
}

export function container(items: CardElement[], options: Omit<Container, 'type' | 'items'> = {}): Container {
  return { type: 'Container', items, ...options };
}

/** An empty ActionSet is invalid; as with `factSet`, an array to spread. */
export function actionSet(actions: CardAction[]): ActionSet[] {
  return actions.length > 0 ? [{ type: 'ActionSet', actions }] : [];
}

/**
 * The key under which every button carries the language its card was written in: Teams does not always send the
 * client's locale with a card action, and the answer (which replaces the card) must not change language.
 */
export const CARD_LOCALE_FIELD = 'locale';

export function execute(
  t: Translate,
  verb: string,
  title: string,
  data: Record<string, string>,
  options: Pick<ExecuteAction, 'style' | 'associatedInputs'> = {},
): ExecuteAction {
  return { type: 'Action.Execute', verb, title, data: withCardLocale(t, data), ...options };
}

/** An action's data with the card's language, for actions without a button (a card's refresh). */
export function withCardLocale(t: Translate, data: Record<string, string>): Record<string, string> {
  return t.language ? { ...data, [CARD_LOCALE_FIELD]: t.language } : data;
}

export function openUrl(title: string, url: string): OpenUrlAction {
  return { type: 'Action.OpenUrl', title, url };
}

export function showCard(title: string, card: NestedCard): ShowCardAction {
  return { type: 'Action.ShowCard', title, card };
}

/** Bullet lines without markdown lists: list markdown renders differently on mobile and desktop Teams. */
export function bullets(lines: string[]): TextBlock[] {
  return lines.map((line) => textBlock(`• ${line}`, { spacing: 'small' }));
}
