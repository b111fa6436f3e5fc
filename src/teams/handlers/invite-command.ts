import { invitationDefaults } from '../../invitation/invitation-defaults';
import { parseArgs } from 'node:util';
import { InvitationDraft, unusedWithoutEmail } from '../../invitation/invitation-draft';
import { resolveOfferedGroups } from '../../invitation/offered-groups';
import { submitInvitation } from '../../invitation/submit-invitation';
import { optionName, splitArguments } from '../command-arguments';
import { conversationKey } from '../conversation-keys';
import { Turn } from '../turn';
import { BotServices } from '../bot-services';
import { CommandArguments, CommandHandler, HelpOption, UsageErrorCommand } from './handler';
import { InviteFormCommand } from './invite-form-command';
import { invitationAnswer } from './link-delivery';
import { replyWithCard, replyWithText } from './responses';

/** `groups`: what followed each `--group`, names or ids, resolved against the policy by the handler. */
export interface InviteCommand {
  name: 'invite';
  draft: InvitationDraft;
  groups?: string[];
}

/**
 * Options with a value are read as lists, so one given twice is seen and refused instead of the last silently
 * winning (Graph takes a single copy recipient, one message, one page, one language); only `--group` repeats.
 */
const INVITE_OPTIONS = {
  'no-email': { type: 'boolean' },
  message: { type: 'string', short: 'm', multiple: true },
  cc: { type: 'string', multiple: true },
  redirect: { type: 'string', multiple: true },
  lang: { type: 'string', multiple: true },
  member: { type: 'boolean' },
  group: { type: 'string', multiple: true },
  until: { type: 'string', multiple: true },
} as const;

const SINGLE_OPTIONS = ['message', 'cc', 'redirect', 'lang', 'until'] as const;

/** Every option `invite` accepts, so its help can be held to the parser. */
export const INVITE_OPTION_NAMES: readonly string[] = Object.keys(INVITE_OPTIONS);

/** The options in help, beside the parser's list above (a test holds the two together). */
const INVITE_OPTION_HELP: readonly HelpOption[] = [
  { usage: '--no-email', descriptionKey: 'cards:help.options.noEmail' },
  { usage: '--message "…"', descriptionKey: 'cards:help.options.message' },
  { usage: '--cc EMAIL', descriptionKey: 'cards:help.options.cc' },
  { usage: '--redirect URL', descriptionKey: 'cards:help.options.redirect' },
  { usage: '--lang TAG', descriptionKey: 'cards:help.options.lang' },
  { usage: '--member', descriptionKey: 'cards:help.options.member' },
  { usage: '--group NAME', descriptionKey: 'cards:help.options.group' },
  { usage: '--until YYYY-MM-DD', descriptionKey: 'cards:help.options.until' },
];

/**
 * `invite <email> [display name] [options]`: the text form of an invitation. With `--no-email` in a group chat or
 * channel, the redeem URL goes to the requester privately and the chat is told so.
 */
export const inviteCommand: CommandHandler<InviteCommand, InviteCommand | InviteFormCommand> = {
  command: 'invite',
  trigger: { words: ['invite'], parse: (args) => (args.remainder ? parseInvite(args) : { name: 'inviteForm' }) },
  help: [{ rank: 10, usage: 'invite EMAIL [DISPLAY NAME] [options]', descriptionKey: 'help.invite', options: INVITE_OPTION_HELP }],
  audience: 'accountsThatMayAct',
  // Asks even when the request then waits for approval (which sends nothing yet): that is known only later.
  graphRights: 'changes',
  menu: ['personal', 'team', 'groupChat'],
  async handle(turn, command, services) {
    const groupIds = await groupIdsOrExplain(turn, services, command.groups);
    if (!groupIds) return;
    const outcome = await submitInvitation(services.invitations, command.draft, turn.requester, {
      groupIds,
      // News that comes later (a decision, group additions, the guest accepting) is told in this chat.
      replyTo: conversationKey(turn.context.activity.conversation.id),
    });
    services.logger.info({ outcome: outcome.kind, requestId: 'request' in outcome ? outcome.request?.id : undefined }, 'invite command');
    await replyWithCard(turn.context, await invitationAnswer(turn, services, outcome));
    // After the answer, so the answer comes first; what was typed for an email that will not be sent.
    if (outcome.kind !== 'invalid') {
      for (const field of unusedWithoutEmail(command.draft)) await replyWithText(turn.context, turn.t(`invite.withoutEmail.${field}`));
    }
  },
};

/** `--group` names or ids as offered group ids; undefined after explaining what could not be resolved. */
async function groupIdsOrExplain(turn: Turn, services: BotServices, references: string[] | undefined): Promise<string[] | undefined> {
  if (!references) return [];
  const { offeredGroups } = invitationDefaults(services.invitations);
  if (offeredGroups.length === 0) {
    await replyWithText(turn.context, turn.t('usage.noGroupsOffered'));
    return undefined;
  }
  const resolved = resolveOfferedGroups(services.invitations.policy, references);
  if (resolved.ok) return resolved.groupIds;
  const offered = offeredGroups.map((group) => group.displayName).join(', ');
  await replyWithText(turn.context, turn.t('usage.unknownGroup', { detail: resolved.unknown.join(', '), offered }));
  return undefined;
}

function parseInvite({ remainder }: CommandArguments): InviteCommand | UsageErrorCommand {
  if (((remainder.match(/"/g) ?? []).length % 2) !== 0) {
    return { name: 'usageError', command: 'invite', problem: 'unbalancedQuotes' };
  }
  let parsed;
  try {
    parsed = parseArgs({ args: splitArguments(remainder), options: INVITE_OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    const code = (error as { code?: string }).code;
    const detail = optionName((error as Error).message);
    return {
      name: 'usageError',
      command: 'invite',
      problem: code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' ? 'missingValue' : 'unknownOption',
      detail,
    };
  }
  const [email, ...nameParts] = parsed.positionals;
  const { values } = parsed;
  const repeated = SINGLE_OPTIONS.find((option) => (values[option]?.length ?? 0) > 1);
  if (repeated) return { name: 'usageError', command: 'invite', problem: 'repeatedOption', detail: `--${repeated}` };
  const groups = values.group ?? [];
  return {
    name: 'invite',
    ...(groups.length > 0 ? { groups } : {}),
    draft: {
      email,
      displayName: nameParts.length > 0 ? nameParts.join(' ') : undefined,
      customMessage: values.message?.[0],
      ccRecipient: values.cc?.[0],
      redirectUrl: values.redirect?.[0],
      messageLanguage: values.lang?.[0],
      sendEmail: !values['no-email'],
      userType: values.member ? 'Member' : 'Guest',
      ...(values.until?.[0] !== undefined ? { accessEnd: { until: values.until[0] } } : {}),
    },
  };
}
