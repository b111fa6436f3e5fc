import { Translate } from '../i18n';
import { AdaptiveCard } from './adaptive-card';
import { adaptiveCard, attention, heading, subtle, textBlock } from './elements';

/** What a button's work is: its title on the card while it runs and once it has ended. */
/** `other`: any action whose answer came too late to be its own (see CardFollowUp.answerWithin). */
export type NotedAction = 'resend' | 'reset' | 'bulk' | 'other';

export interface ActionNote {
  action: NotedAction;
  /** One sentence: what is under way, or how it ended. */
  text: string;
  /** Still under way: the card says it will update itself. */
  working?: boolean;
  /** It ended without doing what was asked: the text is shown as a problem. */
  refused?: boolean;
}

/**
 * The card a button's answer puts in place of the card it was on when the work takes longer than Teams waits
 * (resend, reset, the start of a bulk run): first "working on it", then, updated in place, how it ended.
 */
export function renderActionNote(t: Translate, note: ActionNote): AdaptiveCard {
  return adaptiveCard([
    heading(t(`cards:actionNote.${note.action}`)),
    note.refused ? attention(note.text) : textBlock(note.text),
    ...(note.working ? [subtle(t('cards:actionNote.working'))] : []),
  ]);
}
