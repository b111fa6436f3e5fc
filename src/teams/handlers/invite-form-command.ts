import { renderInviteForm } from '../../cards/invite-form-card';
import { accessEndBounds } from '../../invitation/access-end';
import { CommandHandler } from './handler';
import { replyWithCard } from './responses';

/** `invite` alone: the same invitation as a form. */
export const inviteFormCommand: CommandHandler<'inviteForm'> = {
  command: 'inviteForm',
  async handle(turn, _command, services) {
    const { invitations } = services;
    await replyWithCard(
      turn.context,
      renderInviteForm(turn.t, {
        maxMessageLength: invitations.limits.maxMessageLength,
        defaultRedirectUrl: invitations.policy.redirectUrls.default ?? invitations.limits.defaultRedirectUrl,
        canInviteMembers: await invitations.access.isAdmin(turn.requester),
        offeredGroups: invitations.policy.offeredGroups,
        accessEnd: accessEndBounds(invitations.policy.access, invitations.clock.now()),
      }),
    );
  },
};
