import { Translate } from '../i18n';
import { InvitationField, ValidationProblem } from '../invitation/invitation-draft';
import { InvitationPolicy } from '../invitation/policy';
import { MAX_DISPLAY_NAME_LENGTH } from '../invitation/validate-invitation';
import { AdaptiveCard, CardElement, ChoiceSetInput, DateInput, ToggleInput } from './adaptive-card';
import { adaptiveCard, attention, execute, heading, subtle, textBlock } from './elements';
import { INVITE_FORM_FIELDS, InviteFormField } from './input-ids';
import { problemText } from '../i18n/labels';
import { INVITE_SUBMIT, InviteSubmitData } from './verbs';

export type InviteFormValues = Partial<Record<InviteFormField, string | boolean>>;

export interface InviteFormData {
  /** What the person typed last time, when the form is shown again. */
  values?: InviteFormValues;
  problems?: ValidationProblem[];
  maxMessageLength: number;
  defaultRedirectUrl: string;
  canInviteMembers: boolean;
  offeredGroups: InvitationPolicy['offeredGroups'];
  /** The end-of-access picker's bounds (`YYYY-MM-DD`, UTC) and the policy's default, before the address is known. */
  accessEnd: AccessEndChoice;
}

export interface AccessEndChoice {
  earliest: string;
  /** None when some domain may get access without a maximum. */
  latest?: string;
  /** The policy's top-level default; none: access does not end unless a date is chosen. */
  defaultDays?: number;
}

/** Tags Graph's `messageLanguage` accepts that most tenants need; people can still type any tag in a command. */
export const MESSAGE_LANGUAGES = ['en-US', 'en-GB', 'tr-TR', 'de-DE', 'fr-FR', 'es-ES', 'it-IT', 'nl-NL', 'pt-BR', 'ja-JP', 'zh-CN'];

/** The validator speaks of the draft's fields; the form's inputs have their own (shorter) ids. */
const INPUT_OF_FIELD: Record<InvitationField, InviteFormField> = {
  email: 'email',
  displayName: 'displayName',
  customMessage: 'message',
  ccRecipient: 'cc',
  redirectUrl: 'redirectUrl',
  messageLanguage: 'language',
  accessEnd: 'accessEnd',
};

/**
 * The invite form. Shown again after a failed validation with every typed value kept and each problem in red
 * under its own input, so nothing is lost and the person sees at once what to fix.
 */
export function renderInviteForm(t: Translate, data: InviteFormData): AdaptiveCard {
  const values = data.values ?? {};
  const problems = data.problems ?? [];
  const text = (field: InviteFormField): string | undefined => {
    const value = values[field];
    return typeof value === 'string' && value !== '' ? value : undefined;
  };
  // One field can have several problems (missing and invalid); the summary counts what the person must fix.
  const fieldsWithProblems = new Set(problems.map((problem) => problem.field)).size;
  // Each input is followed by the messages of its own problems.
  const withProblems = (field: InviteFormField, input: CardElement): CardElement[] => [
    input,
    ...problems
      .filter((problem) => INPUT_OF_FIELD[problem.field] === field)
      .map((problem) => attention(problemText(t, problem), { spacing: 'small' })),
  ];

  const body: CardElement[] = [
    heading(t('cards:form.title')),
    textBlock(t('cards:form.intro'), { spacing: 'small' }),
    ...(problems.length > 0 ? [attention(t('cards:form.problemsSummary', { count: fieldsWithProblems }), { weight: 'bolder' })] : []),
    ...withProblems('email', {
      type: 'Input.Text',
      id: INVITE_FORM_FIELDS.email,
      label: t('cards:form.email.label'),
      placeholder: t('cards:form.email.placeholder'),
      style: 'email',
      isRequired: true,
      errorMessage: t('cards:form.email.required'),
      value: text('email'),
    }),
    ...withProblems('displayName', {
      type: 'Input.Text',
      id: INVITE_FORM_FIELDS.displayName,
      label: t('cards:form.displayName.label'),
      placeholder: t('cards:form.displayName.placeholder'),
      maxLength: MAX_DISPLAY_NAME_LENGTH,
      value: text('displayName'),
    }),
    ...withProblems('message', {
      type: 'Input.Text',
      id: INVITE_FORM_FIELDS.message,
      label: t('cards:form.message.label'),
      placeholder: t('cards:form.message.placeholder', { max: data.maxMessageLength }),
      isMultiline: true,
      maxLength: data.maxMessageLength,
      value: text('message'),
    }),
    subtle(t('cards:form.message.hint'), { spacing: 'none' }),
    ...withProblems('cc', {
      type: 'Input.Text',
      id: INVITE_FORM_FIELDS.cc,
      label: t('cards:form.cc.label'),
      placeholder: t('cards:form.cc.placeholder'),
      style: 'email',
      value: text('cc'),
    }),
    ...withProblems('redirectUrl', {
      type: 'Input.Text',
      id: INVITE_FORM_FIELDS.redirectUrl,
      label: t('cards:form.redirectUrl.label'),
      // Showing the default as the placeholder tells people what an empty field means.
      ...(data.defaultRedirectUrl ? { placeholder: data.defaultRedirectUrl } : {}),
      style: 'url',
      value: text('redirectUrl'),
    }),
    ...withProblems('language', languageInput(t, text('language'))),
    toggle(INVITE_FORM_FIELDS.sendEmail, t('cards:form.sendEmail.title'), values.sendEmail, true),
    subtle(t('cards:form.sendEmail.hint'), { spacing: 'none' }),
    ...(data.canInviteMembers
      ? [
          toggle(INVITE_FORM_FIELDS.member, t('cards:form.member.title'), values.member, false),
          subtle(t('cards:form.member.hint'), { spacing: 'none' }),
        ]
      : []),
    ...(data.offeredGroups.length > 0 ? [groupsInput(t, data.offeredGroups, text('groups'))] : []),
    ...withProblems('accessEnd', accessEndInput(t, data.accessEnd, text('accessEnd'))),
    subtle(accessEndHint(t, data.accessEnd), { spacing: 'none' }),
  ];
  const submitData: InviteSubmitData = { source: 'inviteForm' };
  return adaptiveCard(body, [execute(t, INVITE_SUBMIT, t('cards:form.submit'), { ...submitData }, { style: 'positive' })]);
}

/**
 * No choice stands for "the requester's language": Adaptive Cards forbid a choice with an empty value, and any
 * other marker would reach the validator as a language tag. Left unselected, the input submits an empty string,
 * which the validator reads as "not given" and replaces with the policy default or the requester's locale; the
 * placeholder says so.
 */
function languageInput(t: Translate, value: string | undefined): ChoiceSetInput {
  const choices = MESSAGE_LANGUAGES.map((tag) => ({ title: t(`cards:form.language.tags.${tag}`), value: tag }));
  // A tag typed in a command earlier (not in the list) is kept as a choice rather than silently dropped.
  if (value && !MESSAGE_LANGUAGES.includes(value)) choices.push({ title: value, value });
  return {
    type: 'Input.ChoiceSet',
    id: INVITE_FORM_FIELDS.language,
    label: t('cards:form.language.label'),
    placeholder: t('cards:form.language.requesterLanguage'),
    style: 'compact',
    wrap: true,
    choices,
    ...(value ? { value } : {}),
  };
}

function groupsInput(t: Translate, groups: InviteFormData['offeredGroups'], value: string | undefined): ChoiceSetInput {
  return {
    type: 'Input.ChoiceSet',
    id: INVITE_FORM_FIELDS.groups,
    label: t('cards:form.groups.label'),
    placeholder: t('cards:form.groups.placeholder'),
    isMultiSelect: true,
    // Check boxes for a short list; a long one would push the Invite button far down the chat.
    style: groups.length <= 5 ? 'expanded' : 'compact',
    // Group and team names can be long: wrapped, not cut off.
    wrap: true,
    choices: groups.map((group) => ({ title: t(`cards:form.groups.${group.kind}`, { name: group.displayName }), value: group.id })),
    ...(value ? { value } : {}),
  };
}

function accessEndInput(t: Translate, choice: AccessEndChoice, value: string | undefined): DateInput {
  return {
    type: 'Input.Date',
    id: INVITE_FORM_FIELDS.accessEnd,
    label: t('cards:form.accessEnd.label'),
    min: choice.earliest,
    ...(choice.latest ? { max: choice.latest } : {}),
    // A date picker holds nothing else; a forged text is not shown back (its problem still is).
    ...(value && /^\d{4}-\d{2}-\d{2}$/.test(value) ? { value } : {}),
  };
}

function accessEndHint(t: Translate, choice: AccessEndChoice): string {
  const usual = choice.defaultDays === undefined ? t('cards:form.accessEnd.hintNoDefault') : t('cards:form.accessEnd.hintDefault', { days: choice.defaultDays });
  return choice.latest ? `${usual} ${t('cards:form.accessEnd.latest', { latest: choice.latest })}` : usual;
}

/** Toggles come back from Teams as the strings "true"/"false"; a value from a command may be a boolean. */
function toggle(id: string, title: string, value: string | boolean | undefined, fallback: boolean): ToggleInput {
  const on = value === undefined ? fallback : value === true || value === 'true';
  return { type: 'Input.Toggle', id, title, value: on ? 'true' : 'false', wrap: true };
}
