import { renderInviteForm } from '../../cards/invite-form-card';
import { invitationDefaults } from '../../invitation/invitation-defaults';
import { CommandHandler } from './handler';
import { replyWithCard } from './responses';

/** `invite` alone: the same invitation as a form. */
export const inviteFormCommand: CommandHandler<'inviteForm'> = {
  command: 'inviteForm',
  async handle(turn, _command, services) {
    const { invitations } = services;
    const defaults = invitationDefaults(invitations);
    await replyWithCard(
      turn.context,
      renderInviteForm(turn.t, {
        maxMessageLength: invitations.limits.maxMessageLength,
        defaultRedirectUrl: defaults.redirectUrl,
        canInviteMembers: await invitations.access.isAdmin(turn.requester),
        offeredGroups: defaults.offeredGroups,
      }),
    );
  },
};
