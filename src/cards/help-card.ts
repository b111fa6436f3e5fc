import { Translate } from '../i18n';
import { AdaptiveCard, CardElement } from './adaptive-card';
import { adaptiveCard, container, heading, subtle, textBlock } from './elements';

export interface HelpCommand {
  /** The command as typed, e.g. `status EMAIL`; commands are not translated, so neither is this. */
  usage: string;
  /** A full translation key (any namespace), e.g. `messages:help.status`. */
  descriptionKey: string;
  /** Its options, listed apart behind a toggle (invite's). */
  options?: readonly HelpCommand[];
}

const OPTIONS_ID = 'inviteOptions';

export interface HelpContent {
  commands: readonly HelpCommand[];
  /** Why some commands are not listed (the reader's account may not use them), shown above the list. */
  notice?: string;
}

/**
 * The list of commands (the command registry's help lines, so the card lists what the bot answers); the options of
 * a listed command (invite's) sit behind a toggle so the card stays short in a chat.
 */
export function renderHelp(t: Translate, data: HelpContent): AdaptiveCard {
  const body: CardElement[] = [
    heading(t('cards:help.title')),
    textBlock(t('cards:help.intro'), { spacing: 'small' }),
    ...(data.notice ? [textBlock(data.notice, { spacing: 'small' })] : []),
    ...data.commands.map((command) => entry(t, command)),
  ];
  const options = data.commands.flatMap((command) => command.options ?? []);
  if (options.length === 0) return adaptiveCard(body);
  body.push(
    container(
      [
        textBlock(t('cards:help.optionsTitle'), { weight: 'bolder' }),
        ...options.map((option) => entry(t, option)),
        subtle(t('cards:help.example')),
        textBlock(t('cards:help.exampleCommand'), { fontType: 'monospace', spacing: 'none' }),
      ],
      { id: OPTIONS_ID, isVisible: false, separator: true },
    ),
  );
  return adaptiveCard(body, [{ type: 'Action.ToggleVisibility', title: t('cards:help.toggleOptions'), targetElements: [OPTIONS_ID] }]);
}

function entry(t: Translate, { usage, descriptionKey }: HelpCommand): CardElement {
  return container(
    [
      textBlock(usage, { fontType: 'monospace', weight: 'bolder' }),
      textBlock(t(descriptionKey), { spacing: 'none' }),
    ],
    { spacing: 'small' },
  );
}
