import { renderInviteForm } from '../../cards/invite-form-card';
import { invitationDefaults } from '../../invitation/invitation-defaults';
import { accessEndBounds } from '../../invitation/access-end';
import { CommandHandler } from './handler';
import { replyWithCard } from './responses';

export interface InviteFormCommand {
  name: 'inviteForm';
}

/** `invite` alone (the invite command's words with nothing after them): the same invitation as a form. */
export const inviteFormCommand: CommandHandler<InviteFormCommand> = {
  command: 'inviteForm',
  trigger: null,
  help: [{ rank: 20, usage: 'invite', descriptionKey: 'help.inviteForm' }],
  audience: 'accountsThatMayAct',
  // The form's Invite button asks for the sign-in; showing the form calls nobody.
  graphRights: 'none',
  menu: [],
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
        accessEnd: accessEndBounds(invitations.policy.access, invitations.clock.now()),
      }),
    );
  },
};
