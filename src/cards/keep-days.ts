import { Translate } from '../i18n';
import { ChoiceSetInput } from './adaptive-card';

/** The lengths offered, in days; the policy's maximum for the guest's domain bounds them and is offered itself. */
const OFFERED_DAYS = [30, 90, 180, 365];
const PREFERRED_DAYS = 90;

export function keepDayChoices(maxDays: number | undefined): number[] {
  if (maxDays === undefined) return OFFERED_DAYS;
  const within = OFFERED_DAYS.filter((days) => days < maxDays);
  return [...within, maxDays];
}

/** The "Keep for" choice: its id is KEEP_DAYS_FIELD on a review card, one per guest on a list. */
export function keepDaysInput(t: Translate, id: string, maxDays: number | undefined): ChoiceSetInput {
  const choices = keepDayChoices(maxDays);
  const preferred = choices.includes(PREFERRED_DAYS) ? PREFERRED_DAYS : choices[choices.length - 1]!;
  return {
    type: 'Input.ChoiceSet',
    id,
    label: maxDays === undefined ? t('cards:governed.keepFor') : t('cards:governed.keepForMax', { count: maxDays }),
    choices: choices.map((days) => ({ title: t('cards:governed.days', { count: days }), value: String(days) })),
    value: String(preferred),
    style: 'compact',
    isRequired: true,
    errorMessage: t('cards:governed.keepForRequired'),
    wrap: true,
  };
}
