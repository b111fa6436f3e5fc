import { invitationDefaults } from '../../invitation/invitation-defaults';
import { unusedWithoutEmail } from '../../invitation/invitation-draft';
import { resolveOfferedGroups } from '../../invitation/offered-groups';
import { submitInvitation } from '../../invitation/submit-invitation';
import { conversationKey } from '../conversation-keys';
import { Turn } from '../turn';
import { BotServices } from '../bot-services';
import { CommandHandler } from './handler';
import { invitationAnswer } from './link-delivery';
import { replyWithCard, replyWithText } from './responses';

/**
 * `invite <email> [display name] [options]`: the text form of an invitation. With `--no-email` in a group chat or
 * channel, the redeem URL goes to the requester privately and the chat is told so.
 */
export const inviteCommand: CommandHandler<'invite'> = {
  command: 'invite',
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
