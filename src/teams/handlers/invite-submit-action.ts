import { renderInviteForm } from '../../cards/invite-form-card';
import { invitationDefaults } from '../../invitation/invitation-defaults';
import { INVITE_SUBMIT } from '../../cards/verbs';
import { accessEndBounds } from '../../invitation/access-end';
import { submitInvitation } from '../../invitation/submit-invitation';
import { conversationKey } from '../conversation-keys';
import { CardActionHandler } from './handler';
import { invitationAnswer } from './link-delivery';
import { cardResponse } from './responses';
import { readInviteForm } from './invite-form-data';

/** The invite form's "Invite" button: runs the same use case as the text command; the answer replaces the form. */
export const inviteSubmitAction: CardActionHandler = {
  verb: INVITE_SUBMIT,
  audience: 'accountsThatMayAct',
  graphRights: 'changes',
  async handle(turn, data, services) {
    const { invitations } = services;
    const defaults = invitationDefaults(invitations);
    const { values, draft, groupIds } = readInviteForm(data);
    const offered = new Set(defaults.offeredGroups.map((group) => group.id));
    const outcome = await submitInvitation(invitations, draft, turn.requester, {
      groupIds: groupIds.filter((id) => offered.has(id)),
      replyTo: conversationKey(turn.context.activity.conversation.id),
    });
    services.logger.info({ outcome: outcome.kind }, 'invite form submitted');
    if (outcome.kind === 'invalid') {
      // Re-show the form with what the person typed and what to fix: nothing is lost.
      return cardResponse(
        renderInviteForm(turn.t, {
          values: {
            email: values.email,
            displayName: values.displayName,
            message: values.message,
            cc: values.cc,
            redirectUrl: values.redirectUrl,
            language: values.language,
            sendEmail: values.sendEmail,
            member: values.member,
            groups: values.groups,
            accessEnd: values.accessEnd,
          },
          problems: outcome.problems,
          maxMessageLength: invitations.limits.maxMessageLength,
          defaultRedirectUrl: defaults.redirectUrl,
          canInviteMembers: await invitations.access.isAdmin(turn.requester),
          offeredGroups: defaults.offeredGroups,
          accessEnd: accessEndBounds(invitations.policy.access, invitations.clock.now()),
        }),
      );
    }
    // In a shared chat the answer replaces the form where everyone sees it: the redeem URL goes privately instead.
    return cardResponse(await invitationAnswer(turn, services, outcome));
  },
};
