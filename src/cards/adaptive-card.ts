/**
 * The slice of the Adaptive Card schema GuestPass renders, typed so a misspelt property or a wrong enum value
 * fails to compile. Teams renders up to 1.5, so every card is pinned to that version; nothing from 1.6 is typed.
 */
export const CARD_VERSION = '1.5';
export const CARD_SCHEMA = 'http://adaptivecards.io/schemas/adaptive-card.json';

export type Color = 'default' | 'dark' | 'light' | 'accent' | 'good' | 'warning' | 'attention';
export type Spacing = 'none' | 'small' | 'default' | 'medium' | 'large' | 'extraLarge' | 'padding';
export type ContainerStyle = 'default' | 'emphasis' | 'good' | 'attention' | 'warning' | 'accent';

/** Layout properties every body element accepts. */
interface ElementBase {
  id?: string;
  spacing?: Spacing;
  separator?: boolean;
  isVisible?: boolean;
}

export interface TextBlock extends ElementBase {
  type: 'TextBlock';
  text: string;
  wrap?: boolean;
  size?: 'small' | 'default' | 'medium' | 'large' | 'extraLarge';
  weight?: 'lighter' | 'default' | 'bolder';
  color?: Color;
  isSubtle?: boolean;
  fontType?: 'default' | 'monospace';
  style?: 'default' | 'heading';
  maxLines?: number;
}

export interface Fact {
  title: string;
  value: string;
}

export interface FactSet extends ElementBase {
  type: 'FactSet';
  facts: Fact[];
}

export interface Container extends ElementBase {
  type: 'Container';
  items: CardElement[];
  style?: ContainerStyle;
}

export interface Column extends ElementBase {
  type: 'Column';
  items: CardElement[];
  width?: 'auto' | 'stretch' | number | `${number}px`;
  verticalContentAlignment?: 'top' | 'center' | 'bottom';
}

export interface ColumnSet extends ElementBase {
  type: 'ColumnSet';
  columns: Column[];
}

export interface ActionSet extends ElementBase {
  type: 'ActionSet';
  actions: CardAction[];
}

/** Properties shared by the inputs; `label` and `errorMessage` are what Teams shows for required inputs. */
interface InputBase extends ElementBase {
  id: string;
  label?: string;
  isRequired?: boolean;
  errorMessage?: string;
}

export interface TextInput extends InputBase {
  type: 'Input.Text';
  value?: string;
  placeholder?: string;
  isMultiline?: boolean;
  maxLength?: number;
  style?: 'text' | 'tel' | 'url' | 'email' | 'password';
}

export interface ToggleInput extends InputBase {
  type: 'Input.Toggle';
  title: string;
  /** Toggles submit strings; `valueOn`/`valueOff` default to "true"/"false". */
  value?: 'true' | 'false';
  wrap?: boolean;
}

export interface Choice {
  title: string;
  value: string;
}

export interface ChoiceSetInput extends InputBase {
  type: 'Input.ChoiceSet';
  choices: Choice[];
  /** With `isMultiSelect`, a comma-separated list of the chosen values. */
  value?: string;
  isMultiSelect?: boolean;
  style?: 'compact' | 'expanded' | 'filtered';
  placeholder?: string;
  wrap?: boolean;
}

/** Dates are `YYYY-MM-DD` both ways; `min` and `max` only guide the picker, the bot checks again. */
export interface DateInput extends InputBase {
  type: 'Input.Date';
  value?: string;
  min?: string;
  max?: string;
  placeholder?: string;
}

export type Input = TextInput | ToggleInput | ChoiceSetInput | DateInput;
export type CardElement = TextBlock | FactSet | Container | ColumnSet | ActionSet | Input;

export interface ExecuteAction {
  type: 'Action.Execute';
  /** The bot dispatches on the verb; see verbs.ts. */
  verb: string;
  /** Sent back with the input values merged in, so keys here must not collide with input ids. */
  data: Record<string, string>;
  title: string;
  style?: 'default' | 'positive' | 'destructive';
  associatedInputs?: 'auto' | 'none';
}

export interface OpenUrlAction {
  type: 'Action.OpenUrl';
  url: string;
  title: string;
}

export interface ShowCardAction {
  type: 'Action.ShowCard';
  title: string;
  card: NestedCard;
}

export interface ToggleVisibilityAction {
  type: 'Action.ToggleVisibility';
  title: string;
  targetElements: string[];
}

export type CardAction = ExecuteAction | OpenUrlAction | ShowCardAction | ToggleVisibilityAction;

/** Universal Actions: Teams calls the bot with this action when one of `userIds` opens the card. */
export interface Refresh {
  action: Omit<ExecuteAction, 'title' | 'style' | 'associatedInputs'>;
  userIds?: string[];
}

/** The card inside an Action.ShowCard: it inherits the version of the card that holds it. */
export interface NestedCard {
  type: 'AdaptiveCard';
  body: CardElement[];
  actions?: CardAction[];
}

export interface AdaptiveCard {
  type: 'AdaptiveCard';
  $schema: typeof CARD_SCHEMA;
  version: typeof CARD_VERSION;
  body: CardElement[];
  actions?: CardAction[];
  refresh?: Refresh;
}
